import ExcelJS from 'exceljs';
import { TOTALS_LABEL } from '../../api/workbook';

/** The first sheet of an .xlsx response. */
export async function sheetOf(res: Response): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb.worksheets[0];
}

const isTotals = (row: ExcelJS.Row) => String(row.getCell(1).value ?? '').startsWith(TOTALS_LABEL);

/** The rows under an export's caption and header, without the totals row, each as its cell values (index 1 is column A). */
export function dataRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 3; i <= ws.rowCount; i++) if (!isTotals(ws.getRow(i))) rows.push(ws.getRow(i).values as unknown[]);
  return rows;
}

/** The totals row (the last one), or throws if the export has none. */
export function totalsRow(ws: ExcelJS.Worksheet): ExcelJS.Row {
  const last = ws.getRow(ws.rowCount);
  if (!isTotals(last)) throw new Error(`the last row is not the totals row: ${JSON.stringify(last.values)}`);
  return last;
}

/** Fen of a numeric cell, checking it is a number with at most two decimals (an exact yuan amount). */
export function fenOf(cell: ExcelJS.Cell): bigint {
  if (typeof cell.value !== 'number') throw new Error(`cell ${cell.address} is not a number: ${JSON.stringify(cell.value)}`);
  const fen = Math.round(cell.value * 100);
  if (Math.abs(fen - cell.value * 100) > 1e-6) throw new Error(`cell ${cell.address} has more than two decimals: ${cell.value}`);
  return BigInt(fen);
}

/** The first sheet of an .xlsx file on disk (a browser download). */
export async function sheetOfFile(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets[0];
}
