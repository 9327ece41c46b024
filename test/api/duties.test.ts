/** R-B7 transfers from above, R-M4 risk events and R-M2 key units, on the real Temporal dev server. */
import { until } from '../support/until';
import { startStack, Stack } from '../support/stack';
import { pdfText } from '../support/pdf-text';
import { sheetOf } from '../support/workbook';
import { addDays, chinaDate } from '../../domain';
import { THIS_YEAR } from '../support/years';
import { loanApplication } from '../support/loans';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const today = chinaDate(Date.now());

const mailsTo = (who: string, part: string) => stack.smtp.received.filter((m) => m.to.includes(who) && m.subject.includes(part));

describe('R-B7 special transfers from above', () => {
  it('R-B7: a large transfer is passed on to units until nothing is left, and its report to 县委、县政府 is opened for review', async () => {
    const reviewer = await stack.as('reviewer');
    expect((await (await stack.as('clerk_edu')).post('/transfers', {})).status).toBe(403);
    const bad = await reviewer.post('/transfers', { documentNumber: '甘财教〔2026〕88号', issuingLevel: 'provincial', amount: '12.345', purpose: '义务教育薄弱环节改善', receivedOn: today });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('amount');

    const res = await reviewer.post('/transfers', { documentNumber: '甘财教〔2026〕88号', issuingLevel: 'provincial', amount: '6000000.00', purpose: '义务教育薄弱环节改善', receivedOn: today, onwardDeadline: addDays(today, 20) });
    expect(res.status).toBe(201);
    const t = res.body.transfer;
    expect(t).toMatchObject({ large: true, left: '6000000.00', onwardDeadline: addDays(today, 20), deadlineFromDocument: true, ruleId: 'R-B7' });
    expect((await reviewer.post('/transfers', { documentNumber: '甘财教〔2026〕88号', issuingLevel: 'provincial', amount: '1.00', purpose: '重复', receivedOn: today })).status).toBe(409);

    // Passing it on: each allocation lowers what is left; more than what is left is refused citing R-B7
    const first = await reviewer.post(`/transfers/${t.id}/allocations`, { unitId: 'unit-jyj', amount: '4000000.00', reference: '东财教〔2026〕5号' });
    expect(first.status).toBe(201);
    expect(first.body.left).toBe('2000000.00');
    expect((await reviewer.post(`/transfers/${t.id}/allocations`, { unitId: 'unit-jyj', amount: '4000000.00', reference: '东财教〔2026〕5号' })).body.left).toBe('2000000.00'); // a retry changes nothing
    const over = await reviewer.post(`/transfers/${t.id}/allocations`, { unitId: 'unit-zxxx', amount: '2000000.01', reference: '东财教〔2026〕6号' });
    expect(over.status).toBe(422);
    expect(over.body.error.violations[0].ruleId).toBe('R-B7');

    // The large transfer's report duty: figures, PDF, submitted to the leaders
    // (the report's row comes first, its first run's files once they are rendered)
    const report = (await until(() => reviewer.get(`/reports/transfer/${t.id}`), (r) => r.status === 200 && r.body.report.runs.length > 0)).body.report;
    expect(report).toMatchObject({ kind: 'transfer', ruleId: 'R-B7', status: 'due' });
    const text = await pdfText(Buffer.from(await (await reviewer.download(`/reports/transfer/${t.id}/runs/latest/pdf`)).arrayBuffer()));
    for (const s of ['R-B7「上级下达专项资金', '6000000.00 元', '报送 To 县委、县政府', 'R-B7 · 甘财教〔2026〕88号 · 县财政局']) expect(text).toContain(s);
    // the title, wrapped over lines as printed
    expect(text.replace(/\s+/g, '')).toContain('上级专项资金（金额较大）报告（甘财教〔2026〕88号义务教育薄弱环节改善）');
    // named by its document everywhere, never by the transfer's internal id
    expect(text).not.toContain(t.id);
    const caption = String((await sheetOf(await reviewer.download(`/reports/transfer/${t.id}/runs/latest/xlsx`))).getRow(1).getCell(1).value);
    expect(caption).toContain('甘财教〔2026〕88号');
    expect(caption).not.toContain(t.id);
    expect(report.subject).toBe('甘财教〔2026〕88号 义务教育薄弱环节改善');
    const duty = (await reviewer.get('/duties')).body.items.find((i: { id: string }) => i.id === `transfer:${t.id}`);
    expect(duty.title).toBe('上级专项资金（金额较大）报告（甘财教〔2026〕88号 义务教育薄弱环节改善）');
    const opened = await until(async () => mailsTo('reviewer@county.local', '待审核报送'), (m) => m.some((x) => x.subject.includes('甘财教〔2026〕88号')));
    expect(opened.map((m) => m.subject).join()).not.toContain(t.id);
    expect((await reviewer.post(`/reports/transfer/${t.id}/submit`, {})).status).toBe(200);
    await until(async () => mailsTo('county_mayor@county.local', '上级专项资金'), (m) => m.length > 0);

    const last = await reviewer.post(`/transfers/${t.id}/allocations`, { unitId: 'unit-zxxx', amount: '2000000.00', reference: '东财教〔2026〕6号' });
    expect(last.body).toMatchObject({ left: '0.00', transfer: { status: 'allocated' } });
    const desc = await until(() => stack.temporal.workflow.getHandle(`transfer-${t.id}`).describe(), (d) => d.status.name === 'COMPLETED');
    expect(desc.status.name).toBe('COMPLETED');
    expect((await reviewer.get('/duties')).body.items.some((i: { id: string }) => i.id === t.id)).toBe(false);
  });

  it('R-B7: a transfer not passed on by its document’s deadline escalates to the director with an R-M4 record', async () => {
    const reviewer = await stack.as('reviewer');
    const res = await reviewer.post('/transfers', { documentNumber: '甘财农〔2026〕12号', issuingLevel: 'central', amount: '300000.00', purpose: '耕地地力保护补贴', receivedOn: addDays(today, -40), onwardDeadline: addDays(today, -10) });
    expect(res.status).toBe(201);
    const id = res.body.transfer.id;
    const record = await until(() => stack.prisma.accountabilityRecord.findFirst({ where: { subjectType: 'transfer', subjectId: id } }), (r) => r !== null);
    expect(record).toMatchObject({ ruleId: 'R-M4', heavier: true });
    const [mail] = await until(async () => mailsTo('director@county.local', '逾期未报'), (m) => m.some((x) => x.text.includes('甘财农〔2026〕12号')));
    expect(mail.subject).toContain('R-M4');
    const duties = (await reviewer.get('/duties?withinDays=7')).body.items;
    expect(duties.find((i: { id: string }) => i.id === id)).toMatchObject({ ruleId: 'R-B7', late: true });
  });
});

