import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

/**
 * The CJK font every PDF embeds: Noto Sans SC from an npm package, so printing never depends on the
 * fonts of the machine it runs on. Parsed once per process (the files are ~10 MB each) and the parsed
 * fonts handed to every document, so the glyphs and layouts fontkit caches serve the next 审批单 too;
 * PDFKit still embeds only the glyphs each document uses.
 */
export interface PrintFont {
  regular: Font;
  bold: Font;
}

let loaded: PrintFont | undefined;

const parse = (file: string): Font => create(readFileSync(require.resolve(file))) as Font;

export function printFont(): PrintFont {
  loaded ??= {
    regular: parse('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    bold: parse('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  };
  return loaded;
}
