/**
 * 催办 over HTTP with the real stack: the applicant or the bureau nudges a request's current
 * approvers, who get an e-mail with fresh decision links; at most once per interval (NUDGE_INTERVAL,
 * default 1 working day), refused with 429, the time left and Retry-After; in the audit trail.
 *
 * The stack counts working days in a calendar whose next ten days are a holiday, so "1 working day"
 * visibly skips it whatever day the test runs.
 */
import { startStack, Stack, UserClient } from '../support/stack';
import { confirm, linksOf, mailFor, mailTo, tokenOf } from '../support/email-links';
import { loanApplication } from '../support/loans';
import { addDays, chinaDate, chinaDateTime, daysBetween, type WorkingDayCalendar } from '../../domain';

/** A calendar with a ten-day holiday starting tomorrow (China date), split at a year's end. */
function holidayFromTomorrow(): { calendar: WorkingDayCalendar; lastHoliday: string } {
  const first = addDays(chinaDate(Date.now()), 1);
  const lastHoliday = addDays(first, 9);
  const years: WorkingDayCalendar['years'] = {};
  for (const year of new Set([first.slice(0, 4), lastHoliday.slice(0, 4)])) {
    const from = first.startsWith(year) ? first : `${year}-01-01`;
    const to = lastHoliday.startsWith(year) ? lastHoliday : `${year}-12-31`;
    years[year] = { status: 'official', source: 'test', holidays: [{ name: '测试长假', from, to }], workingWeekends: [] };
  }
  return { calendar: { years }, lastHoliday };
}

const { calendar, lastHoliday } = holidayFromTomorrow();
/** The first Monday-to-Friday after the holiday: where one working day from today ends. */
const firstWorkingDayAfter = (() => {
  let d = addDays(lastHoliday, 1);
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
})();

let stack: Stack;
beforeAll(async () => { stack = await startStack({ workingDayCalendar: calendar }); });
afterAll(async () => { await stack?.stop(); });

async function fileRequest(clerk: UserClient, purpose: string) {
  const res = await clerk.post('/budget-requests', { amount: '52000.00', category: 'three_guarantees_operations', purpose, justification: '' });
  expect(res.status).toBe(201);
  return res.body.request as { id: string; number: string };
}

const nudgeMailFor = (username: string, number: string) => mailTo(stack, username, number, '【催办】');

