import type { Prisma, PrismaClient } from '../../prisma/client';
import { BUDGET_CATEGORIES, BudgetCategory, normalizeYuan } from '../../domain';
import type { AuthedUser } from '../context';
import { seesAllUnits } from './visibility';
import { filedWhere } from '../loans/list-loans';
import { cellTime, WorkbookColumn, writeListWorkbook } from '../workbook';
import { presentBudgetRequest } from './presenter';
import { sumTotals, yearTotals, YearTotalsFilter } from './year-totals';
import type { ListBudgetRequestsQuery } from './schema';

/** Requests that ended without money (否决, 撤回): counted apart from the list's sum. */
const ENDED_WITHOUT_MONEY = ['rejected', 'withdrawn'];

/** The requests GET /budget-requests lists and exports for `actor`; a clerk sees only their own unit's. */
export function requestListWhere(actor: AuthedUser, q: ListBudgetRequestsQuery): Prisma.BudgetRequestWhereInput {
  const text = q.q?.trim();
  return {
    status: q.status, step: q.step, fiscalYear: q.fiscalYear, unitId: listUnit(actor, q), ...filedWhere(q),
    ...(text ? { OR: [{ number: { contains: text, mode: 'insensitive' } }, { purpose: { contains: text, mode: 'insensitive' } }] } : {}),
  };
}

const listUnit = (actor: AuthedUser, q: ListBudgetRequestsQuery) => (seesAllUnits(actor) ? q.unitId : actor.unitId ?? '-');

/** The list's filter as the kept year totals can answer it (year, unit, status), or undefined when it filters on more. */
export function requestListKeptFilter(actor: AuthedUser, q: ListBudgetRequestsQuery): YearTotalsFilter | undefined {
  if (q.q?.trim() || q.step || q.from || q.to) return undefined;
  return { fiscalYear: q.fiscalYear, unitId: listUnit(actor, q), status: q.status };
}

export const REQUEST_LIST_ORDER: Prisma.BudgetRequestOrderByWithRelationInput[] = [{ threeGuarantees: 'desc' }, { createdAt: 'desc' }];

/**
 * Count and exact sum of the filtered list. `amount` sums the requests still asking for or granted
 * money; rejected and withdrawn ones are counted apart in `excluded`, so the total says what it sums.
 * A filter the kept totals can answer (`kept`) is read from them instead of counting the rows.
 */
export async function requestListTotals(prisma: PrismaClient, where: Prisma.BudgetRequestWhereInput, kept?: YearTotalsFilter) {
  if (kept) {
    const byStatus = await yearTotals(prisma, 'requests', kept);
    const live = sumTotals(byStatus, (s) => !ENDED_WITHOUT_MONEY.includes(s));
    const ended = sumTotals(byStatus, (s) => ENDED_WITHOUT_MONEY.includes(s));
    return { total: live.count + ended.count, amount: live.amount, excluded: ended };
  }
  const [live, ended] = await Promise.all([
    prisma.budgetRequest.aggregate({ where: { AND: [where, { status: { notIn: ENDED_WITHOUT_MONEY } }] }, _count: { _all: true }, _sum: { amount: true } }),
    prisma.budgetRequest.aggregate({ where: { AND: [where, { status: { in: ENDED_WITHOUT_MONEY } }] }, _count: { _all: true }, _sum: { amount: true } }),
  ]);
  return {
    total: live._count._all + ended._count._all, amount: normalizeYuan(live._sum.amount ?? '0'),
    excluded: { count: ended._count._all, amount: normalizeYuan(ended._sum.amount ?? '0') },
  };
}

const STATUS_ZH: Record<string, string> = { in_review: '审批中', returned: '已退回', executed: '已批复执行', rejected: '已否决', withdrawn: '已撤回' };
type Row = ReturnType<typeof presentBudgetRequest>;
const COLUMNS: WorkbookColumn<Row>[] = [
  { header: '申请编号 Number', width: 18, value: (r) => r.number },
  { header: '预算单位 Unit', width: 24, value: (r) => r.unit?.name ?? '' },
  { header: '预算年度 Fiscal year', width: 10, value: (r) => r.fiscalYear },
  { header: '类别 Category', width: 18, value: (r) => BUDGET_CATEGORIES[r.category as BudgetCategory]?.zh ?? r.category },
  { header: '用途 Purpose', width: 30, value: (r) => r.purpose },
  { header: '申请金额(元) Amount', width: 18, value: (r) => r.amount, money: true },
  { header: '状态 Status', width: 12, value: (r) => STATUS_ZH[r.status] ?? r.status },
  { header: '当前环节 Step', width: 26, value: (r) => r.stepLabel.zh },
  { header: '提交时间 Filed (北京时间)', width: 20, value: (r) => cellTime(r.createdAt) },
];

/** The whole filtered request list as an Excel workbook, the filter in its caption. */
export async function exportRequestList(prisma: PrismaClient, q: ListBudgetRequestsQuery, where: Prisma.BudgetRequestWhereInput) {
  const rows = await prisma.budgetRequest.findMany({ where, include: { unit: true }, orderBy: REQUEST_LIST_ORDER, take: 5000 });
  const caption = [
    q.fiscalYear ? `${q.fiscalYear} 年度 FY${q.fiscalYear}` : '全部年度 all years', q.status ? STATUS_ZH[q.status] : '', q.q ? `“${q.q}”` : '',
    q.from || q.to ? `${q.from ?? '…'} 至 ${q.to ?? '…'}` : '', `共 ${rows.length} 笔 / ${rows.length} requests`,
  ].filter(Boolean).join(' · ');
  const file = await writeListWorkbook({
    sheetName: '追加预算', title: '追加预算申请 Supplementary-budget requests', caption, columns: COLUMNS, rows: rows.map(presentBudgetRequest),
    excludeFromTotals: { test: (r) => ENDED_WITHOUT_MONEY.includes(r.status), label: '不含已否决、已撤回' },
  });
  return { file, filename: `requests-${q.fiscalYear ?? 'all'}.xlsx` };
}
