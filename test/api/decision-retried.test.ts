/**
 * A decision with no effect (a leader's acknowledgement) is recorded in one statement: run again, as a
 * retried activity is, it changes nothing; run for the step's last leader, the request moves on. A
 * decision with an effect on the year's funds runs in one transaction on the pg pool: once, or not at all.
 * Real PostgreSQL and the worker's real activities; the worker is stopped so only these calls write.
 */
import { createTransport } from 'nodemailer';
import { startStack, Stack } from '../support/stack';
import { createActivities } from '../../activities';
import { createMailer } from '../../activities/mail';
import { verifySubjectChain } from '../../activities/audit-chain';
import { chinaDate } from '../../domain';
import type { ChainDecisionInput } from '../../activities/approval/contract';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

it('a retried acknowledgement records one decision and one audit event, and the last one moves the request to the meeting', async () => {
  const clerk = await stack.as('clerk_edu');
  const filed = await clerk.post('/budget-requests', { amount: '56000.00', category: 'project', purpose: '校舍维修', justification: '' });
  expect(filed.status).toBe(201);
  const id = filed.body.request.id as string;
  expect((await (await stack.as('reviewer')).decide(id, 'finance_review', { action: 'approve' })).status).toBe(200);
  const briefing = await (await stack.as('party_secretary')).taskFor(id, 'leader_briefing');
  await stack.stopWorker();

  const tasks = await stack.prisma.task.findMany({ where: { subjectId: id, step: 'leader_briefing' }, orderBy: { assigneeId: 'asc' } });
  expect(tasks.length).toBeGreaterThanOrEqual(2);
  expect(tasks.every((t) => t.status === 'open')).toBe(true);
  expect(tasks.map((t) => t.id)).toContain(briefing.id);
  const waitingSince = (await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id } })).waitingSince;
  expect(waitingSince).not.toBeNull();

  const activities = createActivities({
    prisma: stack.prisma, publicUrl: stack.publicUrl,
    mailer: createMailer(stack.prisma, createTransport({ host: '127.0.0.1', port: stack.smtp.port, secure: false }), 'approvals@test.local'),
  });
  const acknowledge = (t: (typeof tasks)[number], last: boolean): ChainDecisionInput => ({
    chain: 'budget', subjectId: id, round: 1, step: 'leader_briefing', actorId: t.assigneeId, actorRole: t.role as ChainDecisionInput['actorRole'],
    decision: { action: 'acknowledge', comment: '已知悉' }, next: last ? 'executive_meeting' : 'leader_briefing', executedOn: chinaDate(Date.now()), mailSeparately: true,
  });
  const decisionsBy = async (actorId: string) => stack.prisma.decision.count({ where: { subjectId: id, step: 'leader_briefing', actorId } });
  const recorded = async () => stack.prisma.auditEvent.count({ where: { subjectId: id, type: 'decision_recorded' } });
  const before = await recorded();

  // Every leader but the last: twice each, as a retry would
  for (const t of tasks.slice(0, -1)) {
    await activities.recordChainDecision(acknowledge(t, false));
    await activities.recordChainDecision(acknowledge(t, false));
    expect(await decisionsBy(t.assigneeId)).toBe(1);
  }
  const open = await stack.prisma.task.findMany({ where: { subjectId: id, step: 'leader_briefing' }, orderBy: { assigneeId: 'asc' } });
  expect(open.map((t) => t.status)).toEqual([...tasks.slice(0, -1).map(() => 'done'), 'open']);
  let request = await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id } });
  expect(request).toMatchObject({ step: 'leader_briefing', status: 'in_review' });
  expect(request.waitingSince).toEqual(waitingSince); // still waiting on the last leader, since the step opened

  // The last leader: the step is decided, the request moves to the meeting (whose tasks the workflow opens next)
  const last = tasks.at(-1)!;
  await activities.recordChainDecision(acknowledge(last, true));
  await activities.recordChainDecision(acknowledge(last, true));
  expect(await decisionsBy(last.assigneeId)).toBe(1);
  expect(await recorded()).toBe(before + tasks.length);
  request = await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id } });
  expect(request).toMatchObject({ step: 'executive_meeting', status: 'in_review', waitingSince: null });
  expect((await stack.prisma.task.findMany({ where: { subjectId: id, step: 'leader_briefing' } })).every((t) => t.status === 'done' && t.closedAt)).toBe(true);

  // What the request's history shows: each leader's acknowledgement once, with its comment, and an intact audit chain
  const event = await stack.prisma.auditEvent.findFirstOrThrow({ where: { subjectId: id, type: 'decision_recorded', actorId: last.assigneeId } });
  expect(event.data).toEqual({ type: 'decision_recorded', round: 1, step: 'leader_briefing', action: 'acknowledge', role: last.role, next: 'executive_meeting', comment: '已知悉' });
  expect((await verifySubjectChain(stack.prisma, 'budget', id)).intact).toBe(true);
});

