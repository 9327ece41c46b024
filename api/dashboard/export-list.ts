import type { DashboardList } from './schema';
import { cellTime as time, writeListWorkbook, WorkbookColumn } from '../workbook';

type Row = Record<string, unknown> & {
  flags?: { ruleId: string; zh: string }[]; stepLabel?: { zh: string }; categoryLabel?: { zh: string }; purposeLabel?: { zh: string } | null; unit?: { name: string };
};
type Column = WorkbookColumn<Row>;

const LIST_TITLES: Record<DashboardList, string> = {
  pending: '待审批 Pending approvals', 'pending-loans': '借款待办 Loans pending', reserved: '已预留 Reserved (R-B3)', committed: '已承诺 Committed (R-B3)', requests: '申请 Requests',
};

const STATUS_ZH: Record<string, string> = { in_review: '审批中', returned: '已退回', executed: '已批复执行', rejected: '已否决', withdrawn: '已撤回' };

const common: Column[] = [
  { header: '申请编号 Number', width: 18, value: (r) => String(r.number) },
  { header: '预算单位 Unit', width: 24, value: (r) => r.unit?.name ?? '' },
  { header: '类别 Category', width: 18, value: (r) => r.categoryLabel?.zh ?? '' },
  { header: '标记 Flags', width: 22, value: (r) => (r.flags ?? []).map((f) => `${f.ruleId} ${f.zh}`).join('；') },
  { header: '申请金额(元) Amount', width: 18, value: (r) => String(r.amount) },
  { header: '当前环节 Step', width: 26, value: (r) => r.stepLabel?.zh ?? '' },
  { header: '轮次 Round', width: 8, value: (r) => Number(r.round) },
];

/** Since when a pending row waits, and on whom. */
const waiting: Column[] = [
  { header: '等待起始 Waiting since (北京时间 China time)', width: 20, value: (r) => time(r.waitingSince) },
  { header: '已等待(小时) Age (h)', width: 14, value: (r) => Number(r.ageHours) },
  { header: '待办理人 Waiting on', width: 40, value: (r) => (r.waitingOn as string[]).join('、') },
];

const COLUMNS: Record<DashboardList, Column[]> = {
  pending: [...common, ...waiting],
  'pending-loans': [
    { header: '借款编号 Number', width: 18, value: (r) => String(r.number) },
    { header: '借款单位 Unit', width: 24, value: (r) => r.unit?.name ?? '' },
    { header: '用途 Purpose', width: 22, value: (r) => r.purposeLabel?.zh ?? String(r.purpose) },
    { header: '借款金额(元) Amount', width: 18, value: (r) => String(r.amount) },
    { header: '当前环节 Step', width: 26, value: (r) => r.stepLabel?.zh ?? '' },
    ...waiting],
  reserved: [...common,
    { header: '占用金额(元) Held', width: 18, value: (r) => String(r.heldAmount) },
    { header: '占用起始 Since (北京时间 China time)', width: 20, value: (r) => time(r.heldSince) }],
  committed: [...common,
    { header: '承诺金额(元) Committed', width: 18, value: (r) => String(r.heldAmount) },
    { header: '承诺时间 Since (北京时间 China time)', width: 20, value: (r) => time(r.heldSince) }],
  requests: [...common,
    { header: '状态 Status', width: 12, value: (r) => STATUS_ZH[String(r.status)] ?? String(r.status) },
    { header: '提交时间 Filed (北京时间 China time)', width: 20, value: (r) => time(r.createdAt) }],
};

/**
 * One dashboard list as an Excel workbook. Amounts stay text with two decimals, exactly as the API
 * gives them: a spreadsheet number would be a float.
 */
export function listWorkbook(list: DashboardList, rows: Row[], caption: string): Promise<Buffer> {
  return writeListWorkbook({ sheetName: LIST_TITLES[list].split(' ')[0], title: LIST_TITLES[list], caption, columns: COLUMNS[list], rows });
}
