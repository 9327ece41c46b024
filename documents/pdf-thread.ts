import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PrintableDocument } from './pdf';

/**
 * Renders PDFs on one thread of their own. Laying out CJK text and subsetting the font for a 审批单
 * takes tens of milliseconds of CPU; on the worker's main thread that held up every decision and step
 * behind it. The thread starts with the first document, keeps the parsed fonts while documents keep
 * coming, and ends after IDLE_MS without one, so a quiet process holds no fonts at all.
 */
const IDLE_MS = 60_000;

// The thread runs the TypeScript module through tsx, whether this process runs under tsx or jest;
// both found from here, not from the working directory.
const BOOT = `const { workerData } = require('node:worker_threads'); require(workerData.tsx).register(); require(workerData.entry);`;
const THREAD_DATA = { tsx: require.resolve('tsx/cjs/api'), entry: join(__dirname, 'pdf-thread-main.ts') };

interface Pending { resolve: (pdf: Buffer) => void; reject: (err: Error) => void }

let thread: Worker | undefined;
let idle: NodeJS.Timeout | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function start(): Worker {
  const w = new Worker(BOOT, { eval: true, workerData: THREAD_DATA, execArgv: [] });
  w.on('message', ({ id, pdf, error }: { id: number; pdf?: Uint8Array; error?: string }) => {
    const p = pending.get(id);
    pending.delete(id);
    if (!p) return;
    if (pdf) p.resolve(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    else p.reject(new Error(`PDF rendering failed: ${error}`));
    if (!pending.size) {
      w.unref();
      idle = setTimeout(stop, IDLE_MS).unref();
    }
  });
  w.on('error', (err) => { if (thread === w) thread = undefined; failAll(err); });
  w.on('exit', (code) => {
    if (thread === w) thread = undefined;
    if (pending.size) failAll(new Error(`the PDF thread exited (code ${code}) with ${pending.size} document(s) unrendered`));
  });
  return w;
}

function stop() {
  const w = thread;
  thread = undefined;
  if (w && !pending.size) void w.terminate();
}

/** The same bytes as `renderPdf(doc)`, rendered off this thread. */
export function renderPdfOffThread(doc: PrintableDocument): Promise<Buffer> {
  clearTimeout(idle);
  thread ??= start();
  // Referenced only while a document is on it: an idle thread never keeps the process alive.
  thread.ref();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    thread!.postMessage({ id, doc });
  });
}
