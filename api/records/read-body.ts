import type { Request } from 'express';
import { AppError } from '../errors';

const DRAIN_LIMIT_MS = 30_000;

const tooLarge = (max: number) => {
  const mb = (max / 1024 / 1024).toFixed(max % (1024 * 1024) === 0 ? 0 : 1);
  return new AppError(413, 'file_too_large', `文件超过 ${mb} MB 的上限 / the file exceeds the limit of ${mb} MB (${max} bytes)`, { field: 'file' });
};

/**
 * Reads the rest of a refused body without keeping it, so the client (still sending) reads our 413
 * rather than a reset connection; a client that will not stop is cut off after a while.
 */
function drain(req: Request): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => { req.destroy(); resolve(); }, DRAIN_LIMIT_MS);
    const done = () => { clearTimeout(timer); resolve(); };
    req.on('end', done).on('error', done).on('close', done).resume();
  });
}

/** The raw request body, refused with 413 naming the limit once it is known to exceed `max` bytes. */
export async function readBody(req: Request, max: number): Promise<Buffer> {
  if (Number(req.get('content-length') ?? NaN) > max) {
    await drain(req);
    throw tooLarge(max);
  }
  // Listening (not `for await`, whose early exit destroys the socket) so a body found too large midway can be drained.
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else { req.off('data', onData); resolve(); }
    };
    req.on('data', onData).on('end', resolve).on('error', reject);
  });
  if (size > max) {
    await drain(req);
    throw tooLarge(max);
  }
  return Buffer.concat(chunks);
}
