import { parentPort } from 'node:worker_threads';
import { renderPdf, type PrintableDocument } from './pdf';

/** The PDF thread's side: renders each document it is sent and sends the bytes back, moved rather than copied. */
parentPort!.on('message', ({ id, doc }: { id: number; doc: PrintableDocument }) => {
  // through a promise, so a document that throws while laid out fails alone instead of ending the thread
  Promise.resolve(doc).then(renderPdf).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
      parentPort!.postMessage({ id, pdf: bytes }, [bytes.buffer]);
    },
    (err: Error) => parentPort!.postMessage({ id, error: err.stack ?? String(err) }),
  );
});
