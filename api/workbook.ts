import ExcelJS from 'exceljs';
import { addYuan, chinaDateTime, Yuan } from '../domain';

/** One column of an exported list: its bilingual header, width, and the cell of a row. */
export interface WorkbookColumn<Row> {
  header: string;
  width: number;
  value: (r: Row) => string | number;
  /** an amount in yuan (two-decimal text from the API): written as a number cell in ¥ format and summed in the totals row */
  money?: boolean;
}

/** A list as the API exports it: a bold caption line (title and filter), a header row, the rows, then a totals row. */
export interface ListSheet<Row> {
  /** the sheet's name (Excel allows 31 characters, no / \ ? * [ ]) */
  sheetName: string;
  /** the caption's first part, e.g. "借款 Loans" */
  title: string;
  /** what the list was filtered by, e.g. "2026 年度 · 逾期31–90天" */
  caption: string;
  columns: WorkbookColumn<Row>[];
  rows: Row[];
  /** rows the totals leave out (rejected or withdrawn), with how the totals row says so, e.g. "不含未获批准" */
  excludeFromTotals?: { test: (r: Row) => boolean; label: string };
  /** a plain table with no totals row (e.g. a list of events) */
  noTotals?: boolean;
}

/** Excel's number format for yuan: ¥ and thousands separators, two decimals, negatives in red. */
export const YUAN_FORMAT = '"¥"#,##0.00;[Red]-"¥"#,##0.00';
/** The first cell of the totals row starts with this, so readers can tell it from the data. */
export const TOTALS_LABEL = '合计 Total';

/**
 * A two-decimal yuan string as the number Excel stores. Every amount here has at most 16 digits, so
 * the double is the one nearest to the exact decimal and Excel shows it back exactly.
 */
const cellNumber = (yuan: Yuan): number => Number(yuan);

/**
 * One list as an .xlsx workbook. Amount columns become numeric cells (¥ format, right aligned) so
 * the finance staff can sum and sort them; the totals row is summed exactly in fen, not by Excel.
 */
export async function writeListWorkbook<Row>(sheet: ListSheet<Row>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '县级财政审批系统';
  addListSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Several lists in one workbook (a report: its summary, then one sheet per table). `created` is the
 * workbook's date in its properties, fixed by the caller so a re-run of a period writes the same cells.
 */
export async function writeSheetsWorkbook(sheets: ListSheet<string[]>[], created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '县级财政审批系统';
  wb.created = created;
  wb.modified = created;
  for (const s of sheets) addListSheet(wb, s);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addListSheet<Row>(wb: ExcelJS.Workbook, sheet: ListSheet<Row>): void {
  const ws = wb.addWorksheet(sheet.sheetName);
  ws.addRow([`${sheet.title} — ${sheet.caption}`]).font = { bold: true };
  ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.money) col.alignment = { horizontal: 'right' };
  });
  const sums = sheet.columns.map(() => '0.00');
  let counted = 0;
  for (const r of sheet.rows) {
    const inTotals = !sheet.excludeFromTotals?.test(r);
    if (inTotals) counted++;
    const row = ws.addRow(sheet.columns.map((c, i) => {
      const v = c.value(r);
      if (!c.money || v === '') return v;
      if (inTotals) sums[i] = addYuan(sums[i], String(v));
      return cellNumber(String(v));
    }));
    formatMoney(row, sheet.columns);
  }
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  if (sheet.noTotals) return;
  const left = sheet.rows.length - counted;
  const label = `${TOTALS_LABEL}（${counted} 笔 rows${left && sheet.excludeFromTotals ? `；${sheet.excludeFromTotals.label} ${left} 笔 excluded` : ''}）`;
  const totals = ws.addRow(sheet.columns.map((c, i) => (i === 0 ? label : c.money ? cellNumber(sums[i]) : '')));
  totals.font = { bold: true };
  totals.border = { top: { style: 'thin' } } as ExcelJS.Borders;
  formatMoney(totals, sheet.columns);
}

function formatMoney<Row>(row: ExcelJS.Row, columns: WorkbookColumn<Row>[]) {
  columns.forEach((c, i) => {
    if (!c.money) return;
    const cell = row.getCell(i + 1);
    cell.numFmt = YUAN_FORMAT;
    cell.alignment = { horizontal: 'right' };
  });
}

/** The Content-Type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "2026-05-01 08:30" of a timestamp in China time (the county's calendar), or the value as text. */
export const cellTime = (v: unknown): string => (v instanceof Date ? chinaDateTime(v.getTime()) : String(v ?? ''));
