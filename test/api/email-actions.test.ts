import { randomBytes } from 'node:crypto';
import { startStack, Stack, UserClient } from '../support/stack';
import { confirm, linksOf, mailFor, open, sha256, tokenOf } from '../support/email-links';
import { issueActionLinks } from '../../activities/email-action-links';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const request = (over: Record<string, unknown> = {}) => ({
  amount: '86000.00', category: 'three_guarantees_operations',
  purpose: '乡镇卫生院冬季取暖运转经费', justification: '', ...over,
});

async function file(clerk: UserClient, over: Record<string, unknown> = {}) {
  const res = await clerk.post('/budget-requests', request(over));
  expect(res.status).toBe(201);
  return res.body.request as { id: string; number: string };
}
const decisionsOf = (requestId: string) => stack.prisma.decision.findMany({ where: { subjectId: requestId }, orderBy: { decidedAt: 'asc' } });
const stepOf = async (requestId: string) => (await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id: requestId } })).step;

describe('deciding from e-mail', () => {
  it('mails the reviewer approve, reject and return links, stored only as hashes and expiring in 7 days', async () => {
    const r = await file(await stack.as('clerk_health'));
    const mail = await mailFor(stack, 'reviewer', r.number, '财政局审核');
    const links = linksOf(stack, mail);
    expect(Object.keys(links).sort()).toEqual(['approve', 'reject', 'return']);
    for (const url of Object.values(links)) expect(url).toMatch(/\/email-actions\/[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain('同意 / Approve');

    const task = await (await stack.as('reviewer')).taskFor(r.id);
    const rows = await stack.prisma.emailActionToken.findMany({ where: { taskId: task.id } });
    expect(rows.map((t) => t.action).sort()).toEqual(['approve', 'reject', 'return']);
    expect(rows.map((t) => t.tokenHash).sort()).toEqual(Object.values(links).map((u) => sha256(tokenOf(u))).sort());
    for (const row of rows) {
      expect(Object.values(links).map(tokenOf)).not.toContain(row.tokenHash);
      const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
      expect(days).toBeCloseTo(7, 2);
    }
  });

  it('opening a link shows a confirmation page and decides nothing, however often a mail scanner opens it', async () => {
    const r = await file(await stack.as('clerk_health'));
    const { approve } = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));
    for (let i = 0; i < 3; i++) {
      const page = await open(approve);
      expect(page.status).toBe(200);
      expect(page.html).toContain('确认「同意」');
      expect(page.html).toContain(r.number);
      expect(page.html).toContain('86,000.00 元');
      expect(page.html).toContain('R-B5');
      expect(page.html).toContain('<form method="post"');
    }
    expect(await stepOf(r.id)).toBe('finance_review');
    expect(await decisionsOf(r.id)).toHaveLength(0);
    expect((await stack.prisma.emailActionToken.findMany({ where: { usedAt: { not: null } } })).map((t) => t.tokenHash)).not.toContain(sha256(tokenOf(approve)));
  });

  it('confirming decides through the workflow, and the same link used again decides nothing more', async () => {
    const r = await file(await stack.as('clerk_health'));
    const links = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));
    const done = await confirm(links.approve, { comment: '财力可以保障（邮件办理）' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('已办理：同意');
    expect(await stepOf(r.id)).toBe('leader_briefing');
    const decisions = await decisionsOf(r.id);
    expect(decisions).toMatchObject([{ step: 'finance_review', action: 'approve', actorId: 'user-reviewer', comment: '财力可以保障（邮件办理）' }]);
    // R-B3: the same update as the inbox reserves the money.
    expect((await stack.prisma.reservation.findUniqueOrThrow({ where: { requestId: r.id } })).status).toBe('reserved');

    const again = await confirm(links.approve, { comment: '再点一次' });
    expect(again.status).toBe(410);
    expect(again.html).toContain('链接已使用');
    expect(again.html).toContain('href="/tasks"');
    expect(await decisionsOf(r.id)).toHaveLength(1);

    const other = await open(links.return);
    expect(other.status).toBe(410);
    expect(other.html).toContain('此任务已不需要办理');
    expect(other.html).toContain('您已办理过此任务');
  });

  it('decides once when the same link is confirmed twice at the same moment', async () => {
    const r = await file(await stack.as('clerk_water'), { category: 'project', purpose: '水库除险加固前期工作' });
    const { approve } = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));
    const answers = await Promise.all([confirm(approve), confirm(approve)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    expect(await decisionsOf(r.id)).toHaveLength(1);
    expect(await stepOf(r.id)).toBe('leader_briefing');
  });

  it('walks the whole chain from e-mail: briefing, meeting with its reference, NPC with its resolution', async () => {
    const r = await file(await stack.as('clerk_edu'), { amount: '42000.00', purpose: '教师周转宿舍维修' });
    expect((await confirm(linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核')).approve)).status).toBe(200);

    for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) {
      const links = linksOf(stack, await mailFor(stack, leader, r.number, '汇报'));
      expect(Object.keys(links).sort()).toEqual(['acknowledge', 'object']);
      const page = await open(links.acknowledge);
      expect(page.html).toContain('确认「已知悉」');
      expect((await confirm(links.acknowledge)).status).toBe(200);
    }
    expect(await stepOf(r.id)).toBe('executive_meeting');

    const meeting = linksOf(stack, await mailFor(stack, 'meeting_secretary', r.number, '常务会议'));
    const form = await open(meeting.approve);
    expect(form.html).toContain('name="meetingKind"');
    expect(form.html).toContain('name="meetingReference"');
    const missing = await confirm(meeting.approve, { meetingKind: 'office' });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('会议文号');
    expect(await stepOf(r.id)).toBe('executive_meeting');
    expect((await confirm(meeting.approve, { meetingKind: 'office', meetingReference: '县政府第5次办公会议' })).status).toBe(200);

    const npc = linksOf(stack, await mailFor(stack, 'npc_liaison', r.number, '人大'));
    expect((await open(npc.approve)).html).toContain('name="resolutionReference"');
    const executed = await confirm(npc.approve, { resolutionReference: '县人大常委会〔2026〕11号批复' });
    expect(executed.status).toBe(200);
    expect(executed.html).toContain('已批复执行');
    expect((await decisionsOf(r.id)).map((d) => `${d.step}:${d.action}`)).toEqual([
      'finance_review:approve', 'leader_briefing:acknowledge', 'leader_briefing:acknowledge', 'leader_briefing:acknowledge',
      'executive_meeting:approve', 'npc_approval:approve',
    ]);
    const decisions = await decisionsOf(r.id);
    expect(decisions[4]).toMatchObject({ meetingKind: 'office', meetingReference: '县政府第5次办公会议', actorId: 'user-meeting' });
    expect(decisions[5]).toMatchObject({ resolutionReference: '县人大常委会〔2026〕11号批复', actorId: 'user-npc' });
  });

  it('asks for a reason before an objection, keeps the link usable meanwhile, and then returns the request', async () => {
    const r = await file(await stack.as('clerk_edu'), { amount: '15000.00', purpose: '校园安保设备' });
    await confirm(linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核')).approve);
    const { object } = linksOf(stack, await mailFor(stack, 'county_mayor', r.number, '汇报'));
    const doubled = await fetch(object, { method: 'POST', body: 'comment=a&comment=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(doubled.status).toBe(400);
    const noReason = await confirm(object, { comment: '   ' });
    expect(noReason.status).toBe(422);
    expect(noReason.html).toContain('须填写理由');
    expect(noReason.html).toContain('<form method="post"');
    expect((await stack.prisma.emailActionToken.findUniqueOrThrow({ where: { tokenHash: sha256(tokenOf(object)) } })).usedAt).toBeNull();

    const objected = await confirm(object, { comment: '请压减规模后再报' });
    expect(objected.status).toBe(200);
    expect(await stepOf(r.id)).toBe('revision');

    // The other leaders' links belong to a briefing that has ended.
    const late = await open(linksOf(stack, await mailFor(stack, 'party_secretary', r.number, '汇报')).acknowledge);
    expect(late.status).toBe(410);
    expect(late.html).toContain('此任务已不需要办理');
  });

  it('refuses an expired link with its page and decides nothing', async () => {
    const r = await file(await stack.as('clerk_health'));
    const { approve } = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));
    await stack.prisma.emailActionToken.update({ where: { tokenHash: sha256(tokenOf(approve)) }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    for (const answer of [await open(approve), await confirm(approve)]) {
      expect(answer.status).toBe(410);
      expect(answer.html).toContain('链接已过期');
      expect(answer.html).toContain('href="/tasks"');
    }
    expect(await decisionsOf(r.id)).toHaveLength(0);
  });

  it('refuses a forged link with its page', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'not-a-token', "x'><script>alert(1)</script>"]) {
      for (const answer of [await open(`${stack.origin}/email-actions/${encodeURIComponent(token)}`), await confirm(`${stack.origin}/email-actions/${encodeURIComponent(token)}`)]) {
        expect(answer.status).toBe(404);
        expect(answer.html).toContain('链接无效');
        expect(answer.html).not.toContain('<script>alert');
      }
    }
  });

  it('refuses a link whose request has moved on (decided in the web inbox) as superseded', async () => {
    const r = await file(await stack.as('clerk_health'));
    const { approve } = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(r.id);
    expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'return', comment: '请补充测算依据' })).status).toBe(200);
    for (const answer of [await open(approve), await confirm(approve)]) {
      expect(answer.status).toBe(410);
      expect(answer.html).toContain('此任务已不需要办理');
    }
    expect((await decisionsOf(r.id)).map((d) => d.action)).toEqual(['return']);
    // The clerk's revision e-mail has no decision links: a returned request is resubmitted in the web app.
    expect(Object.keys(linksOf(stack, await mailFor(stack, 'clerk_health', r.number, '退回修改')))).toEqual([]);
  });

  it('derives the same link when a retried activity mails a task again', async () => {
    const r = await file(await stack.as('clerk_water'), { category: 'project', purpose: '灌区渠道清淤' });
    const task = await (await stack.as('reviewer')).taskFor(r.id);
    // The step's mail (and its links) follows the opening of the step in an activity of its own: let it go out first.
    await mailFor(stack, 'reviewer', r.number, '财政局审核');
    const row = await stack.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    const settings = { secret: randomBytes(32).toString('base64url'), ttlDays: 7 };
    const args = { mailKey: `task:${task.id}:opened`, task: row, publicUrl: stack.publicUrl };
    const first = await issueActionLinks(stack.prisma, settings, args);
    const rowsAfterFirst = await stack.prisma.emailActionToken.findMany({ where: { taskId: task.id }, orderBy: { tokenHash: 'asc' } });
    const second = await issueActionLinks(stack.prisma, settings, { ...args, now: new Date(Date.now() + 3_600_000) });
    expect(second).toEqual(first);
    expect(await stack.prisma.emailActionToken.findMany({ where: { taskId: task.id }, orderBy: { tokenHash: 'asc' } })).toEqual(rowsAfterFirst);
    // Another e-mail (a reminder) gets links of its own.
    const reminder = await issueActionLinks(stack.prisma, settings, { ...args, mailKey: `task:${task.id}:remind:2026-12-01` });
    expect(reminder.map((l) => l.url)).not.toEqual(first.map((l) => l.url));
  });
});
