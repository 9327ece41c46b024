import type { PrismaClient } from '../prisma/client';
import {
  addDays, addYuan, ageingBand, fromFen, cashCoverage, chinaDate, chinaTime, daysBetween, dateColumn, fiscalYearOfDate, IsoDate, ISSUING_LEVELS,
  normalizeYuan, percentOf, periodBounds, periodLabel, REPORT_ADDRESSEES, REPORT_RULE, REPORT_TITLE, ReportKind, RULES,
  ScheduledReportKind, subYuan, toFen, Yuan,
} from '../domain';

/** One table of a report, as both the PDF and the workbook print it. */
export interface ReportTable {
  title: string;
  columns: { header: string; weight: number; money?: boolean }[];
  rows: string[][];
  /** money columns summed exactly; the first cell says what the row is */
  totals?: string[];
}

export interface ReportFact { label: string; value: string; money?: boolean }

/**
 * A report's figures for one period, computed from what is stored only as of the period's end
 * (append-only audit events, dated rows), so a re-run of the period gives the same figures.
 */
export interface ReportFigures {
  kind: ReportKind;
  period: string;
  ruleId: string;
  title: string;
  /** what the report is about in its readers' words: the period ('2026年10月'), or a transfer's document number and purpose */
  subject: string;
  addressee: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  facts: ReportFact[];
  tables: ReportTable[];
  /** the headline figures by name, for e-mails, the web page and tests */
  key: Record<string, string>;
}

const STATUS_ZH: Record<string, string> = { executed: '已批准执行', rejected: '未获批准', in_review: '审批中', withdrawn: '已撤回', lapsed: '已失效' };

/** Sums the money columns of `rows` exactly and labels the totals row. */
export function withTotals(table: Omit<ReportTable, 'totals'>): ReportTable {
  const totals = table.columns.map((c, i) => (i === 0 ? `合计 Total（${table.rows.length}）` : c.money ? addYuan('0.00', ...table.rows.map((r) => r[i] || '0.00')) : ''));
  return { ...table, totals };
}

/** The fiscal-year figures in force at `before` (the last change recorded before it), else the year's row. */
async function fiscalFiguresAt(prisma: PrismaClient, year: number, before: Date) {
  const e = await prisma.auditEvent.findFirst({ where: { subjectType: 'fiscal_year', subjectId: String(year), type: 'fiscal_year_set', at: { lt: before } }, orderBy: { id: 'desc' } });
  if (e) {
    const d = e.data as { generalBudgetExpenditure: string; fundBudgetExpenditure: string; availableResources: string };
    return { general: d.generalBudgetExpenditure, fund: d.fundBudgetExpenditure, available: d.availableResources };
  }
  const fy = await prisma.fiscalYear.findUnique({ where: { year } });
  return fy ? { general: normalizeYuan(fy.generalBudgetExpenditure), fund: normalizeYuan(fy.fundBudgetExpenditure), available: normalizeYuan(fy.availableResources) } : null;
}

/** R-B3 as of `before`: what the year's requests held and had committed, from the funds audit events. */
async function fundsAt(prisma: PrismaClient, year: number, before: Date) {
  const events = await prisma.auditEvent.findMany({ where: { type: { in: ['funds_reserved', 'funds_released', 'funds_committed'] }, at: { lt: before } } });
  let reserved = 0n;
  let committed = 0n;
  for (const e of events) {
    const d = e.data as { fiscalYear: number; amount: string };
    if (d.fiscalYear !== year) continue;
    const fen = toFen(d.amount);
    if (e.type === 'funds_reserved') reserved += fen;
    else if (e.type === 'funds_released') reserved -= fen;
    else { reserved -= fen; committed += fen; }
  }
  return { reserved: fromFen(reserved), committed: fromFen(committed) };
}

