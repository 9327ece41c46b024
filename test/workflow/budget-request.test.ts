/**
 * budgetRequestWorkflow (the R-B2 chain) against the Java time-skipping test server, with stub
 * activities that only record their calls. Decisions, resubmissions and withdrawals are workflow
 * updates, exactly as the API sends them; refusals come back as the failures the API maps to HTTP.
 */
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import {
  BudgetRequestDriver, createTimeSkippingEnv, DAY_MS, gate, LEADERS, MEETING, people, refusalOf, RESOLUTION, REVISED_CONTENT,
  stubActivities, UNIT_ID, violationsOf, waitUntil, withBudgetRequest,
} from './budget-harness';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

/** The parts of recordDecision's input a test usually looks at. */
const summary = (d: { step: string; round: number; actorId: string; decision: { action: string }; next: string; funds: string }) =>
  ({ step: d.step, round: d.round, actorId: d.actorId, action: d.decision.action, next: d.next, funds: d.funds });

describe('budget request workflow (R-B2 chain)', () => {
  test('a request every step approves is executed: funds reserved at finance review, committed at NPC approval, each step opened in order', async () => {
    const stubs = stubActivities();
    await withBudgetRequest(env, stubs, async (r) => {
      expect(await r.financeApprove()).toEqual({ position: 'leader_briefing', round: 1 });
      // the decision opened the briefing itself: its tasks exist by the time the decision is answered
      expect(stubs.opened()).toEqual([{ step: 'finance_review', round: 1 }, { step: 'leader_briefing', round: 1 }]);

      await r.opened('leader_briefing');
      const [a, b, c] = LEADERS;
      expect(await r.decide(a, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 })).toEqual({ position: 'leader_briefing', round: 1 });
      expect(await r.decide(b, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 })).toEqual({ position: 'leader_briefing', round: 1 });
      expect((await r.state()).acknowledged).toEqual([a.userId, b.userId]);
      expect(await r.decide(c, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 })).toEqual({ position: 'executive_meeting', round: 1 });

      expect(await r.meetingApprove()).toEqual({ position: 'npc_approval', round: 1 });
      expect(await r.npcApprove()).toEqual({ position: 'executed', round: 1 });
      expect(await r.handle.result()).toBe('executed');

      expect(stubs.opened()).toEqual([
        { step: 'finance_review', round: 1 },
        { step: 'leader_briefing', round: 1 },
        { step: 'executive_meeting', round: 1 },
        { step: 'npc_approval', round: 1 },
      ]);
      const decisions = stubs.decisions();
      expect(decisions.map(summary)).toEqual([
        { step: 'finance_review', round: 1, actorId: people.reviewer.userId, action: 'approve', next: 'leader_briefing', funds: 'reserve' },
        { step: 'leader_briefing', round: 1, actorId: a.userId, action: 'acknowledge', next: 'leader_briefing', funds: 'none' },
        { step: 'leader_briefing', round: 1, actorId: b.userId, action: 'acknowledge', next: 'leader_briefing', funds: 'none' },
        { step: 'leader_briefing', round: 1, actorId: c.userId, action: 'acknowledge', next: 'executive_meeting', funds: 'none' },
        { step: 'executive_meeting', round: 1, actorId: people.secretary.userId, action: 'approve', next: 'npc_approval', funds: 'none' },
        { step: 'npc_approval', round: 1, actorId: people.liaison.userId, action: 'approve', next: 'executed', funds: 'commit' },
      ]);
      expect(decisions.map((d) => d.actorRole)).toEqual([
        'finance_reviewer', 'leader_principal', 'leader_principal', 'leader_in_charge', 'meeting_secretary', 'npc_liaison',
      ]);
      // the meeting and resolution references travel into the record
      expect(decisions[4].decision).toMatchObject({ meetingKind: 'executive', meetingReference: '县政府第12次常务会议' });
      expect(decisions[5].decision).toMatchObject(RESOLUTION);
      expect(decisions.every((d) => d.requestId === r.requestId && /^\d{4}-\d{2}-\d{2}$/.test(d.executedOn))).toBe(true);
      expect(stubs.reminders()).toHaveLength(0);
      expect(await r.state()).toMatchObject({ position: 'executed', round: 1, unitId: UNIT_ID });
      // Each opening owes its step's mails (with the step's decision links) to the worker's mail outbox: no mail activity.
      expect(stubs.openCalls().map((c) => c.input.mailOutbox)).toEqual([
        { actions: ['approve', 'reject', 'return'] }, { actions: ['acknowledge', 'object'] }, { actions: ['approve', 'reject', 'return'] }, { actions: ['approve', 'reject', 'return'] },
      ]);
      expect(stubs.stepMails()).toHaveLength(0);
    });
  });

  describe('a rejection ends the request', () => {
    type Case = { step: 'finance_review' | 'executive_meeting' | 'npc_approval'; funds: string; reachStep: (r: BudgetRequestDriver) => Promise<unknown> };
    test.each<Case>([
      { step: 'finance_review', funds: 'none', reachStep: async () => undefined },
      { step: 'executive_meeting', funds: 'release', reachStep: async (r) => { await r.financeApprove(); await r.briefAll(); } },
      { step: 'npc_approval', funds: 'release', reachStep: async (r) => { await r.financeApprove(); await r.briefAll(); await r.meetingApprove(); } },
    ])('rejected at $step: the workflow ends "rejected", funds effect "$funds"', async ({ step, funds, reachStep }) => {
      const stubs = stubActivities();
      await withBudgetRequest(env, stubs, async (r) => {
        await reachStep(r);
        await r.opened(step);
        const approver = { finance_review: people.reviewer, executive_meeting: people.secretary, npc_approval: people.liaison }[step];
        const extra = step === 'executive_meeting' ? MEETING : {};

        // a rejection needs a reason
        expect(await refusalOf(r.decide(approver, { action: 'reject', ...extra }, { step, round: 1 })))
          .toMatchObject({ code: 'missing_field', status: 422, field: 'comment' });

        expect(await r.decide(approver, { action: 'reject', comment: '不符合追加条件', ...extra }, { step, round: 1 }))
          .toEqual({ position: 'rejected', round: 1 });
        expect(await r.handle.result()).toBe('rejected');

        const last = stubs.decisions().at(-1)!;
        expect(summary(last)).toEqual({ step, round: 1, actorId: approver.userId, action: 'reject', next: 'rejected', funds });
        expect(last.decision.comment).toBe('不符合追加条件');
        // the clerk's outcome mail is owed by the rejection's own recording (OUTCOME_MAIL_OUTBOX): no mail activity, and only the last decision owes one
        expect(stubs.decisions().map((d) => d.outcomeMail === true)).toEqual([...stubs.decisions().slice(1).map(() => false), true]);
        expect(stubs.calls.filter((c) => c.name === 'mailBudgetOutcome')).toHaveLength(0);
        // nothing after the rejecting step was opened, and only finance approval reserved anything
        expect(stubs.opened().at(-1)).toEqual({ step, round: 1 });
        expect(stubs.decisions().filter((d) => d.funds !== 'none').map((d) => d.funds))
          .toEqual(step === 'finance_review' ? [] : ['reserve', 'release']);
      });
    });
  });

  test('returned at finance review, resubmitted by the unit\'s own clerk into round 2, then executed; a clerk of another unit cannot resubmit', async () => {
    const stubs = stubActivities();
    await withBudgetRequest(env, stubs, async (r) => {
      await r.opened('finance_review');
      expect(await r.decide(people.reviewer, { action: 'return', comment: '设备购置部分请压减' }, { step: 'finance_review', round: 1 }))
        .toEqual({ position: 'revision', round: 1 });
      expect(summary(stubs.decisions()[0])).toMatchObject({ action: 'return', next: 'revision', funds: 'none' });
      await r.opened('revision');

      expect(await refusalOf(r.resubmit(people.otherClerk))).toMatchObject({ code: 'not_own_unit', status: 403 });
      expect(await refusalOf(r.resubmit(people.reviewer))).toMatchObject({ code: 'wrong_role', status: 403 });
      expect(stubs.resubmissions()).toHaveLength(0);

      expect(await r.resubmit(people.clerk, REVISED_CONTENT, 1)).toEqual({ position: 'finance_review', round: 2 });
      expect(stubs.resubmissions()).toEqual([{ requestId: r.requestId, round: 2, actorId: people.clerk.userId, content: REVISED_CONTENT }]);
      // round 2's review was opened by the resubmission itself, before its answer (RESUBMIT_OPENS)
      expect(stubs.opened()).toContainEqual({ step: 'finance_review', round: 2 });
      expect(await r.state()).toMatchObject({ position: 'finance_review', round: 2 });

      // the reviewer's round-1 task is gone; round 2 goes through the whole chain again
      expect(await refusalOf(r.decide(people.reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 })))
        .toMatchObject({ code: 'stale_task', status: 409 });
      expect(await r.financeApprove(2)).toEqual({ position: 'leader_briefing', round: 2 });
      expect(await r.briefAll(2)).toEqual({ position: 'executive_meeting', round: 2 });
      expect(await r.meetingApprove(2)).toEqual({ position: 'npc_approval', round: 2 });
      expect(await r.npcApprove(2)).toEqual({ position: 'executed', round: 2 });
      expect(await r.handle.result()).toBe('executed');

      expect(stubs.opened()).toEqual([
        { step: 'finance_review', round: 1 },
        { step: 'revision', round: 1 },
        { step: 'finance_review', round: 2 },
        { step: 'leader_briefing', round: 2 },
        { step: 'executive_meeting', round: 2 },
        { step: 'npc_approval', round: 2 },
      ]);
      expect(stubs.decisions().filter((d) => d.funds !== 'none').map((d) => [d.round, d.funds])).toEqual([[2, 'reserve'], [2, 'commit']]);
    });
  });

  test('leader briefing runs in parallel: two leaders acknowledge, one objects and the request goes back for revision; a later acknowledgement is refused as stale (409)', async () => {
    const stubs = stubActivities();
    await withBudgetRequest(env, stubs, async (r) => {
      await r.financeApprove();
      await r.opened('leader_briefing');
      expect((await r.state()).briefingLeaders).toEqual(LEADERS.map((l) => l.userId));

      const [a, b, c] = LEADERS;
      await r.decide(a, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 });
      await r.decide(b, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 });
      expect(await r.decide(c, { action: 'object', comment: '请先与教育口统筹' }, { step: 'leader_briefing', round: 1 }))
        .toEqual({ position: 'revision', round: 1 });

      const late = await refusalOf(r.decide(a, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 }));
      expect(late).toMatchObject({ code: 'stale_task', status: 409 });
      expect(late.message).toContain('revision');

      expect(await r.state()).toMatchObject({ position: 'revision', round: 1, acknowledged: [] });
      expect(summary(stubs.decisions().at(-1)!)).toEqual({
        step: 'leader_briefing', round: 1, actorId: c.userId, action: 'object', next: 'revision', funds: 'release',
      });
      await r.opened('revision');
      expect(stubs.opened().map((o) => o.step)).not.toContain('executive_meeting');
    });
  });

  test('a finance reviewer deciding at the executive meeting is refused by the validator (403 wrong_role): nothing in the history, state unchanged', async () => {
    const stubs = stubActivities();
    await withBudgetRequest(env, stubs, async (r) => {
      await r.financeApprove();
      await r.briefAll();
      await r.opened('executive_meeting');
      const before = await r.state();
      const decisionsBefore = stubs.decisionAttempts().length;

      const refusedId = `wrong-role-${randomUUID()}`;
      const refusal = await refusalOf(r.decide(people.reviewer, { action: 'approve', ...MEETING }, { step: 'executive_meeting', round: 1 }, refusedId));
      expect(refusal).toMatchObject({ code: 'wrong_role', status: 403 });
      expect(refusal.message).toContain('meeting_secretary');

      expect(await r.state()).toEqual(before);
      expect(stubs.decisionAttempts()).toHaveLength(decisionsBefore);
      const inHistory = await r.updateIdsInHistory();
      expect(new Set(inHistory).size).toBe(4); // the finance approval and three acknowledgements
      expect(inHistory).not.toContain(refusedId);

      // the meeting secretary can still decide
      expect(await r.meetingApprove()).toEqual({ position: 'npc_approval', round: 1 });
    });
  });

  test('stale and repeated decisions are refused: a double-clicked approval counts once, a leader cannot acknowledge twice, an old task is stale (409)', async () => {
    const stubs = stubActivities();
    await withBudgetRequest(env, stubs, async (r) => {
      await r.opened('finance_review');
      const approve = () => r.decide(people.reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 });
      // both arrive together (usually in one workflow activation): the handlers' mutex must let only one through
      const outcomes = await Promise.allSettled([approve(), approve()]);
      const accepted = outcomes.filter((o) => o.status === 'fulfilled');
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(accepted).toHaveLength(1);
      expect(await refusalOf(Promise.reject(rejected[0].reason))).toMatchObject({ code: 'stale_task', status: 409 });
      expect(stubs.decisionAttempts()).toHaveLength(1);

      await r.opened('leader_briefing');
      await r.decide(people.principalA, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 });
      expect(await refusalOf(r.decide(people.principalA, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 })))
        .toMatchObject({ code: 'already_decided', status: 409 });
      await r.decide(people.principalB, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 });
      await r.decide(people.inCharge, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 });

      // the reviewer's screen still shows the finance review task
      const stale = await refusalOf(r.decide(people.reviewer, { action: 'reject', comment: '重新考虑' }, { step: 'finance_review', round: 1 }));
      expect(stale).toMatchObject({ code: 'stale_task', status: 409 });
      expect(stale.message).toContain('now executive_meeting, round 1');
      expect(await r.state()).toMatchObject({ position: 'executive_meeting', round: 1 });
      expect(stubs.decisionAttempts()).toHaveLength(4);
    });
  });

  test('finance approval refused by the funds check (R-B3) reaches the reviewer as a RuleViolation; the request stays in finance review and can then be rejected', async () => {
    const r_b3 = { ruleId: 'R-B3', zh: '要做到收支平衡，不得超财力追加形成财政赤字', en: 'No supplementary budget beyond available resources.', detail: '申请 500000.00 元超出剩余可用财力 120000.00 元', field: 'amount' };
    const stubs = stubActivities({
      recordDecision: (i) => {
        if (i.funds === 'reserve') throw ApplicationFailure.create({ type: 'RuleViolation', message: `R-B3 ${r_b3.zh}: ${r_b3.detail}`, nonRetryable: true, details: [[r_b3]] });
      },
    });
    await withBudgetRequest(env, stubs, async (r) => {
      await r.opened('finance_review');
      const { message, violations } = await violationsOf(r.decide(people.reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 }));
      expect(violations).toEqual([r_b3]);
      expect(message).toContain('R-B3');

      // tried once (not retried), nothing moved
      expect(stubs.decisionAttempts().map((c) => [c.input.funds, c.outcome])).toEqual([['reserve', 'threw']]);
      expect(await r.state()).toMatchObject({ position: 'finance_review', round: 1 });
      expect(stubs.opened()).toEqual([{ step: 'finance_review', round: 1 }]);

      expect(await r.decide(people.reviewer, { action: 'reject', comment: '超出可用财力' }, { step: 'finance_review', round: 1 }))
        .toEqual({ position: 'rejected', round: 1 });
      expect(await r.handle.result()).toBe('rejected');
      expect(summary(stubs.decisions()[0])).toMatchObject({ action: 'reject', next: 'rejected', funds: 'none' });
    });
  });

  test('an open step is reminded every 3 simulated days: twice in 7 days without a decision, then the next step has its own clock', async () => {
    // a server of its own: its clock must not depend on how earlier tests left theirs (see createTimeSkippingEnv)
    const clock = await createTimeSkippingEnv();
    try {
      await remindersScenario(clock);
    } finally {
      await clock.teardown();
    }
  });

  async function remindersScenario(clock: TestWorkflowEnvironment): Promise<void> {
    const stubs = stubActivities();
    await withBudgetRequest(clock, stubs, async (r) => {
      await r.opened('finance_review');
      const t0 = await clock.currentTimeMs();
      const remindersAt = () => stubs.reminders().filter((c) => c.outcome === 'ok').map((c) => Math.round((c.scheduledAt - t0) / 60_000) / (24 * 60));

      await clock.sleep('2 days');
      expect(stubs.reminders()).toHaveLength(0);

      await clock.sleep('25 hours'); // day 3 + 1 h
      await waitUntil(() => remindersAt().length === 1, 'first reminder');
      expect(remindersAt()[0]).toBeCloseTo(3, 2);

      await clock.sleep('4 days'); // day 7 + 1 h
      await waitUntil(() => remindersAt().length === 2, 'second reminder');
      expect(remindersAt()[1]).toBeCloseTo(6, 2);
      expect(stubs.reminders().map((c) => c.input)).toEqual([
        { requestId: r.requestId, round: 1, step: 'finance_review' },
        { requestId: r.requestId, round: 1, step: 'finance_review' },
      ]);
      await new Promise((res) => setTimeout(res, 300));
      expect(stubs.reminders()).toHaveLength(2); // the third is due on day 9

      // a decision stops the reminders of that step; the briefing is reminded 3 days after it opened
      await r.financeApprove();
      await r.opened('leader_briefing');
      const t1 = await clock.currentTimeMs();
      await clock.sleep('73 hours');
      await waitUntil(() => stubs.reminders().length === 3, 'briefing reminder');
      const third = stubs.reminders()[2];
      expect(third.input).toEqual({ requestId: r.requestId, round: 1, step: 'leader_briefing' });
      expect(Math.abs(third.scheduledAt - t1 - 3 * DAY_MS)).toBeLessThan(60_000);
    });
  }

  test('a returned request withdrawn by its clerk ends "withdrawn"; the reservation was released at the return', async () => {
    const stubs = stubActivities();
    await withBudgetRequest(env, stubs, async (r) => {
      await r.opened('finance_review');
      // only a returned request can be withdrawn
      expect(await refusalOf(r.withdraw(people.clerk, '不再需要'))).toMatchObject({ code: 'stale_task', status: 409 });

      await r.financeApprove();
      await r.briefAll();
      await r.opened('executive_meeting');
      expect(await r.decide(people.secretary, { action: 'return', comment: '请补充测算依据', ...MEETING }, { step: 'executive_meeting', round: 1 }))
        .toEqual({ position: 'revision', round: 1 });
      await r.opened('revision');

      expect(await refusalOf(r.withdraw(people.otherClerk, '不再需要'))).toMatchObject({ code: 'not_own_unit', status: 403 });
      expect(await r.withdraw(people.clerk, '年内已无实施条件')).toEqual({ position: 'withdrawn', round: 1 });
      expect(await r.handle.result()).toBe('withdrawn');

      const decisions = stubs.decisions();
      expect(decisions.filter((d) => d.funds !== 'none').map((d) => [d.step, d.funds])).toEqual([['finance_review', 'reserve'], ['executive_meeting', 'release']]);
      expect(decisions.at(-1)).toMatchObject({
        step: 'revision', round: 1, actorId: people.clerk.userId, actorRole: 'dept_clerk', next: 'withdrawn', funds: 'none',
        decision: { action: 'withdraw', comment: '年内已无实施条件' },
      });
    });
  });

  // A clerk acting while the revision tasks are still being opened must not leave a task open for good.
  test('a resubmission waits until the revision task is opened', async () => {
    const hold = gate();
    const stubs = stubActivities({ openStepTasks: (i) => (i.step === 'revision' ? hold.wait : undefined) });
    await withBudgetRequest(env, stubs, async (r) => {
      try {
        await r.opened('finance_review');
        // the return decision opens the revision step itself, so it is answered once the revision task exists
        const returned = r.decide(people.reviewer, { action: 'return', comment: '请修改' }, { step: 'finance_review', round: 1 });
        returned.catch(() => undefined);
        await waitUntil(() => stubs.openCalls().some((c) => c.input.step === 'revision'), 'revision tasks being opened');

        const resubmitted = r.resubmit(people.clerk);
        resubmitted.catch(() => undefined);
        await new Promise((res) => setTimeout(res, 1000));
        // expected: nothing recorded while the revision tasks are still being opened
        expect(stubs.resubmissions()).toHaveLength(0);
        hold.open();
        expect(await returned).toEqual({ position: 'revision', round: 1 });
        expect(await resubmitted).toEqual({ position: 'finance_review', round: 2 });
      } finally {
        hold.open();
      }
    });
  });
});
