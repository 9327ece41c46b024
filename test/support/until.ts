/** Polls `fn` every 100 ms until `ok` holds for its value (workflows and mail run asynchronously), or throws. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, tries = 150): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}