/** The county's advances balance (R-L8 ledger) at the start of China day `end`: rows that arose before it, less what was repaid or written off before it. */
export async function advancesBalanceAt(prisma: PrismaClient, end: IsoDate): Promise<Yuan> {
  const rows = await prisma.$queryRaw<{ balance: string }[]>`
    SELECT (COALESCE((SELECT SUM(amount) FROM "Advance" WHERE "arisenOn" < ${end}::date), 0)
      - COALESCE((SELECT SUM(m.amount) FROM "AdvanceMovement" m JOIN "Advance" a ON a.id = m."advanceId" WHERE a."arisenOn" < ${end}::date AND m."on" < ${end}::date), 0)
      - COALESCE((SELECT SUM(r.amount) FROM "Repayment" r JOIN "Advance" a ON a."loanId" = r."loanId" WHERE a."arisenOn" < ${end}::date AND r."paidOn" < ${end}::date), 0))::text AS balance`;
  return normalizeYuan(rows[0].balance);
}

/** Overdue loans seen on the last day of the period, with what they still owed then. */
async function overdueAt(prisma: PrismaClient, end: IsoDate) {
  const lastDay = addDays(end, -1);
  const loans = await prisma.loan.findMany({
    where: { dueDate: { lt: new Date(`${end}T00:00:00Z`) }, disbursedAt: { lt: new Date(chinaTime(end)) } },
    include: { unit: true, repayments: { where: { paidOn: { lt: new Date(`${end}T00:00:00Z`) } } } }, orderBy: { number: 'asc' },
  });
  return loans
    .map((l) => ({ l, owed: subYuan(normalizeYuan(l.amount), addYuan('0.00', ...l.repayments.map((r) => normalizeYuan(r.amount)))) }))
    .filter(({ owed }) => toFen(owed) > 0n)
    .map(({ l, owed }) => {
      const days = daysBetween(dateColumn(l.dueDate!), lastDay);
      return { number: l.number, unit: l.unit.name, owed, dueDate: dateColumn(l.dueDate!), days, band: ageingBand(days) };
    })
    .filter((x) => x.days > 0);
}

const bounds = (start: IsoDate, end: IsoDate) => ({ gte: new Date(chinaTime(start)), lt: new Date(chinaTime(end)) });

