import { allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

/**
 * The bench's bare-Temporal baseline: what the same chain costs with nothing of the product in it.
 * `bareChain` waits for six updates (finance approval, three briefing acknowledgements, meeting, NPC),
 * each calling one no-op activity; `bareSleeper` is an open loan with nothing to do but sleep.
 */
export const stepUpdate = defineUpdate<number, [string]>('step');
export const stepsQuery = defineQuery<number>('steps');
export const BARE_STEPS = 6;

const { noop } = proxyActivities<{ noop(step: string): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function bareChain(): Promise<number> {
  let done = 0;
  setHandler(stepUpdate, async (step) => {
    await noop(step);
    return ++done;
  });
  setHandler(stepsQuery, () => done);
  await condition(() => done >= BARE_STEPS);
  await condition(allHandlersFinished);
  return done;
}

export async function bareSleeper(): Promise<void> {
  setHandler(stepsQuery, () => 0);
  await sleep('300 days');
}