describe('催办 (nudge)', () => {
  it('mails the current approver fresh decision links saying who nudged; a fresh link decides, the first mail\'s links stay valid until then', async () => {
    const clerk = await stack.as('clerk_health');
    const r = await fileRequest(clerk, '乡镇卫生院冬季取暖运转经费（催办）');
    const first = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));

    const res = await clerk.post(`/budget-requests/${r.id}/nudge`, { comment: '供暖季已到，请尽快审核' });
    expect(res.status).toBe(202);
    expect(res.body.notified).toEqual([expect.objectContaining({ assigneeId: 'user-reviewer', step: 'finance_review' })]);

    const mail = await nudgeMailFor('reviewer', r.number);
    expect(mail.text).toContain('李静（卫健委经办人）（预算单位经办人）催办此项待办');
    expect(mail.text).toContain('供暖季已到，请尽快审核');
    expect(mail.text).toMatch(/已等待 \d+ 小时/);
    const fresh = linksOf(stack, mail);
    expect(Object.keys(fresh).sort()).toEqual(['approve', 'reject', 'return']);
    for (const action of Object.keys(fresh)) expect(tokenOf(fresh[action])).not.toBe(tokenOf(first[action]));
    const task = await (await stack.as('reviewer')).taskFor(r.id);
    expect(await stack.prisma.emailActionToken.count({ where: { taskId: task.id, usedAt: null } })).toBe(6);

    const done = await confirm(fresh.approve, { comment: '同意（催办后）' });
    expect(done.status).toBe(200);
    expect((await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id: r.id } })).step).toBe('leader_briefing');

    // in the audit trail, with who nudged, in which role, and whom
    const events = await stack.prisma.auditEvent.findMany({ where: { subjectId: r.id, type: 'nudged' } });
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe('user-clerk-health');
    expect(events[0].data).toMatchObject({ type: 'nudged', round: 1, step: 'finance_review', role: 'dept_clerk', assignees: ['user-reviewer'], comment: '供暖季已到，请尽快审核' });
  });

  it('refuses a second nudge within one working day with 429, the time left and Retry-After, counting past the holiday', async () => {
    const clerk = await stack.as('clerk_water');
    const r = await fileRequest(clerk, '防汛物资储备运转经费（催办间隔）');
    await (await stack.as('reviewer')).taskFor(r.id);
    const ok = await clerk.post(`/budget-requests/${r.id}/nudge`, {});
    expect(ok.status).toBe(202);
    const nudgedAt = (await stack.prisma.auditEvent.findFirstOrThrow({ where: { subjectId: r.id, type: 'nudged' } })).at.getTime();

    // the bureau is held to the same interval: one nudge per request, whoever sends it
    const again = await (await stack.as('director')).post(`/budget-requests/${r.id}/nudge`, {});
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('nudge_too_soon');
    expect(again.body.error.message).toContain('催办过于频繁：每1个工作日最多催办一次');
    expect(again.body.error.message).toContain('at most once per 1 working day');
    // the same China clock time on the first working day after the ten-day holiday
    const retryAt = Date.parse(again.body.error.retryAt);
    expect(chinaDate(retryAt)).toBe(firstWorkingDayAfter);
    expect(chinaDateTime(retryAt).slice(11)).toBe(chinaDateTime(nudgedAt).slice(11));
    expect(daysBetween(chinaDate(nudgedAt), chinaDate(retryAt))).toBeGreaterThanOrEqual(11);
    const retryAfter = Number(again.headers.get('retry-after'));
    expect(Math.abs(retryAfter - (retryAt - Date.now()) / 1000)).toBeLessThan(60);
    expect(again.body.error.message).toMatch(/请\d+天(\d+小时)?后再试/);

    const state = await clerk.get(`/budget-requests/${r.id}/nudge`);
    expect(state.body).toMatchObject({ mayNudge: true, openTasks: 1, nextNudgeAt: again.body.error.retryAt });
    expect(await stack.prisma.auditEvent.count({ where: { subjectId: r.id, type: 'nudged' } })).toBe(1);
  });

  it('lets only the applying unit\'s clerk and the finance bureau nudge; a request nobody holds cannot be nudged', async () => {
    const clerk = await stack.as('clerk_edu');
    const r = await fileRequest(clerk, '学生营养餐补助（催办权限）');
    await (await stack.as('reviewer')).taskFor(r.id);
    for (const who of ['clerk_water', 'treasury', 'auditor']) {
      const res = await (await stack.as(who)).post(`/budget-requests/${r.id}/nudge`, {});
      expect(res.status).toBe(403);
    }
    expect((await (await stack.as('auditor')).get(`/budget-requests/${r.id}/nudge`)).body.mayNudge).toBe(false);
    expect((await (await stack.as('reviewer')).post(`/budget-requests/${r.id}/nudge`, { comment: 'x'.repeat(501) })).status).toBe(400);

    const rejected = await (await stack.as('reviewer')).decide(r.id, 'finance_review', { action: 'reject', comment: '不符合追加条件' });
    expect(rejected.status).toBe(200);
    const none = await clerk.post(`/budget-requests/${r.id}/nudge`, {});
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('nothing_to_nudge');
    expect((await clerk.post('/budget-requests/no-such-request/nudge', {})).status).toBe(404);
  });

  it('nudges a loan\'s approver too, once per Idempotency-Key', async () => {
    const clerk = await stack.as('clerk_edu');
    const applied = await clerk.post('/loans', loanApplication({ amount: '30000.00' }));
    expect(applied.status).toBe(201);
    const loan = applied.body.loan as { id: string; number: string };
    await (await stack.as('reviewer')).taskFor(loan.id);
    const director = await stack.as('director');
    const key = { 'Idempotency-Key': `nudge-${loan.id}` };
    const a = await director.post(`/loans/${loan.id}/nudge`, {}, key);
    const b = await director.post(`/loans/${loan.id}/nudge`, {}, key);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.body.nudgeId).toBe(a.body.nudgeId);
    const mail = await nudgeMailFor('reviewer', loan.number);
    expect(mail.text).toContain('刘洋（财政局局长）（财政局局长）催办此项待办');
    expect(await stack.prisma.auditEvent.count({ where: { subjectId: loan.id, type: 'nudged' } })).toBe(1);
  });
});
