/** Delegation (转交 / 代理): handing a task over, absences with a substitute, decisions on someone's behalf with both names everywhere. */
import { startStack, Stack, UserClient } from '../support/stack';
import { pdfText } from '../support/pdf-text';
import { until } from '../support/until';

let stack: Stack;
let clerk: UserClient;
let reviewer: UserClient;
let reviewer2: UserClient;
beforeAll(async () => {
  stack = await startStack();
  // A second finance reviewer, who can stand in for the first.
  const first = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer' } });
  await stack.prisma.user.create({ data: { id: 'user-reviewer-2', username: 'reviewer2', displayName: '马丽（预算股审核人）', email: 'reviewer2@county.local', passwordHash: first.passwordHash, roles: ['finance_reviewer'] } });
  [clerk, reviewer, reviewer2] = [await stack.as('clerk_edu'), await stack.as('reviewer'), await stack.as('reviewer2')];
});
afterAll(async () => { await stack?.stop(); });

const compact = (s: string) => s.replace(/\s+/g, '');
/** A time in China time as the absence form sends it ('YYYY-MM-DDTHH:mm:ss', no offset). */
const chinaLocal = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);
const file = async (purpose: string) => (await clerk.post('/budget-requests', { amount: '8000.00', category: 'project', purpose, justification: '' })).body.request;
const mailTo = (user: string, text: string) => until(async () => stack.smtp.received.filter((m) => m.to.some((t) => t.startsWith(`${user}@`)) && (m.subject + m.text).includes(text)), (m) => m.length > 0);
/** A user's open task on a request, as their inbox lists it (their own or one they act on for someone). */
const inboxTask = async (who: UserClient, requestId: string, assignee?: string) =>
  ((await who.get('/tasks')).body.items as { id: string; subjectId: string; assigneeId: string; onBehalfOf?: { name: string } }[])
    .find((t) => t.subjectId === requestId && (!assignee || t.assigneeId === assignee));

describe('handing a task over (转交)', () => {
  it('goes to a colleague holding the step’s role, who decides on the assignee’s behalf: both names in the history, the 审批单 and the outcome e-mail', async () => {
    const request = await file('校舍屋顶防水');
    const task = await until(() => inboxTask(reviewer, request.id, 'user-reviewer'), Boolean);
    const candidates = (await reviewer.get(`/tasks/${task!.id}/hand-over-candidates`)).body.items.map((u: { id: string }) => u.id);
    expect(candidates).toContain('user-reviewer-2');
    expect(candidates).not.toContain('user-director');

    const handed = await reviewer.post(`/tasks/${task!.id}/hand-over`, { toUserId: 'user-reviewer-2', reason: '出差三天' });
    expect(handed.status).toBe(200);
    expect(handed.body.handedOver).toMatchObject({ toId: 'user-reviewer-2', toName: '马丽（预算股审核人）' });
    // the receiver hears of it by e-mail; the assignee can no longer decide it
    await mailTo('reviewer2', '【转交待办】');
    expect((await reviewer.post(`/tasks/${task!.id}/decision`, { action: 'approve' })).body.error.code).toBe('handed_over');
    expect(await inboxTask(reviewer, request.id, 'user-reviewer')).toBeUndefined();
    const held = await inboxTask(reviewer2, request.id, 'user-reviewer');
    expect(held!.onBehalfOf).toMatchObject({ name: '陈红（预算股审核人）' });

    const decided = await reviewer2.post(`/tasks/${task!.id}/decision`, { action: 'reject', comment: '项目不属追加范围' });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ actorName: '马丽（预算股审核人）', onBehalfOf: { name: '陈红（预算股审核人）' } });

    const detail = (await clerk.get(`/budget-requests/${request.id}`)).body;
    expect(detail.decisions[0]).toMatchObject({ action: 'reject', actorId: 'user-reviewer-2', onBehalfOf: { id: 'user-reviewer', name: '陈红（预算股审核人）' } });
    expect(detail.audit.find((e: { type: string }) => e.type === 'task_handed_over').data).toMatchObject({ from: 'user-reviewer', to: 'user-reviewer-2', reason: '出差三天' });
    expect(detail.audit.find((e: { type: string }) => e.type === 'decision_recorded').data).toMatchObject({ onBehalfOf: 'user-reviewer', onBehalfOfName: '陈红（预算股审核人）' });
    // the receiver's 已办 lists it as done for the assignee
    const done = (await reviewer2.get('/tasks?status=done')).body.items.find((t: { id: string }) => t.id === task!.id);
    expect(done.onBehalfOf).toMatchObject({ name: '陈红（预算股审核人）' });

    const pdf = compact(await pdfText(Buffer.from(await (await clerk.download(`/budget-requests/${request.id}/approval-form.pdf`)).arrayBuffer())));
    for (const expected of ['马丽（预算股审核人）（代陈红（预算股审核人））', '转交给马丽', '代陈红（预算股审核人）办理']) expect([expected, pdf.includes(compact(expected))]).toEqual([expected, true]);

    const [outcome] = await until(async () => stack.smtp.received.filter((m) => m.to.some((t) => t.startsWith('clerk_edu@')) && m.subject.includes(request.number) && m.text.includes('Decided by')), (m) => m.length > 0);
    expect(outcome.text).toContain('马丽（预算股审核人）（代 陈红（预算股审核人） / on behalf of 陈红（预算股审核人））');
  });

  it('is refused to someone without the step’s role, naming toUserId and citing R-B2 with its Chinese wording', async () => {
    const request = await file('操场围栏');
    const task = await until(() => inboxTask(reviewer, request.id, 'user-reviewer'), Boolean);
    const refused = await reviewer.post(`/tasks/${task!.id}/hand-over`, { toUserId: 'user-director' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'wrong_role', field: 'toUserId' });
    expect(refused.body.error.message).toMatch(/^R-B2「.+」：「财政局审核」须由财政局预算股审核人办理/);
    expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: task!.id } })).delegateId).toBeNull();
    // and someone who is not its holder cannot hand it anywhere
    expect((await (await stack.as('director')).post(`/tasks/${task!.id}/hand-over`, { toUserId: 'user-reviewer-2' })).status).toBe(403);
  });
});

