/** The plan's reports (R-M1, R-B8, R-M2): run on the real Temporal dev server, files opened and checked against the database. */
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { until } from '../support/until';
import { startStack, Stack, UserClient } from '../support/stack';
import { THIS_YEAR } from '../support/years';
import { pdfText } from '../support/pdf-text';
import { fenOf } from '../support/workbook';
import { addYuan, cashCoverage, chinaDate, chinaTime, normalizeYuan, toFen } from '../../domain';
import { ensureSchedules, COUNTY_TIMEZONE } from '../../main/schedules';
import { writeAudit } from '../../activities/audit';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const today = chinaDate(Date.now());
const MONTH = today.slice(0, 7);
const QUARTER = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
const monthStart = new Date(chinaTime(`${MONTH}-01`));


const workbookOf = async (res: Response) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
};
/** The summary sheet's amount for a row whose item starts with `label`. */
const summaryAmount = (wb: ExcelJS.Workbook, label: string): bigint => {
  const ws = wb.worksheets[0];
  for (let i = 3; i <= ws.rowCount; i++) if (String(ws.getRow(i).getCell(1).value).startsWith(label)) return fenOf(ws.getRow(i).getCell(2));
  throw new Error(`no summary row ${label}`);
};
const fen = (yuan: string) => toFen(yuan);

/** A 三保 request filed through the API; `executed` marks it approved this month as the chain's last step would (funds committed). */
async function file3b(clerk: UserClient, amount: string, executed = false) {
  const r = (await clerk.post('/budget-requests', { amount, category: 'three_guarantees_personnel', purpose: `教师工资缺口 ${randomBytes(2).toString('hex')}`, justification: '' })).body.request;
  if (executed) {
    for (const type of ['funds_reserved', 'funds_committed']) {
      await writeAudit(stack.prisma, { eventKey: `${r.id}:${type}:test`, subjectType: 'budget', subjectId: r.id, data: { type: type as 'funds_reserved' | 'funds_committed', fiscalYear: THIS_YEAR, amount } });
    }
    await stack.prisma.fiscalYear.update({ where: { year: THIS_YEAR }, data: { committed: { increment: amount } } });
  }
  return r;
}