/** R-M1 保基层运转情况 for one month. */
async function operationsFigures(prisma: PrismaClient, start: IsoDate, end: IsoDate) {
  const year = fiscalYearOfDate(start);
  const endAt = new Date(chinaTime(end));
  const filed = await prisma.budgetRequest.findMany({ where: { threeGuarantees: true, createdAt: bounds(start, end) }, include: { unit: true }, orderBy: { number: 'asc' } });
  const committedEvents = await prisma.auditEvent.findMany({ where: { type: 'funds_committed', subjectType: 'budget', at: bounds(start, end) } });
  const approved = await prisma.budgetRequest.findMany({ where: { id: { in: committedEvents.map((e) => e.subjectId) }, threeGuarantees: true }, include: { unit: true }, orderBy: { number: 'asc' } });
  const fy = await fiscalFiguresAt(prisma, year, endAt);
  const funds = await fundsAt(prisma, year, endAt);
  const available = fy?.available ?? '0.00';
  const left = subYuan(subYuan(available, funds.committed), funds.reserved);
  const balance = await advancesBalanceAt(prisma, end);
  const base = fy ? addYuan(fy.general, fy.fund) : '0.00';
  const overdue = await overdueAt(prisma, end);
  const suspensions = await prisma.auditEvent.findMany({ where: { subjectType: 'disbursements', at: bounds(start, end) }, orderBy: { id: 'asc' } });
  const lastSwitch = await prisma.auditEvent.findFirst({ where: { subjectType: 'disbursements', at: { lt: endAt } }, orderBy: { id: 'desc' } });
  const bandSum = (b: string) => addYuan('0.00', ...overdue.filter((o) => o.band === b).map((o) => o.owed));
  const key = {
    threeGuaranteesFiled: String(filed.length), threeGuaranteesFiledAmount: addYuan('0.00', ...filed.map((r) => normalizeYuan(r.amount))),
    threeGuaranteesApproved: String(approved.length), threeGuaranteesApprovedAmount: addYuan('0.00', ...approved.map((r) => normalizeYuan(r.amount))),
    availableResources: available, used: funds.committed, reserved: funds.reserved, left,
    advancesBalance: balance, advancesRatio: percentOf(balance, base),
    overdue1to30: bandSum('1-30'), overdue31to90: bandSum('31-90'), overdue91plus: bandSum('91+'),
    suspendedAtEnd: lastSwitch?.type === 'disbursements_suspended' ? 'yes' : 'no', suspensionChanges: String(suspensions.length),
  };
  const facts: ReportFact[] = [
    { label: '三保申请（本月提交）', value: `${key.threeGuaranteesFiled} 笔 / ${key.threeGuaranteesFiledAmount} 元` },
    { label: '三保申请（本月批准）', value: `${key.threeGuaranteesApproved} 笔 / ${key.threeGuaranteesApprovedAmount} 元` },
    { label: `${year} 年可用财力`, value: available, money: true },
    { label: '已使用（已批准执行）', value: funds.committed, money: true },
    { label: '已预留（审批中）', value: funds.reserved, money: true },
    { label: '剩余可用财力', value: left, money: true },
    { label: '暂付款余额（期末）', value: balance, money: true },
    { label: '暂付款占支出比例（R-L8 上限 5%）', value: `${key.advancesRatio}%` },
    { label: '逾期借款 1–30 天', value: key.overdue1to30, money: true },
    { label: '逾期借款 31–90 天', value: key.overdue31to90, money: true },
    { label: '逾期借款 90 天以上', value: key.overdue91plus, money: true },
    { label: '期末支付状态（R-M3）', value: key.suspendedAtEnd === 'yes' ? '已暂停支付' : '正常支付' },
  ];
  const requestRows = (rs: typeof filed) => rs.map((r) => [r.number, r.unit.name, r.purpose, normalizeYuan(r.amount)]);
  const requestCols = [{ header: '编号 No.', weight: 2 }, { header: '单位 Unit', weight: 2 }, { header: '用途 Purpose', weight: 3 }, { header: '金额（元）Amount', weight: 2, money: true }];
  const tables = [
    withTotals({ title: '本月提交的三保申请 Three-guarantee requests filed', columns: requestCols, rows: requestRows(filed) }),
    withTotals({ title: '本月批准的三保申请 Three-guarantee requests approved', columns: requestCols, rows: requestRows(approved) }),
    withTotals({
      title: '逾期借款账龄 Overdue loans by age',
      columns: [{ header: '编号 No.', weight: 2 }, { header: '单位 Unit', weight: 2 }, { header: '到期日 Due', weight: 2 }, { header: '逾期天数 Days', weight: 1 }, { header: '账龄 Band', weight: 1 }, { header: '未还（元）Owed', weight: 2, money: true }],
      rows: overdue.map((o) => [o.number, o.unit, o.dueDate, String(o.days), o.band, o.owed]),
    }),
    { title: '本月暂停/恢复支付（R-M3）Suspensions', columns: [{ header: '时间 At', weight: 2 }, { header: '事项 Change', weight: 2 }, { header: '原因 Reason', weight: 4 }],
      rows: suspensions.map((e) => [chinaDate(e.at.getTime()), e.type === 'disbursements_suspended' ? '暂停支付' : '恢复支付', String((e.data as { reason?: string }).reason ?? '')]) },
  ];
  return { facts, tables, key };
}

