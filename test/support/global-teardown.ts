/** Stops every server global-setup started, newest first, so no process outlives the run. */
export default async function globalTeardown(): Promise<void> {
  const stops = ((globalThis as Record<string, unknown>).__approvalsStops ?? []) as (() => Promise<unknown>)[];
  for (const stop of [...stops].reverse()) await stop().catch((e) => console.error('teardown:', e));
}