describe('a late report (R-M4)', () => {
  it('R-M4: a large transfer’s report still unsubmitted past its deadline is marked late at once: the director is told, named by the document, and an R-M4 record (从重问责) is written', async () => {
    const reviewer = await stack.as('reviewer');
    // received 12 days ago: its report to 县委、县政府 was due 5 days after that
    const res = await reviewer.post('/transfers', { documentNumber: '甘财预〔2026〕31号', issuingLevel: 'provincial', amount: '8000000.00', purpose: '县级基本财力保障奖补', receivedOn: addDays(today, -12), onwardDeadline: addDays(today, 10) });
    expect(res.status).toBe(201);
    const id = `transfer:${res.body.transfer.id}`;
    const record = await until(() => stack.prisma.accountabilityRecord.findFirst({ where: { subjectType: 'report', subjectId: id } }), (r) => r !== null);
    expect(record).toMatchObject({ ruleId: 'R-M4', heavier: true, reason: expect.stringContaining('甘财预〔2026〕31号') });
    const report = (await until(() => reviewer.get(`/reports/transfer/${res.body.transfer.id}`), (r) => r.body.report?.escalation === 1)).body.report;
    expect(report).toMatchObject({ status: 'due', late: true });
    const mail = (await until(async () => mailsTo('director@county.local', '逾期未报'), (m) => m.some((x) => x.subject.includes('甘财预〔2026〕31号')))).find((x) => x.subject.includes('甘财预〔2026〕31号'))!;
    expect(mail.subject).toContain('R-M4 从重问责');
    // submitting it now is recorded as late
    const submitted = await reviewer.post(`/reports/transfer/${res.body.transfer.id}/submit`, {});
    expect(submitted.body).toMatchObject({ outcome: { late: true }, report: { status: 'submitted', late: true } });
  });
});