/** The status a request had at `before`, read from its audit trail (so later decisions do not change a past quarter). */
function statusAt(events: { subjectId: string; type: string; data: unknown }[], requestId: string): string {
  let status = 'in_review';
  for (const e of events.filter((x) => x.subjectId === requestId)) {
    if (e.type === 'funds_committed') status = 'executed';
    if (e.type === 'decision_recorded' && (e.data as { action?: string }).action === 'reject') status = 'rejected';
    if (e.type === 'year_turn_decided' && (e.data as { action?: string }).action === 'lapse') status = 'lapsed';
  }
  return status;
}

/** R-B8 budget execution for one quarter: the year's supplementary budgets up to the quarter's end. */
async function executionFigures(prisma: PrismaClient, start: IsoDate, end: IsoDate) {
  const year = fiscalYearOfDate(start);
  const endAt = new Date(chinaTime(end));
  const requests = await prisma.budgetRequest.findMany({ where: { fiscalYear: year, createdAt: { lt: endAt } }, include: { unit: true, disbursements: true }, orderBy: { number: 'asc' } });
  const events = await prisma.auditEvent.findMany({ where: { subjectId: { in: requests.map((r) => r.id) }, at: { lt: endAt }, type: { in: ['funds_committed', 'decision_recorded', 'year_turn_decided'] } }, orderBy: { id: 'asc' } });
  const rows = requests.map((r) => ({ r, status: statusAt(events, r.id), amount: normalizeYuan(r.amount) }));
  const group = (keyOf: (x: (typeof rows)[number]) => string) => {
    const m = new Map<string, { count: number; amount: Yuan; approved: Yuan }>();
    for (const x of rows) {
      const g = m.get(keyOf(x)) ?? { count: 0, amount: '0.00', approved: '0.00' };
      m.set(keyOf(x), { count: g.count + 1, amount: addYuan(g.amount, x.amount), approved: x.status === 'executed' ? addYuan(g.approved, x.amount) : g.approved });
    }
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, g]) => [k, String(g.count), g.amount, g.approved]);
  };
  const groupCols = (h: string) => [{ header: h, weight: 3 }, { header: '笔数 Count', weight: 1 }, { header: '申请金额（元）Requested', weight: 2, money: true }, { header: '批准金额（元）Approved', weight: 2, money: true }];
  const lastMonth = addDays(end, -1).slice(0, 7);
  const executed = rows.filter((x) => x.status === 'executed');
  const schedule = executed.map(({ r, amount }) => {
    const due = addYuan('0.00', ...r.disbursements.filter((d) => d.month <= lastMonth).map((d) => normalizeYuan(d.amount)));
    return [r.number, r.unit.name, amount, due, subYuan(amount, due)];
  });
  const fy = await fiscalFiguresAt(prisma, year, endAt);
  const funds = await fundsAt(prisma, year, endAt);
  const available = fy?.available ?? '0.00';
  const key = {
    requests: String(rows.length), requestedAmount: addYuan('0.00', ...rows.map((x) => x.amount)),
    executed: String(executed.length), approvedAmount: addYuan('0.00', ...executed.map((x) => x.amount)),
    scheduledToDate: addYuan('0.00', ...schedule.map((s) => s[3])),
    availableResources: available, reserved: funds.reserved, committed: funds.committed, remaining: subYuan(subYuan(available, funds.reserved), funds.committed),
  };
  const facts: ReportFact[] = [
    { label: `${year} 年追加预算申请（截至期末）`, value: `${key.requests} 笔 / ${key.requestedAmount} 元` },
    { label: '已批准执行', value: `${key.executed} 笔 / ${key.approvedAmount} 元` },
    { label: '按进度应拨付（截至期末，R-B6）', value: key.scheduledToDate, money: true },
    { label: '可用财力（R-B3）', value: available, money: true },
    { label: '已预留', value: funds.reserved, money: true },
    { label: '已批准', value: funds.committed, money: true },
    { label: '剩余可用财力', value: key.remaining, money: true },
  ];
  const tables = [
    withTotals({ title: '按状态 By status', columns: groupCols('状态 Status'), rows: group((x) => STATUS_ZH[x.status] ?? x.status) }),
    withTotals({ title: '按类别 By category', columns: groupCols('类别 Category'), rows: group((x) => `${x.r.category}${x.r.threeGuarantees ? '（三保）' : ''}`) }),
    withTotals({ title: '按单位 By unit', columns: groupCols('单位 Unit'), rows: group((x) => x.r.unit.name) }),
    withTotals({
      title: '拨付进度与批准金额 Disbursement schedule against approved',
      columns: [{ header: '编号 No.', weight: 2 }, { header: '单位 Unit', weight: 2 }, { header: '批准（元）Approved', weight: 2, money: true }, { header: '截至期末应拨付（元）Scheduled', weight: 2, money: true }, { header: '以后拨付（元）Later', weight: 2, money: true }],
      rows: schedule,
    }),
  ];
  return { facts, tables, key };
}

