/**
 * 抄送 over HTTP with the real stack: a chain step copies users by its definition (the budget's NPC
 * step copies the finance director), an approver copies users while deciding or from the task; the
 * copied read the request (抄送我的, the request page) and get an e-mail without decision links, and
 * can never act on it.
 */
import { startStack, Stack, UserClient } from '../support/stack';
import { mailTo } from '../support/email-links';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

async function fileRequest(clerk: UserClient, purpose: string) {
  const res = await clerk.post('/budget-requests', { amount: '73000.00', category: 'project', purpose, justification: '' });
  expect(res.status).toBe(201);
  return res.body.request as { id: string; number: string };
}

const copyMailFor = (username: string, number: string) => mailTo(stack, username, number, '【抄送】');

const copiesOf = async (who: UserClient, subjectId: string) =>
  ((await who.get('/copies')).body.items as { subjectId: string; step: string; copiedBy: { displayName: string } | null; comment: string | null; request: { number: string } | null }[])
    .filter((c) => c.subjectId === subjectId);

describe('抄送 (copy)', () => {
  it('an approver copies a clerk of another unit while deciding: they read the request, see it in 抄送我的, get an e-mail without links, and can never act', async () => {
    const clerk = await stack.as('clerk_edu');
    const r = await fileRequest(clerk, '学校食堂设备更新（抄送）');
    const outsider = await stack.as('clerk_water');
    expect((await outsider.get(`/budget-requests/${r.id}`)).status).toBe(403);

    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(r.id);
    const decided = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'return', comment: '请补充设备清单', copy: { userIds: ['user-clerk-water'], comment: '供水利局参考设备标准' } });
    expect(decided.status).toBe(200);
    expect(decided.body.copied).toEqual(['user-clerk-water']);

    expect((await outsider.get(`/budget-requests/${r.id}`)).status).toBe(200);
    expect((await outsider.download(`/budget-requests/${r.id}/approval-form.pdf`)).status).toBe(200);
    expect(await copiesOf(outsider, r.id)).toEqual([expect.objectContaining({
      step: 'finance_review', copiedBy: { id: 'user-reviewer', displayName: '陈红（预算股审核人）' }, comment: '供水利局参考设备标准', request: expect.objectContaining({ number: r.number }),
    })]);
    const mail = await copyMailFor('clerk_water', r.number);
    expect(mail.text).toContain('陈红（预算股审核人）将此追加预算抄送给您知悉');
    expect(mail.text).toContain('您无需办理');
    expect(mail.text).not.toContain('/email-actions/');

    // never acts: not the reviewer's task, not the returned request's resubmission or withdrawal
    expect((await outsider.post(`/tasks/${task.id}/decision`, { action: 'approve' })).status).toBe(403);
    await clerk.taskFor(r.id, 'revision');
    const resubmit = await outsider.post(`/budget-requests/${r.id}/resubmit`, { amount: '70000.00', category: 'project', purpose: '学校食堂设备更新（修改后）', justification: '按审核意见补充设备清单' });
    expect(resubmit.status).toBe(403);
    expect((await outsider.post(`/budget-requests/${r.id}/withdraw`, { comment: '撤回' })).status).toBe(403);
    expect((await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id: r.id } })).step).toBe('revision');
    expect(await stack.prisma.auditEvent.count({ where: { subjectId: r.id, type: 'copied', actorId: 'user-reviewer' } })).toBe(1);
  });

  it('copies from an open task: only its approver may, only existing users, each user once', async () => {
    const r = await fileRequest(await stack.as('clerk_health'), '村卫生室改造（抄送任务）');
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(r.id);
    expect((await (await stack.as('director')).post(`/tasks/${task.id}/copy`, { userIds: ['user-treasury'] })).status).toBe(403);
    const unknown = await reviewer.post(`/tasks/${task.id}/copy`, { userIds: ['user-nobody'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe('userIds');
    expect((await reviewer.post(`/tasks/${task.id}/copy`, { userIds: [] })).status).toBe(400);

    const first = await reviewer.post(`/tasks/${task.id}/copy`, { userIds: ['user-treasury', 'user-clerk-edu'] });
    expect(first.status).toBe(201);
    expect(first.body.copied.sort()).toEqual(['user-clerk-edu', 'user-treasury']);
    expect((await reviewer.post(`/tasks/${task.id}/copy`, { userIds: ['user-treasury'] })).body.copied).toEqual([]);
    // the trail: the copy names whom it newly copied, in the order given, once
    const events = await stack.prisma.auditEvent.findMany({ where: { subjectId: r.id, type: 'copied' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.actorId, e.data])).toEqual([
      ['user-reviewer', { type: 'copied', round: 1, step: 'finance_review', users: ['user-treasury', 'user-clerk-edu'] }],
    ]);
    await copyMailFor('treasury', r.number);
    expect(await copiesOf(await stack.as('treasury'), r.id)).toHaveLength(1);
    // the copied clerk of another unit reads this request, and still no other of that unit
    const eduClerk = await stack.as('clerk_edu');
    expect((await eduClerk.get(`/budget-requests/${r.id}`)).status).toBe(200);
    const other = await fileRequest(await stack.as('clerk_health'), '另一项申请（未抄送）');
    expect((await eduClerk.get(`/budget-requests/${other.id}`)).status).toBe(403);
  });

  it('the budget chain copies the finance director when a request reaches the NPC step (the definition\'s `copy`)', async () => {
    const clerk = await stack.as('clerk_edu');
    const r = await fileRequest(clerk, '教师周转宿舍维修（人大审批抄送）');
    expect((await (await stack.as('reviewer')).decide(r.id, 'finance_review', { action: 'approve' })).status).toBe(200);
    for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) {
      expect((await (await stack.as(leader)).decide(r.id, 'leader_briefing', { action: 'acknowledge' })).status).toBe(200);
    }
    expect((await (await stack.as('meeting_secretary')).decide(r.id, 'executive_meeting', { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第20次常务会议' })).status).toBe(200);
    await (await stack.as('npc_liaison')).taskFor(r.id, 'npc_approval');

    const director = await stack.as('director');
    const copies = await (async () => {
      for (let i = 0; i < 100; i++) {
        const c = await copiesOf(director, r.id);
        if (c.length) return c;
        await new Promise((res) => setTimeout(res, 100));
      }
      return [];
    })();
    expect(copies).toEqual([expect.objectContaining({ step: 'npc_approval', copiedBy: null })]);
    const mail = await copyMailFor('director', r.number);
    expect(mail.subject).toContain('人大');
    expect(mail.text).not.toContain('/email-actions/');
    // copied, never assigned: the director holds no task of the NPC step
    expect(await stack.prisma.task.count({ where: { subjectId: r.id, step: 'npc_approval', assigneeId: 'user-director' } })).toBe(0);
    // the trail names the rule's copy once, by nobody, after the step's tasks were opened
    const events = await stack.prisma.auditEvent.findMany({ where: { subjectId: r.id, type: { in: ['copied', 'tasks_opened'] } }, orderBy: { seq: 'asc' } });
    expect(events.slice(-2).map((e) => [e.type, e.actorId, e.data])).toEqual([
      ['tasks_opened', null, expect.objectContaining({ step: 'npc_approval' })],
      ['copied', null, { type: 'copied', round: 1, step: 'npc_approval', users: ['user-director'] }],
    ]);
  });
});