describe('R-M4 risk events', () => {
  it('R-M4: an event is reported to 县委县政府 (and 省州 by kind), handled step by step, closed; a payment risk offers R-M3 in one click', async () => {
    const reviewer = await stack.as('reviewer');
    const occurredAt = new Date(Date.now() - 3600_000).toISOString();
    const res = await reviewer.post('/risk-events', { kind: 'payment_risk', occurredAt, description: '国库库款不足，本月工资支付存在缺口', unitIds: ['unit-jyj'] });
    expect(res.status).toBe(201);
    const e = res.body.event;
    expect(e).toMatchObject({ kind: 'payment_risk', status: 'open', offersSuspension: true, ruleId: 'R-M4' });
    expect(new Date(e.reportDueAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000); // 24 hours by default
    expect((await reviewer.post('/risk-events', { kind: 'flood', occurredAt, description: 'x' })).body.error.fields[0].field).toBe('kind');
    expect((await reviewer.post('/risk-events', { kind: 'other', occurredAt: new Date(Date.now() + 86_400_000).toISOString(), description: '未来' })).status).toBe(400);

    expect((await reviewer.post(`/risk-events/${e.id}/close`, { note: '处置完毕' })).status).toBe(409); // report first
    const reported = await reviewer.post(`/risk-events/${e.id}/report`, { note: '已电话报告县政府办并书面报送' });
    expect(reported.status).toBe(200);
    expect(reported.body.outcome).toEqual({ late: false });
    await until(async () => mailsTo('county_mayor@county.local', '保运转风险事件报告'), (m) => m.length > 0);
    await until(async () => mailsTo('province-finance@finance.county.local', '保运转风险事件报告'), (m) => m.length > 0);
    expect((await reviewer.post(`/risk-events/${e.id}/report`, { note: '再次' })).status).toBe(409);

    expect((await reviewer.post(`/risk-events/${e.id}/steps`, { note: '调度库款 500 万元优先保工资' })).status).toBe(201);
    expect((await reviewer.post(`/risk-events/${e.id}/suspend-payments`)).status).toBe(403); // R-M3 is the director's
    const suspended = await (await stack.as('director')).post(`/risk-events/${e.id}/suspend-payments`);
    expect(suspended.status).toBe(200);
    expect(suspended.body.control).toMatchObject({ suspended: true, reason: expect.stringContaining(e.number) });
    expect((await (await stack.as('director')).get('/disbursement-suspension')).body.control.suspended).toBe(true);
    expect((await (await stack.as('director')).delete('/disbursement-suspension', { reason: '风险解除' })).status).toBe(200);

    const closed = await reviewer.post(`/risk-events/${e.id}/close`, { note: '工资已足额发放，风险解除' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ event: { status: 'closed', reportLate: false }, steps: [{ note: '调度库款 500 万元优先保工资' }] });
    await until(() => stack.temporal.workflow.getHandle(`risk-event-${e.id}`).describe(), (d) => d.status.name === 'COMPLETED');
  });
});

describe('R-M2 key units', () => {
  it('R-M2: the director marks a key unit; its requests, loans and events appear together on the watch page, flagged', async () => {
    expect((await (await stack.as('reviewer')).put('/units/unit-slj/monitoring', { monitored: true })).status).toBe(403);
    const director = await stack.as('director');
    expect((await director.put('/units/unit-slj/monitoring', { monitored: 'yes' })).status).toBe(400);
    expect((await director.put('/units/unit-slj/monitoring', { monitored: true })).body.unit).toMatchObject({ monitored: true });
    const clerk = await stack.as('clerk_water');
    const req = (await clerk.post('/budget-requests', { amount: '66000.00', category: 'project', purpose: '水库除险加固', justification: '' })).body.request;
    const ev = (await (await stack.as('reviewer')).post('/risk-events', { kind: 'wage_arrears', occurredAt: new Date().toISOString(), description: '水利局工资拖欠风险', unitIds: ['unit-slj'] })).body.event;
    expect(ev.keyUnit).toBe(true);
    const watch = (await director.get('/watch-list')).body;
    expect(watch.ruleId).toBe('R-M2');
    const unit = watch.units.find((u: { id: string }) => u.id === 'unit-slj');
    expect(unit.requests.map((r: { id: string }) => r.id)).toContain(req.id);
    expect(unit.riskEvents.map((r: { id: string }) => r.id)).toContain(ev.id);
    expect((await clerk.get('/watch-list')).status).toBe(403);
  });

  it('R-M2: a key unit’s requests, loans and risk events carry the 重点单位 flag in every list — requests, loans, the inbox, the dashboard lists, risk events, duties — while it is watched', async () => {
    const director = await stack.as('director');
    expect((await director.put('/units/unit-slj/monitoring', { monitored: true })).status).toBe(200);
    const water = await stack.as('clerk_water');
    const req = (await water.post('/budget-requests', { amount: '88000.00', category: 'project', purpose: '灌区渠道维修', justification: '' })).body.request;
    const loan = (await water.post('/loans', loanApplication({ amount: '120000.00' }))).body.loan;
    const other = (await (await stack.as('clerk_edu')).post('/budget-requests', { amount: '12000.00', category: 'project', purpose: '课桌椅更新', justification: '' })).body.request;
    const keyFlag = { ruleId: 'R-M2', zh: '重点单位', en: 'Key unit', rule: expect.stringContaining('对重点单位实施监控') };
    type Flagged = { id: string; keyUnit: boolean; flags: { ruleId: string }[] };
    const flagged = (x: Flagged) => x.keyUnit && x.flags.some((f) => f.ruleId === 'R-M2');
    const byId = (items: Flagged[], id: string) => items.find((x) => x.id === id)!;

    const reviewer = await stack.as('reviewer');
    const requests = (await reviewer.get(`/budget-requests?fiscalYear=${THIS_YEAR}`)).body.items;
    expect(byId(requests, req.id)).toMatchObject({ keyUnit: true, flags: expect.arrayContaining([keyFlag]) });
    expect(flagged(byId(requests, other.id))).toBe(false);
    expect(flagged(byId((await reviewer.get(`/loans?fiscalYear=${THIS_YEAR}`)).body.items, loan.id))).toBe(true);

    // the reviewer's inbox: both tasks of the water bureau flagged, the education bureau's not
    const tasks = (await until(() => reviewer.get('/tasks'), (r) => [req.id, loan.id, other.id].every((id) => r.body.items.some((t: { subjectId: string }) => t.subjectId === id)))).body.items;
    const subjectOf = (id: string) => { const t = tasks.find((x: { subjectId: string }) => x.subjectId === id); return t.request ?? t.loan; };
    expect(flagged(subjectOf(req.id))).toBe(true);
    expect(flagged(subjectOf(loan.id))).toBe(true);
    expect(flagged(subjectOf(other.id))).toBe(false);

    // the dashboard's lists behind its cards
    expect(flagged(byId((await director.get(`/dashboard/lists/pending?fiscalYear=${THIS_YEAR}`)).body.items, req.id))).toBe(true);
    expect(flagged(byId((await director.get(`/dashboard/lists/pending-loans?fiscalYear=${THIS_YEAR}`)).body.items, loan.id))).toBe(true);

    // risk events, and the duties list that carries their report deadline
    const ev = (await reviewer.post('/risk-events', { kind: 'treasury_shortfall', occurredAt: new Date().toISOString(), description: '灌区工程款支付资金不足', unitIds: ['unit-slj'] })).body.event;
    expect(byId((await reviewer.get('/risk-events')).body.items, ev.id).keyUnit).toBe(true);
    expect(byId((await reviewer.get('/duties')).body.items, ev.id).keyUnit).toBe(true);

    // once the director stops watching the unit, its lists carry no flag
    expect((await director.put('/units/unit-slj/monitoring', { monitored: false })).status).toBe(200);
    expect(flagged(byId((await reviewer.get(`/budget-requests?fiscalYear=${THIS_YEAR}`)).body.items, req.id))).toBe(false);
    expect(byId((await reviewer.get('/duties')).body.items, ev.id).keyUnit).toBe(false);
  });
});