/** R-M2 债务、暂付款、库款保障水平 and the key units, for one month. */
async function positionFigures(prisma: PrismaClient, start: IsoDate, end: IsoDate) {
  const month = start.slice(0, 7);
  const endAt = new Date(chinaTime(end));
  const recorded = await prisma.monthlyPosition.findMany({ where: { month: { lte: month } }, orderBy: { month: 'desc' }, take: 12 });
  const now = recorded.find((r) => r.month === month);
  const coverage = now ? cashCoverage(normalizeYuan(now.treasuryCash), recorded.map((r) => normalizeYuan(r.threeGuaranteesSpending))) : null;
  const year = fiscalYearOfDate(start);
  const fy = await fiscalFiguresAt(prisma, year, endAt);
  const balance = await advancesBalanceAt(prisma, end);
  const units = await prisma.unit.findMany({ where: { monitored: true, monitoredSince: { lt: endAt } }, orderBy: { code: 'asc' } });
  const watch = [];
  for (const u of units) {
    const [requests, loans, events] = await Promise.all([
      prisma.budgetRequest.count({ where: { unitId: u.id, fiscalYear: year, createdAt: { lt: endAt } } }),
      prisma.advance.findMany({ where: { unitId: u.id, arisenOn: { lt: new Date(`${end}T00:00:00Z`) } }, select: { amount: true } }),
      prisma.riskEvent.count({ where: { unitIds: { has: u.id }, occurredAt: { lt: endAt } } }),
    ]);
    watch.push([u.name, String(requests), addYuan('0.00', ...loans.map((l) => normalizeYuan(l.amount))), String(events)]);
  }
  const money = (v: { toString(): string } | undefined) => (v === undefined ? '—' : normalizeYuan(v));
  const key = {
    debtBalance: money(now?.debtBalance), debtServiceDue: money(now?.debtServiceDue), treasuryCash: money(now?.treasuryCash),
    cashCoverageMonths: coverage ?? '—', advancesBalance: balance, advancesRatio: percentOf(balance, fy ? addYuan(fy.general, fy.fund) : '0.00'), keyUnits: String(units.length),
  };
  const facts: ReportFact[] = [
    { label: '政府债务余额', value: key.debtBalance, money: now !== undefined },
    { label: `${year} 年应还债务本息`, value: key.debtServiceDue, money: now !== undefined },
    { label: '国库库款余额', value: key.treasuryCash, money: now !== undefined },
    { label: '库款保障水平（库款 ÷ 月均三保支出）', value: coverage ? `${coverage} 个月` : '未录入 not recorded' },
    { label: '暂付款余额（期末）', value: balance, money: true },
    { label: '暂付款占支出比例（R-L8 上限 5%）', value: `${key.advancesRatio}%` },
    { label: '重点监控单位', value: `${units.length} 个` },
  ];
  const tables = [
    { title: '月均三保支出（近 12 个月录入）Monthly 三保 spending', columns: [{ header: '月份 Month', weight: 2 }, { header: '三保支出（元）Spending', weight: 2, money: true }, { header: '库款（元）Cash', weight: 2, money: true }],
      rows: recorded.map((r) => [r.month, normalizeYuan(r.threeGuaranteesSpending), normalizeYuan(r.treasuryCash)]) },
    withTotals({ title: '重点单位监控 Key units', columns: [{ header: '单位 Unit', weight: 3 }, { header: '本年申请 Requests', weight: 1 }, { header: '暂付款（元）Advances', weight: 2, money: true }, { header: '风险事件 Events', weight: 1 }], rows: watch }),
  ];
  return { facts, tables, key };
}

