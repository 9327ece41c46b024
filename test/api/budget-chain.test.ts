import { mailFor } from '../support/email-links';
import { startStack, Stack, UserClient } from '../support/stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const request = (over: Record<string, unknown> = {}) => ({
  amount: '1250000.50', category: 'three_guarantees_personnel',
  purpose: '乡镇教师绩效工资缺口', justification: '年中教师调资后绩效工资缺口，经测算需追加。', ...over,
});

async function decide(user: UserClient, requestId: string, body: Record<string, unknown>, step?: string) {
  const task = await user.taskFor(requestId, step);
  return user.post(`/tasks/${task.id}/decision`, body);
}

describe('supplementary budget over HTTP, the whole R-B2 chain', () => {
  it('walks finance review, briefing, meeting and NPC approval, then is executed with a schedule and full history', async () => {
    const clerk = await stack.as('clerk_edu');
    const created = await clerk.post('/budget-requests', request());
    expect(created.status).toBe(201);
    const id = created.body.request.id;
    expect(created.body.request).toMatchObject({ status: 'in_review', step: 'finance_review', amount: '1250000.50', round: 1 });
    expect(created.body.request.number).toMatch(/^ZJ-2026-\d{6}$/);
    expect(created.body.request.flags.map((f: { ruleId: string }) => f.ruleId)).toEqual(['R-B5']);

    const reviewer = await stack.as('reviewer');
    const approved = await decide(reviewer, id, { action: 'approve', comment: '财力可以保障' });
    expect(approved.status).toBe(200);
    expect(approved.body.outcome).toEqual({ position: 'leader_briefing', round: 1 });
    // The decision opened the briefing: each leader's inbox shows it the moment the reviewer has the answer.
    const briefed = await stack.prisma.task.findMany({ where: { subjectId: id, step: 'leader_briefing', status: 'open' }, include: { assignee: true } });
    expect(briefed.map((t) => t.assignee.username).sort()).toEqual(['county_mayor', 'party_secretary', 'vice_mayor_edu']);

    const director = await stack.as('director');
    const fy = await director.get('/fiscal-years/2026');
    expect(fy.body.fiscalYear).toMatchObject({ reserved: '1250000.50', committed: '0.00', remaining: '48749999.50' });

    // Every principal leader and the unit's leader in charge must acknowledge.
    for (const name of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) {
      const leader = await stack.as(name);
      const r = await decide(leader, id, { action: 'acknowledge', comment: '同意上会' });
      expect(r.status).toBe(200);
    }
    const infraLeader = await stack.as('vice_mayor_infra');
    expect((await infraLeader.get('/tasks')).body.items).toHaveLength(0);

    const secretary = await stack.as('meeting_secretary');
    const meeting = await decide(secretary, id, { action: 'approve', meetingKind: 'executive', meetingReference: '县政府第12次常务会议' });
    expect(meeting.body.outcome.position).toBe('npc_approval');

    const npc = await stack.as('npc_liaison');
    const done = await decide(npc, id, { action: 'approve', resolutionReference: '县人大常委会〔2026〕8号批复' });
    expect(done.status).toBe(200);
    expect(done.body.request).toMatchObject({ status: 'executed', step: 'executed' });

    const detail = await clerk.get(`/budget-requests/${id}`);
    expect(detail.status).toBe(200);
    // The decision's answer shows the request exactly as its page does (amount, unit, flags, times).
    expect(done.body.request).toEqual(detail.body.request);
    expect(detail.body.decisions.map((d: { step: string; action: string }) => `${d.step}:${d.action}`)).toEqual([
      'finance_review:approve', 'leader_briefing:acknowledge', 'leader_briefing:acknowledge', 'leader_briefing:acknowledge',
      'executive_meeting:approve', 'npc_approval:approve',
    ]);
    expect(detail.body.decisions[4]).toMatchObject({ meetingKind: 'executive', meetingReference: '县政府第12次常务会议' });
    expect(detail.body.decisions[5]).toMatchObject({ resolutionReference: '县人大常委会〔2026〕8号批复' });
    expect(detail.body.reservation).toMatchObject({ status: 'committed', amount: '1250000.50' });
    expect(detail.body.disbursementSchedule).toHaveLength(1);
    expect(detail.body.disbursementSchedule[0].amount).toBe('1250000.50');
    expect(detail.body.audit.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining([
      'request_submitted', 'tasks_opened', 'decision_recorded', 'funds_reserved', 'funds_committed', 'disbursement_scheduled',
    ]));
    expect(detail.body.tasks.every((t: { status: string }) => t.status !== 'open')).toBe(true);

    const after = await director.get('/fiscal-years/2026');
    expect(after.body.fiscalYear).toMatchObject({ reserved: '0.00', committed: '1250000.50', remaining: '48749999.50' });

    // Each step's approvers got an e-mail, in Chinese, with the request's facts.
    const toReviewer = stack.smtp.received.find((m) => m.to.includes('reviewer@county.local'));
    expect(toReviewer?.subject).toContain('财政局审核');
    expect(toReviewer?.text).toContain('1,250,000.50 元');
    // The outcome mail goes out in an activity of its own, which the decision does not wait for.
    await mailFor(stack, 'clerk_edu', '', '已批复执行');
  });

  it('returns a request for revision, takes the resubmission into the same request, and keeps both rounds', async () => {
    const clerk = await stack.as('clerk_water');
    const id = (await clerk.post('/budget-requests', request({ category: 'project', amount: '300000.00', purpose: '防汛物资储备' }))).body.request.id;
    const reviewer = await stack.as('reviewer');
    const returned = await decide(reviewer, id, { action: 'return', comment: '请补充测算依据' });
    expect(returned.body.request).toMatchObject({ status: 'returned', step: 'revision' });

    const task = await clerk.taskFor(id, 'revision');
    expect(task.round).toBe(1);
    const resubmitted = await clerk.post(`/budget-requests/${id}/resubmit`, { ...request({ category: 'project', amount: '280000.00', purpose: '防汛物资储备（已补充测算）' }), round: 1 });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.request).toMatchObject({ status: 'in_review', step: 'finance_review', round: 2, amount: '280000.00' });

    const again = await decide(reviewer, id, { action: 'approve' }, 'finance_review');
    expect(again.body.outcome).toEqual({ position: 'leader_briefing', round: 2 });
    const detail = await clerk.get(`/budget-requests/${id}`);
    expect(detail.body.rounds.map((r: { round: number; content: { amount: string } }) => [r.round, r.content.amount])).toEqual([[1, '300000.00'], [2, '280000.00']]);
    expect(detail.body.decisions.map((d: { round: number; action: string }) => `${d.round}:${d.action}`)).toEqual(['1:return', '1:resubmit', '2:approve']);
    expect(detail.body.reservation).toMatchObject({ status: 'reserved', amount: '280000.00' });
  });

  it('ends a request rejected at the meeting and gives its reservation back', async () => {
    const clerk = await stack.as('clerk_health');
    const id = (await clerk.post('/budget-requests', request({ amount: '500000.00' }))).body.request.id;
    const director = await stack.as('director');
    const before = (await director.get('/fiscal-years/2026')).body.fiscalYear;
    await decide(await stack.as('reviewer'), id, { action: 'approve' });
    for (const name of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) await decide(await stack.as(name), id, { action: 'acknowledge' });
    const rejected = await decide(await stack.as('meeting_secretary'), id, { action: 'reject', comment: '暂缓安排', meetingKind: 'office', meetingReference: '县政府第3次办公会议' });
    expect(rejected.body.request).toMatchObject({ status: 'rejected', step: 'rejected' });
    const after = (await director.get('/fiscal-years/2026')).body.fiscalYear;
    expect(after.reserved).toBe(before.reserved);
    expect((await clerk.get(`/budget-requests/${id}`)).body.reservation.status).toBe('released');
  });

  it('answers an objection in the briefing by returning the request to the department', async () => {
    const clerk = await stack.as('clerk_edu');
    const id = (await clerk.post('/budget-requests', request({ amount: '1000.00' }))).body.request.id;
    await decide(await stack.as('reviewer'), id, { action: 'approve' });
    await decide(await stack.as('party_secretary'), id, { action: 'acknowledge' });
    const objected = await decide(await stack.as('county_mayor'), id, { action: 'object', comment: '请压减规模' });
    expect(objected.body.request).toMatchObject({ status: 'returned', step: 'revision' });
    const late = await stack.as('vice_mayor_edu');
    expect((await late.get('/tasks')).body.items.filter((t: { subjectId: string }) => t.subjectId === id)).toHaveLength(0);
  });
});