describe('an absence (代理)', () => {
  it('a substitute must hold the absent user’s roles (422 naming substituteId)', async () => {
    const refused = await reviewer.post('/me/absences', { substituteId: 'user-director', startsAt: chinaLocal(Date.now()), endsAt: chinaLocal(Date.now() + 3600_000) });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ field: 'substituteId' })]);
    expect((await reviewer.post('/me/absences', { substituteId: 'user-reviewer-2', startsAt: '2026-13-01', endsAt: '2026-12-01' })).body.error.fields[0].field).toBe('startsAt');
  });

  it('routes the absent user’s new tasks and their e-mails to the substitute while it runs, and stops when the period ends', async () => {
    const endsAt = Date.now() + 20_000;
    const set = await reviewer.post('/me/absences', { substituteId: 'user-reviewer-2', startsAt: chinaLocal(Date.now() - 60_000), endsAt: chinaLocal(endsAt), reason: '参加培训' });
    expect(set.status).toBe(201);
    expect(set.body.absence).toMatchObject({ status: 'running', substituteName: '马丽（预算股审核人）' });
    const request = await file('食堂设备更新');
    const task = await until(() => inboxTask(reviewer2, request.id, 'user-reviewer'), Boolean);
    expect(task!.onBehalfOf).toMatchObject({ name: '陈红（预算股审核人）' });
    // the absent reviewer's task e-mail went to the substitute, naming the absent reviewer, and not to them
    const [mail] = await mailTo('reviewer2', `【代 陈红（预算股审核人） 办理】追加预算 ${request.number}`);
    expect(mail.text).toContain('陈红（预算股审核人） 不在岗');
    expect(stack.smtp.received.filter((m) => m.to.some((t) => t.startsWith('reviewer@')) && m.subject.includes(request.number))).toEqual([]);
    expect((await reviewer2.get('/me/absences')).body.substituting).toEqual([expect.objectContaining({ userName: '陈红（预算股审核人）' })]);

    // the period ends: the task is the reviewer's again, and the substitute can no longer decide it
    await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now()) + 1_000));
    expect(await inboxTask(reviewer2, request.id, 'user-reviewer')).toBeUndefined();
    expect((await reviewer2.post(`/tasks/${task!.id}/decision`, { action: 'approve' })).status).toBe(403);
    expect(await inboxTask(reviewer, request.id, 'user-reviewer')).toBeDefined();
  });

  it('a substitute retrying a decision made while standing in hears it once the absence is over, not a refusal', async () => {
    // from this second on: the absence of the test before ended a moment ago, and absences may not overlap
    const set = await reviewer.post('/me/absences', { substituteId: 'user-reviewer-2', startsAt: chinaLocal(Date.now()), endsAt: chinaLocal(Date.now() + 3600_000), reason: '病假' });
    expect(set.status).toBe(201);
    const request = await file('图书馆书架更换');
    const task = await until(() => inboxTask(reviewer2, request.id, 'user-reviewer'), Boolean);
    const decided = await reviewer2.post(`/tasks/${task!.id}/decision`, { action: 'approve', comment: '同意（代理）' });
    expect(decided.status).toBe(200);
    // the reviewer is back early and ends the absence; the substitute's client retries (its answer was lost)
    expect((await reviewer.delete(`/me/absences/${set.body.absence.id}`)).status).toBe(200);
    const retried = await reviewer2.post(`/tasks/${task!.id}/decision`, { action: 'approve', comment: '同意（代理）' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ replayed: true, decision: { action: 'approve', onBehalfOf: { id: 'user-reviewer' } } });
    // a different decision is refused as one already made, and a stranger still learns nothing of the task
    expect((await reviewer2.post(`/tasks/${task!.id}/decision`, { action: 'reject', comment: '不同意' })).body.error.code).toBe('already_decided');
    expect((await (await stack.as('director')).post(`/tasks/${task!.id}/decision`, { action: 'approve' })).status).toBe(403);
  });
});

