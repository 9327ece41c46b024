import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The text a reader would extract from a PDF (pdf.js, in a child process: see pdf-text.mjs). */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}
