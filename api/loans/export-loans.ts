import type { Prisma, PrismaClient } from '../../prisma/client';
import { AGEING, ageingBucket, LOAN_STATUS_LABELS, LoanStatus } from '../../domain';
import type { AuthedUser } from '../context';
import { seesAllUnits } from '../budget-requests/visibility';
import { cellTime, WorkbookColumn, writeListWorkbook } from '../workbook';
import { LOAN_WITH_FLAGS, presentLoan } from './presenter';
import { LOAN_LIST_ORDER, loanListTotals } from './list-loans';
import type { ListLoansQuery } from './schema';

type Row = ReturnType<typeof presentLoan>;

const COLUMNS: WorkbookColumn<Row>[] = [
  { header: '借款编号 Number', width: 18, value: (r) => r.number },
  { header: '借款单位 Unit', width: 24, value: (r) => r.unit?.name ?? '' },
  { header: '预算年度 Fiscal year', width: 10, value: (r) => r.fiscalYear },
  { header: '用途 Purpose', width: 22, value: (r) => r.purposeLabel?.zh ?? r.purpose },
  { header: '借款金额(元) Amount', width: 18, value: (r) => r.amount },
  { header: '未还余额(元) Outstanding', width: 18, value: (r) => r.outstanding },
  { header: '到期日 Due date', width: 12, value: (r) => r.dueDate ?? '' },
  { header: '逾期天数 Days overdue', width: 12, value: (r) => r.daysOverdue ?? '' },
  { header: '逾期账龄 Ageing (R-M2)', width: 16, value: (r) => (r.daysOverdue === null ? '' : AGEING[ageingBucket(r.daysOverdue)].zh) },
  { header: '状态 Status', width: 14, value: (r) => LOAN_STATUS_LABELS[r.status as LoanStatus]?.zh ?? r.status },
  { header: '当前环节 Step', width: 24, value: (r) => r.stepLabel.zh },
  { header: '申请时间 Filed (北京时间 China time)', width: 18, value: (r) => cellTime(r.createdAt) },
  { header: '标记 Flags', width: 22, value: (r) => r.flags.map((f) => `${f.ruleId} ${f.zh}`).join('；') },
];

/** The filter in words, both languages, ending with the count and balance so they can be checked against the dashboard. */
function caption(q: ListLoansQuery, unit: { name: string; own: boolean } | null, totals: { total: number; outstanding: string }): string {
  const bucket = q.overdueBucket ? AGEING[q.overdueBucket] : null;
  return [
    q.fiscalYear ? `${q.fiscalYear} 年度 FY${q.fiscalYear}` : '全部年度 all years',
    q.status ? `${LOAN_STATUS_LABELS[q.status].zh} ${LOAN_STATUS_LABELS[q.status].en}` : '',
    bucket ? `${bucket.zh} ${bucket.en}` : q.overdue === true ? '逾期 overdue' : q.overdue === false ? '未逾期 not overdue' : '',
    q.finding === true ? '转借企业 R-L2 re-lent to an enterprise' : q.finding === false ? '无转借企业情况 no R-L2 finding' : '',
    unit ? `${unit.own ? '本单位 own unit: ' : ''}${unit.name}` : '',
    `共 ${totals.total} 笔，未还合计 ${totals.outstanding} 元 / ${totals.total} loans, ${totals.outstanding} outstanding`,
  ].filter(Boolean).join(' · ');
}

/**
 * The whole filtered loan list (no paging) as an Excel workbook, with its file name. Amounts stay
 * text with two decimals, as the API gives them.
 */
export async function exportLoanList(prisma: PrismaClient, o: { actor: AuthedUser; query: ListLoansQuery; where: Prisma.LoanWhereInput; now: number }) {
  const { actor, query: q, where, now } = o;
  const unitId = seesAllUnits(actor) ? q.unitId : actor.unitId;
  const [loans, totals, unit] = await Promise.all([
    prisma.loan.findMany({ where, include: LOAN_WITH_FLAGS, orderBy: LOAN_LIST_ORDER }),
    loanListTotals(prisma, where),
    unitId ? prisma.unit.findUnique({ where: { id: unitId }, select: { name: true } }) : null,
  ]);
  const overdue = q.overdueBucket || q.overdue === true;
  const file = await writeListWorkbook({
    sheetName: overdue ? '逾期借款' : '借款',
    title: overdue ? '逾期借款 Overdue loans (R-L10)' : '借款 Loans',
    caption: caption(q, unit ? { name: unit.name, own: !seesAllUnits(actor) } : null, totals),
    columns: COLUMNS,
    rows: loans.map((l) => presentLoan(l, now)),
  });
  const filename = `loans-${q.fiscalYear ?? 'all'}${q.overdueBucket ? `-overdue-${q.overdueBucket}` : q.overdue === true ? '-overdue' : ''}${q.finding === true ? '-r-l2' : ''}.xlsx`;
  return { file, filename };
}