describe('the leader briefing (every leader must respond)', () => {
  it('a substitute cannot respond twice: not for themselves and for an absent colleague; a hand-over to a leader outside the briefing counts the absent one', async () => {
    const request = await file('学生课桌椅');
    const own = await until(() => inboxTask(reviewer, request.id, 'user-reviewer'), Boolean);
    expect((await reviewer.post(`/tasks/${own!.id}/decision`, { action: 'approve' })).status).toBe(200);
    const [secretary, mayor, viceEdu, viceInfra] = [await stack.as('party_secretary'), await stack.as('county_mayor'), await stack.as('vice_mayor_edu'), await stack.as('vice_mayor_infra')];
    expect((await mayor.post('/me/absences', { substituteId: 'user-secretary', startsAt: chinaLocal(Date.now() - 60_000), endsAt: chinaLocal(Date.now() + 3600_000) })).status).toBe(201);

    const secretaryOwn = await until(() => inboxTask(secretary, request.id, 'user-secretary'), Boolean);
    const mayorTask = await until(() => inboxTask(secretary, request.id, 'user-mayor'), Boolean);
    expect(mayorTask!.onBehalfOf).toMatchObject({ name: '黄县长（县长）' });
    expect((await secretary.post(`/tasks/${secretaryOwn!.id}/decision`, { action: 'acknowledge' })).status).toBe(200);
    const twice = await secretary.post(`/tasks/${mayorTask!.id}/decision`, { action: 'acknowledge' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_decided');
    expect(twice.body.error.message).toContain('只能表态一次');

    // handing the mayor's task to a leader already in the briefing is refused; to one outside it, that leader responds for the mayor
    expect((await mayor.post(`/tasks/${mayorTask!.id}/hand-over`, { toUserId: 'user-vice-edu' })).body.error.field).toBe('toUserId');
    expect((await mayor.post(`/tasks/${mayorTask!.id}/hand-over`, { toUserId: 'user-vice-infra' })).status).toBe(200);
    expect((await viceInfra.post(`/tasks/${mayorTask!.id}/decision`, { action: 'acknowledge' })).status).toBe(200);
    expect((await viceEdu.decide(request.id, 'leader_briefing', { action: 'acknowledge' })).body.outcome).toEqual({ position: 'executive_meeting', round: 1 });

    const decisions = (await clerk.get(`/budget-requests/${request.id}`)).body.decisions.filter((d: { step: string }) => d.step === 'leader_briefing');
    expect(decisions.map((d: { actorId: string; onBehalfOf?: { id: string } }) => [d.actorId, d.onBehalfOf?.id ?? null])).toEqual([
      ['user-secretary', null], ['user-vice-infra', 'user-mayor'], ['user-vice-edu', null],
    ]);
  });
});