describe('reports as duties with deadlines', () => {
  it('R-M1: the monthly 保基层运转 report carries the month’s figures in its PDF and workbook, goes to its officer, and is re-run identically', async () => {
    const clerk = await stack.as('clerk_edu');
    await file3b(clerk, '120000.00');
    await file3b(clerk, '80000.50', true);
    const director = await stack.as('director');
    expect((await director.post('/advances/opening-stock', { debtor: '县城投公司', debtorKind: 'enterprise', amount: '300000.00', arisenOn: '2023-05-01', kind: 'irregular', responsibleOfficer: '孙某' })).status).toBe(201);

    const reviewer = await stack.as('reviewer');
    expect((await clerk.post(`/reports/operations/${MONTH}/runs`)).status).toBe(403);
    const run = await reviewer.post(`/reports/operations/${MONTH}/runs`);
    expect(run.status).toBe(201);
    const report = run.body.report;
    expect(report).toMatchObject({ kind: 'operations', ruleId: 'R-M1', status: 'due', late: false, responsibleOfficer: { id: reviewer.userId } });
    expect(report.rule).toContain('按月向省州财政部门报告保基层运转情况');
    expect(report.recipients).toEqual(expect.arrayContaining(['province-finance@finance.county.local', 'director@county.local']));

    // What the database says about the month
    const filed = await stack.prisma.budgetRequest.findMany({ where: { threeGuarantees: true, createdAt: { gte: monthStart } } });
    const filedSum = addYuan('0.00', ...filed.map((r) => normalizeYuan(r.amount)));
    const county = normalizeYuan((await stack.prisma.advancesPosition.findUniqueOrThrow({ where: { id: 'county' } })).outstanding);
    expect(report.key).toMatchObject({ threeGuaranteesFiled: String(filed.length), threeGuaranteesFiledAmount: filedSum, threeGuaranteesApprovedAmount: '80000.50', advancesBalance: county });

    // The officer's "review and submit" task arrives by e-mail
    const task = await until(async () => stack.smtp.received.filter((m) => m.to.includes('reviewer@county.local') && m.subject.includes('待审核报送')), (m) => m.length > 0);
    expect(task[0].text).toContain('R-M1');

    // The PDF, opened: Chinese text with the month's figures
    const pdfRes = await reviewer.download(`/reports/operations/${MONTH}/runs/latest/pdf`);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    const text = await pdfText(pdf);
    for (const s of ['保基层运转情况月报', '省州财政部门', '按月向省州财政部门报告保基层运转情况', `${filedSum} 元`, `${county} 元`, '80000.50']) expect(text).toContain(s);

    // The workbook, opened: numeric ¥ cells equal to the database's figures
    const wb = await workbookOf(await reviewer.download(`/reports/operations/${MONTH}/runs/latest/xlsx`));
    expect(summaryAmount(wb, '暂付款余额')).toBe(fen(county));
    expect(summaryAmount(wb, '已使用')).toBe(fen(report.key.used));
    const filedSheet = wb.worksheets[1];
    expect(fenOf(filedSheet.getRow(filedSheet.rowCount).getCell(4))).toBe(fen(filedSum));

    // Re-running the period reproduces the same figures and the same PDF, as a new immutable run
    const again = await reviewer.post(`/reports/operations/${MONTH}/runs`);
    expect(again.status).toBe(201);
    expect(again.body.seq).toBe(2);
    const detail = (await reviewer.get(`/reports/operations/${MONTH}`)).body.report;
    expect(detail.runs).toHaveLength(2);
    expect(detail.runs[1].pdfSha256).toBe(detail.runs[0].pdfSha256);
    const first = await stack.prisma.reportRun.findUniqueOrThrow({ where: { reportId_seq: { reportId: `operations:${MONTH}`, seq: 1 } } });
    expect(detail.figures).toEqual(first.figures);
    const wb2 = await workbookOf(await reviewer.download(`/reports/operations/${MONTH}/runs/2/xlsx`));
    expect(summaryAmount(wb2, '暂付款余额')).toBe(fen(county));

    // Submitting: not by a clerk; by the officer once; the recipients are e-mailed the figures and the hashes
    expect((await clerk.post(`/reports/operations/${MONTH}/submit`, {})).status).toBe(403);
    const submitted = await reviewer.post(`/reports/operations/${MONTH}/submit`, { note: '已通过省财政一体化系统报送' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.report).toMatchObject({ status: 'submitted', late: false });
    const sent = await until(async () => stack.smtp.received.filter((m) => m.to.includes('province-finance@finance.county.local')), (m) => m.length > 0);
    expect(sent[0].text).toContain(detail.runs[0].pdfSha256);
    expect(sent[0].text).toContain(county);
    expect((await reviewer.post(`/reports/operations/${MONTH}/submit`, {})).status).toBe(409);
  });

  it('R-B8: the quarterly execution report groups the year’s supplementary budgets by status, category and unit, with the R-B3 position', async () => {
    const clerk = await stack.as('clerk_health');
    await clerk.post('/budget-requests', { amount: '45000.00', category: 'project', purpose: '卫生院设备', justification: '' });
    const reviewer = await stack.as('reviewer');
    const run = await reviewer.post(`/reports/execution/${QUARTER}/runs`);
    expect(run.status).toBe(201);
    const { report } = run.body;
    expect(report).toMatchObject({ ruleId: 'R-B8', status: 'due' });
    const requests = await stack.prisma.budgetRequest.findMany({ where: { fiscalYear: THIS_YEAR } });
    const sum = addYuan('0.00', ...requests.map((r) => normalizeYuan(r.amount)));
    expect(report.key).toMatchObject({ requests: String(requests.length), requestedAmount: sum });
    const fy = (await reviewer.get(`/fiscal-years/${THIS_YEAR}`)).body.fiscalYear;
    expect(report.key.remaining).toBe(fy.remaining);

    const wb = await workbookOf(await reviewer.download(`/reports/execution/${QUARTER}/runs/latest/xlsx`));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining([expect.stringContaining('按状态'), expect.stringContaining('按类别'), expect.stringContaining('按单位')]));
    for (const ws of wb.worksheets.slice(1, 4)) expect(fenOf(ws.getRow(ws.rowCount).getCell(3))).toBe(fen(sum));
    const text = await pdfText(Buffer.from(await (await reviewer.download(`/reports/execution/${QUARTER}/runs/latest/pdf`)).arrayBuffer()));
    for (const s of ['预算收支执行情况季度报告', '县委、县政府、县人大', '每季度对预算收支执行情况向县委、县政府、县人大报告', `${fy.remaining} 元`]) expect(text).toContain(s);
  });

  it('R-M2: the position report gives debt, advances and 库款保障水平 from the recorded figures', async () => {
    const director = await stack.as('director');
    expect((await (await stack.as('clerk_edu')).put(`/monitoring/positions/${MONTH}`, {})).status).toBe(403);
    const bad = await director.put(`/monitoring/positions/2026-13`, { debtBalance: '1.00', debtServiceDue: '1.00', treasuryCash: '1.00', threeGuaranteesSpending: '1.00' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('month');
    const prev = `${subMonth(MONTH)}`;
    expect((await director.put(`/monitoring/positions/${prev}`, { debtBalance: '500000000.00', debtServiceDue: '42000000.00', treasuryCash: '90000000.00', threeGuaranteesSpending: '30000000.00' })).status).toBe(200);
    expect((await director.put(`/monitoring/positions/${MONTH}`, { debtBalance: '510000000.00', debtServiceDue: '42000000.00', treasuryCash: '100000000.00', threeGuaranteesSpending: '50000000.00' })).status).toBe(200);

    const reviewer = await stack.as('reviewer');
    const run = await reviewer.post(`/reports/position/${MONTH}/runs`);
    expect(run.status).toBe(201);
    const coverage = cashCoverage('100000000.00', ['50000000.00', '30000000.00'])!;
    expect(coverage).toBe('2.50');
    expect(run.body.report).toMatchObject({ ruleId: 'R-M2', key: { debtBalance: '510000000.00', treasuryCash: '100000000.00', cashCoverageMonths: coverage } });
    const text = await pdfText(Buffer.from(await (await reviewer.download(`/reports/position/${MONTH}/runs/latest/pdf`)).arrayBuffer()));
    for (const s of ['库款保障水平', `${coverage} 个月`, '510000000.00 元', '县委县政府', '重点单位']) expect(text).toContain(s);
    const wb = await workbookOf(await reviewer.download(`/reports/position/${MONTH}/runs/latest/xlsx`));
    expect(summaryAmount(wb, '政府债务余额')).toBe(fen('510000000.00'));
  });

  it('refuses a malformed or future period, naming the field', async () => {
    const reviewer = await stack.as('reviewer');
    const bad = await reviewer.post('/reports/operations/2026-13/runs');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('period');
    expect((await reviewer.post(`/reports/operations/${THIS_YEAR + 1}-01/runs`)).status).toBe(400);
    expect((await reviewer.post(`/reports/execution/${MONTH}/runs`)).status).toBe(400);
    expect((await reviewer.post('/reports/nonsense/2026-01/runs')).status).toBe(400);
  });

  it('runs each report as a Temporal Schedule in China time: R-M1 and R-M2 monthly on the 1st, R-B8 after each quarter; a firing opens the last period’s duty', async () => {
    const suffix = `-test-${randomBytes(4).toString('hex')}`;
    await ensureSchedules(stack.temporal, stack.taskQueue, suffix);
    const ids = ['advances-daily', 'year-turn', 'report-operations', 'report-execution', 'report-position'].map((s) => `${s}${suffix}`);
    try {
      const ops = await stack.temporal.schedule.getHandle(`report-operations${suffix}`).describe();
      expect(ops.spec.timezone).toBe(COUNTY_TIMEZONE);
      expect(ops.action).toMatchObject({ workflowType: 'reportScheduledWorkflow', args: [expect.objectContaining({ kind: 'operations' })] });
      // the next firings: 01:00 on the 1st of every month, China time (17:00 UTC the day before)
      expect(ops.info.nextActionTimes.length).toBeGreaterThanOrEqual(2);
      for (const t of ops.info.nextActionTimes) expect(new Date(t.getTime() + 8 * 3600_000).toISOString().slice(8, 16)).toBe('01T01:00');
      const exe = await stack.temporal.schedule.getHandle(`report-execution${suffix}`).describe();
      for (const t of exe.info.nextActionTimes) expect(['01', '04', '07', '10']).toContain(new Date(t.getTime() + 8 * 3600_000).toISOString().slice(5, 7));

      // A firing (triggered now) opens the duty of the month that has just ended
      await stack.temporal.schedule.getHandle(`report-position${suffix}`).trigger();
      const lastMonth = subMonth(MONTH);
      const opened = await until(() => stack.prisma.report.findUnique({ where: { id: `position:${lastMonth}` } }), (r) => r !== null, 300);
      expect(opened).toMatchObject({ kind: 'position', status: 'due' });
      // due 9 days after the 1st (the whole last day counts), or 9 days from today when opened after that
      expect(opened!.dueAt.getTime()).toBeGreaterThan(Date.now());
    } finally {
      for (const id of ids) await stack.temporal.schedule.getHandle(id).delete().catch(() => undefined);
    }
  });
});

function subMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