/** R-B7: the transfer and what has been passed on. */
async function transferFigures(prisma: PrismaClient, transferId: string) {
  const t = await prisma.transfer.findUniqueOrThrow({ where: { id: transferId }, include: { allocations: { orderBy: { reference: 'asc' } } } });
  const units = await prisma.unit.findMany({ where: { id: { in: t.allocations.map((a) => a.unitId) } } });
  const key = { documentNumber: t.documentNumber, amount: normalizeYuan(t.amount), allocated: normalizeYuan(t.allocated), left: subYuan(normalizeYuan(t.amount), normalizeYuan(t.allocated)) };
  const facts: ReportFact[] = [
    { label: '文件号', value: t.documentNumber },
    { label: '下达级次', value: ISSUING_LEVELS[t.issuingLevel as keyof typeof ISSUING_LEVELS] ?? t.issuingLevel },
    { label: '用途', value: t.purpose },
    { label: '收到日期', value: dateColumn(t.receivedOn) },
    { label: '下达期限', value: dateColumn(t.onwardDeadline) },
    { label: '金额', value: key.amount, money: true },
    { label: '已下达', value: key.allocated, money: true },
    { label: '待下达', value: key.left, money: true },
  ];
  const tables = [withTotals({
    title: '已下达单位 Passed on to', columns: [{ header: '文号 Reference', weight: 2 }, { header: '单位 Unit', weight: 3 }, { header: '日期 Date', weight: 2 }, { header: '金额（元）Amount', weight: 2, money: true }],
    rows: t.allocations.map((a) => [a.reference, units.find((u) => u.id === a.unitId)?.name ?? a.unitId, dateColumn(a.allocatedOn), normalizeYuan(a.amount)]),
  })];
  return { facts, tables, key, start: dateColumn(t.receivedOn), end: addDays(dateColumn(t.receivedOn), 1), subject: transferSubject(t) };
}

/** A transfer as its report names it: the document number and the purpose, never the internal id. */
export const transferSubject = (t: { documentNumber: string; purpose: string }): string => `${t.documentNumber} ${t.purpose}`;

/** Gathers a report's figures for its period from the stored data. */
export async function gatherReportFigures(prisma: PrismaClient, kind: ReportKind, period: string): Promise<ReportFigures> {
  const head = { kind, period, ruleId: REPORT_RULE[kind], addressee: REPORT_ADDRESSEES[kind] };
  if (kind === 'transfer') {
    const { start, end, subject, ...body } = await transferFigures(prisma, period);
    return { ...head, title: `${REPORT_TITLE.transfer.zh}（${subject}）`, subject, periodStart: start, periodEnd: end, ...body };
  }
  const { start, end } = periodBounds(kind as ScheduledReportKind, period);
  const body = kind === 'operations' ? await operationsFigures(prisma, start, end) : kind === 'execution' ? await executionFigures(prisma, start, end) : await positionFigures(prisma, start, end);
  const subject = periodLabel(kind, period);
  return { ...head, title: `${REPORT_TITLE[kind].zh}（${subject}）`, subject, periodStart: start, periodEnd: end, ...body };
}

/** The rule a report answers, quoted as the plan words it. */
export const reportRuleLine = (f: Pick<ReportFigures, 'ruleId'>): string => `${f.ruleId}「${RULES[f.ruleId as keyof typeof RULES].zh}」`;

