import ExcelJS from 'exceljs';
import { ADVANCE_KINDS, DEBTOR_KINDS, OPENING_STOCK_COLUMNS } from '../../domain';

/** The template the director downloads: the header row, one example row to overwrite, and a sheet explaining each column. */
export async function openingStockTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '县级财政审批系统';
  const ws = wb.addWorksheet('存量暂付款');
  ws.addRow(OPENING_STOCK_COLUMNS.map((c) => c.header)).font = { bold: true };
  ws.addRow(OPENING_STOCK_COLUMNS.map((c) => c.example));
  OPENING_STOCK_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    col.numFmt = '@'; // text: amounts and dates stay exactly as typed, never floats or serial dates
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明 Notes');
  help.addRows([
    ['第一行是表头，请勿修改；从第二行起每行一笔（示例行请改写或删除）。 Keep the header row; one advance per row from row 2 (overwrite the example).'],
    [`类型 Kind of debtor: ${Object.values(DEBTOR_KINDS).map((k) => `${k.zh} (${k.en})`).join(' / ')}`],
    [`性质 Kind: ${Object.values(ADVANCE_KINDS).map((k) => `${k.zh} (${k.en})`).join(' / ')}；借给企业的一律为「违规出借」（R-L1）`],
    ['金额以元为单位、保留两位小数，如 1200000.00；日期格式 YYYY-MM-DD。 Amounts in yuan with two decimals; dates as YYYY-MM-DD.'],
    ['整份文件有任何一行不合格则整份不导入，并逐行列出问题；同一文件重复导入不会重复登记。 A file with a bad row is refused whole; importing the same file again adds nothing.'],
  ]);
  help.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell as the text a person typed: numbers and dates Excel converted are turned back exactly. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10); // Excel dates carry no zone: the calendar day as written
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  return String(v);
}

/** The first sheet's data rows as { field: text }, skipping blank rows; null when the file is not an .xlsx workbook. */
export async function readStockWorkbook(file: Buffer): Promise<{ rows: Record<string, string>[]; rowNumbers: number[] } | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const ws = wb.worksheets[0];
  if (!ws) return null;
  const rows: Record<string, string>[] = [];
  const rowNumbers: number[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = OPENING_STOCK_COLUMNS.map((_, i) => cellText(row.getCell(i + 1).value).trim());
    if (values.every((v) => v === '')) return;
    rows.push(Object.fromEntries(OPENING_STOCK_COLUMNS.map((c, i) => [c.field, values[i]])));
    rowNumbers.push(n);
  });
  return { rows, rowNumbers };
}
