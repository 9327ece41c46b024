import ExcelJS from 'exceljs';
import type { DashboardList } from './schema';

type Row = Record<string, unknown> & { flags?: { ruleId: string; zh: string }[]; stepLabel?: { zh: string }; categoryLabel?: { zh: string }; unit?: { name: string } };
interface Column { header: string; width: number; value: (r: Row) => string | number }

const LIST_TITLES: Record<DashboardList, string> = {
  pending: '待审批 Pending approvals', reserved: '已预留 Reserved (R-B3)', committed: '已承诺 Committed (R-B3)', requests: '申请 Requests',
};

const STATUS_ZH: Record<string, string> = { in_review: '审批中', returned: '已退回', executed: '已批复执行', rejected: '已否决', withdrawn: '已撤回' };
const time = (v: unknown) => (v instanceof Date ? v.toISOString().replace('T', ' ').slice(0, 16) : String(v ?? ''));

const common: Column[] = [
  { header: '申请编号 Number', width: 18, value: (r) => String(r.number) },
  { header: '预算单位 Unit', width: 24, value: (r) => r.unit?.name ?? '' },
  { header: '类别 Category', width: 18, value: (r) => r.categoryLabel?.zh ?? '' },
  { header: '标记 Flags', width: 22, value: (r) => (r.flags ?? []).map((f) => `${f.ruleId} ${f.zh}`).join('；') },
  { header: '申请金额(元) Amount', width: 18, value: (r) => String(r.amount) },
  { header: '当前环节 Step', width: 26, value: (r) => r.stepLabel?.zh ?? '' },
  { header: '轮次 Round', width: 8, value: (r) => Number(r.round) },
];

const COLUMNS: Record<DashboardList, Column[]> = {
  pending: [...common,
    { header: '等待起始 Waiting since (UTC)', width: 20, value: (r) => time(r.waitingSince) },
    { header: '已等待(小时) Age (h)', width: 14, value: (r) => Number(r.ageHours) },
    { header: '待办理人 Waiting on', width: 40, value: (r) => (r.waitingOn as string[]).join('、') }],
  reserved: [...common,
    { header: '占用金额(元) Held', width: 18, value: (r) => String(r.heldAmount) },
    { header: '占用起始 Since (UTC)', width: 20, value: (r) => time(r.heldSince) }],
  committed: [...common,
    { header: '承诺金额(元) Committed', width: 18, value: (r) => String(r.heldAmount) },
    { header: '承诺时间 Since (UTC)', width: 20, value: (r) => time(r.heldSince) }],
  requests: [...common,
    { header: '状态 Status', width: 12, value: (r) => STATUS_ZH[String(r.status)] ?? String(r.status) },
    { header: '提交时间 Filed (UTC)', width: 20, value: (r) => time(r.createdAt) }],
};

/**
 * One dashboard list as an Excel workbook. Amounts stay text with two decimals, exactly as the API
 * gives them: a spreadsheet number would be a float.
 */
export async function listWorkbook(list: DashboardList, rows: Row[], caption: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '县级财政审批系统';
  const ws = wb.addWorksheet(LIST_TITLES[list].split(' ')[0]);
  const cols = COLUMNS[list];
  ws.addRow([`${LIST_TITLES[list]} — ${caption}`]).font = { bold: true };
  const header = ws.addRow(cols.map((c) => c.header));
  header.font = { bold: true };
  cols.forEach((c, i) => { ws.getColumn(i + 1).width = c.width; });
  for (const r of rows) ws.addRow(cols.map((c) => c.value(r)));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
