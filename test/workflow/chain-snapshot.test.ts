/**
 * A chain's definition is data snapshotted into each workflow's input when the request is filed:
 * requests filed under one definition keep it while the county changes the chain for new ones.
 * Two requests run side by side on the same workflow code, one under today's R-B2 definition and one
 * under a changed one (the finance review moved to the director); each follows its own snapshot.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { BUDGET_CHAIN_DEFINITION, ChainDefinition, RULES, ZChainDefinition } from '../../domain';
import { createTimeSkippingEnv, people, refusalOf, stubActivities, withBudgetRequest } from './budget-harness';

let env: TestWorkflowEnvironment;
beforeAll(async () => { env = await createTimeSkippingEnv(); });
afterAll(async () => { await env?.teardown(); });

const director = { userId: 'u-director', roles: ['finance_director' as const], unitId: null };

/** The chain as the county might change it later: version 2, the finance review decided by the director. */
const changed: ChainDefinition = ZChainDefinition.parse({
  ...BUDGET_CHAIN_DEFINITION, version: 2,
  steps: {
    ...BUDGET_CHAIN_DEFINITION.steps,
    finance_review: { ...BUDGET_CHAIN_DEFINITION.steps.finance_review, roles: ['finance_director'], assignees: { kind: 'role', role: 'finance_director' } },
  },
});

describe('chain definitions are snapshotted into each request', () => {
  it('a request filed under the old definition stays on it while one filed under the changed definition follows the new one', async () => {
    const before = stubActivities();
    const after = stubActivities();
    await withBudgetRequest(env, before, async (old) => {
      await withBudgetRequest(env, after, async (fresh) => {
        await old.opened('finance_review');
        await fresh.opened('finance_review');
        const at = { step: 'finance_review', round: 1 };

        // the old request: the reviewer decides, as when it was filed; the director is refused citing R-B2
        const refusedDirector = await refusalOf(old.decide(director, { action: 'approve' }, at));
        expect(refusedDirector).toMatchObject({ code: 'wrong_role', status: 403, ruleId: 'R-B2', violations: [{ ruleId: 'R-B2', zh: RULES['R-B2'].zh }] });
        expect(await old.decide(people.reviewer, { action: 'approve' }, at)).toEqual({ position: 'leader_briefing', round: 1 });

        // the new request: the changed definition's director decides, the reviewer no longer may
        expect(await refusalOf(fresh.decide(people.reviewer, { action: 'approve' }, at))).toMatchObject({ code: 'wrong_role' });
        expect(await fresh.decide(director, { action: 'approve' }, at)).toEqual({ position: 'leader_briefing', round: 1 });
      }, { chain: changed });
    }, { chain: BUDGET_CHAIN_DEFINITION });
    // each workflow decided under its own snapshot, with the effect its definition names
    expect(before.decisions().map((d) => [d.actorId, d.funds])).toEqual([[people.reviewer.userId, 'reserve']]);
    expect(after.decisions().map((d) => [d.actorId, d.actorRole, d.funds])).toEqual([[director.userId, 'finance_director', 'reserve']]);
  });

  it('the definitions the engine runs are valid data: a definition leading nowhere is refused', () => {
    expect(ZChainDefinition.safeParse(BUDGET_CHAIN_DEFINITION).success).toBe(true);
    const broken = { ...BUDGET_CHAIN_DEFINITION, steps: { ...BUDGET_CHAIN_DEFINITION.steps, npc_approval: { ...BUDGET_CHAIN_DEFINITION.steps.npc_approval, actions: { approve: { leadsTo: 'nowhere' } } } } };
    const parsed = ZChainDefinition.safeParse(broken);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain('nowhere');
  });
});
