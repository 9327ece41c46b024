import { readFileSync } from 'node:fs';

/**
 * The CJK font every PDF embeds: Noto Sans SC from an npm package, so printing never depends on the
 * fonts of the machine it runs on. Read once per process (the files are ~10 MB each); PDFKit embeds
 * only the glyphs a document uses.
 */
export interface PrintFont {
  regular: Buffer;
  bold: Buffer;
}

let loaded: PrintFont | undefined;

export function printFont(): PrintFont {
  loaded ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return loaded;
}