it('a retried decision with an effect on the year’s funds reserves and commits once, and a refused reservation leaves no decision behind', async () => {
  const clerk = await stack.as('clerk_edu');
  await stack.startWorker(); // the test before stopped it
  const filed = await clerk.post('/budget-requests', { amount: '12345.67', category: 'project', purpose: '实验室设备', justification: '' });
  expect(filed.status).toBe(201);
  const { id, fiscalYear } = filed.body.request as { id: string; fiscalYear: number };
  await (await stack.as('reviewer')).taskFor(id, 'finance_review');
  await stack.stopWorker();
  const activities = createActivities({
    prisma: stack.prisma, publicUrl: stack.publicUrl,
    mailer: createMailer(stack.prisma, createTransport({ host: '127.0.0.1', port: stack.smtp.port, secure: false }), 'approvals@test.local'),
  });
  const year = () => stack.prisma.fiscalYear.findUniqueOrThrow({ where: { year: fiscalYear } });
  const decide = (step: string, actorId: string, actorRole: string, effect: string, next: string): ChainDecisionInput => ({
    chain: 'budget', subjectId: id, round: 1, step, actorId, actorRole: actorRole as ChainDecisionInput['actorRole'], effect,
    decision: { action: 'approve' }, next, executedOn: chinaDate(Date.now()), mailSeparately: true,
  });
  const events = async (type: string) => stack.prisma.auditEvent.count({ where: { subjectId: id, type } });

  // R-B3 refuses when the year cannot hold it: nothing is written, not even the decision
  const before = await year();
  await stack.prisma.fiscalYear.update({ where: { year: fiscalYear }, data: { availableResources: before.reserved.add(before.committed).add('100.00') } });
  await expect(activities.recordChainDecision(decide('finance_review', 'user-reviewer', 'finance_reviewer', 'reserve', 'leader_briefing'))).rejects.toThrow(/R-B3/);
  expect(await stack.prisma.decision.count({ where: { subjectId: id } })).toBe(0);
  expect(await stack.prisma.reservation.findUnique({ where: { requestId: id } })).toBeNull();
  expect((await year()).reserved.toFixed(2)).toBe(before.reserved.toFixed(2));
  await stack.prisma.fiscalYear.update({ where: { year: fiscalYear }, data: { availableResources: before.availableResources } });

  // Finance approval, twice as a retry would: reserved once
  await activities.recordChainDecision(decide('finance_review', 'user-reviewer', 'finance_reviewer', 'reserve', 'leader_briefing'));
  await activities.recordChainDecision(decide('finance_review', 'user-reviewer', 'finance_reviewer', 'reserve', 'leader_briefing'));
  expect(await stack.prisma.decision.count({ where: { subjectId: id, step: 'finance_review' } })).toBe(1);
  expect((await year()).reserved.toFixed(2)).toBe(before.reserved.add('12345.67').toFixed(2));
  expect(await stack.prisma.reservation.findUniqueOrThrow({ where: { requestId: id } })).toMatchObject({ status: 'reserved' });
  expect((await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id } })).step).toBe('leader_briefing');

  // The NPC's approval, twice: committed once, its one instalment scheduled once
  await activities.recordChainDecision(decide('npc_approval', 'user-npc', 'npc_liaison', 'commit', 'executed'));
  await activities.recordChainDecision(decide('npc_approval', 'user-npc', 'npc_liaison', 'commit', 'executed'));
  const after = await year();
  expect(after.reserved.toFixed(2)).toBe(before.reserved.toFixed(2));
  expect(after.committed.toFixed(2)).toBe(before.committed.add('12345.67').toFixed(2));
  expect((await stack.prisma.reservation.findUniqueOrThrow({ where: { requestId: id } })).status).toBe('committed');
  expect((await stack.prisma.disbursementSchedule.findMany({ where: { requestId: id } })).map((s) => s.amount.toFixed(2))).toEqual(['12345.67']);
  expect(await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ step: 'executed', status: 'executed' });
  for (const type of ['funds_reserved', 'funds_committed', 'disbursement_scheduled']) expect(await events(type)).toBe(1);
  expect(await events('decision_recorded')).toBe(2);
  expect((await verifySubjectChain(stack.prisma, 'budget', id)).intact).toBe(true);
});
