import ExcelJS from 'exceljs';

/** The first sheet of an .xlsx response. */
export async function sheetOf(res: Response): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb.worksheets[0];
}

/** The rows under an export's caption and header, each as its cell values (index 1 is column A). */
export function dataRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 3; i <= ws.rowCount; i++) rows.push(ws.getRow(i).values as unknown[]);
  return rows;
}
