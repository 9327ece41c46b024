import ExcelJS from 'exceljs';
import { chinaDateTime } from '../domain';

/** One column of an exported list: its bilingual header, width, and the cell of a row. */
export interface WorkbookColumn<Row> {
  header: string;
  width: number;
  value: (r: Row) => string | number;
}

/** A list as the API exports it: a bold caption line (title and filter), a header row, then the rows. */
export interface ListSheet<Row> {
  /** the sheet's name (Excel allows 31 characters, no / \ ? * [ ]) */
  sheetName: string;
  /** the caption's first part, e.g. "借款 Loans" */
  title: string;
  /** what the list was filtered by, e.g. "2026 年度 · 逾期31–90天" */
  caption: string;
  columns: WorkbookColumn<Row>[];
  rows: Row[];
}

/**
 * One list as an .xlsx workbook. Amounts should be given as text with two decimals, exactly as the
 * API gives them: a spreadsheet number would be a float.
 */
export async function writeListWorkbook<Row>(sheet: ListSheet<Row>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '县级财政审批系统';
  const ws = wb.addWorksheet(sheet.sheetName);
  ws.addRow([`${sheet.title} — ${sheet.caption}`]).font = { bold: true };
  ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
  sheet.columns.forEach((c, i) => { ws.getColumn(i + 1).width = c.width; });
  for (const r of sheet.rows) ws.addRow(sheet.columns.map((c) => c.value(r)));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The Content-Type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "2026-05-01 08:30" of a timestamp in China time (the county's calendar), or the value as text. */
export const cellTime = (v: unknown): string => (v instanceof Date ? chinaDateTime(v.getTime()) : String(v ?? ''));
