import { createHash } from 'node:crypto';
import { renderPdfOffThread } from '../documents/pdf-thread';
import { writeSheetsWorkbook, ListSheet } from '../api/workbook';
import { chinaTime, REPORT_TITLE } from '../domain';
import { reportRuleLine, type ReportFigures, type ReportTable } from './report-figures';

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * The instant a report's files carry as their date: the end of its period, not the time of the run,
 * so a re-run of the period prints the same document (the PDF byte for byte).
 */
const documentDate = (f: ReportFigures): Date => new Date(chinaTime(f.periodEnd));

/** The report as the printable PDF filed with the addressees (Chinese, A4, embedded font). */
export function renderReportPdf(f: ReportFigures): Promise<Buffer> {
  return renderPdfOffThread({
    title: f.title,
    subtitle: `${REPORT_TITLE[f.kind].en} · ${f.subject}`,
    facts: [
      { label: '报送 To', value: f.addressee },
      { label: '依据 Rule', value: reportRuleLine(f) },
      { label: '期间 Period', value: `${f.periodStart} 至 ${f.periodEnd}（不含）` },
      ...f.facts.map((x) => ({ label: x.label, value: x.money ? `${x.value} 元` : x.value })),
    ],
    sections: f.tables.flatMap((t) => [
      { kind: 'heading' as const, text: t.title },
      t.rows.length
        ? { kind: 'table' as const, table: { columns: t.columns.map((c) => ({ header: c.header, weight: c.weight, align: c.money ? 'right' as const : 'left' as const })), rows: t.rows, totals: t.totals } }
        : { kind: 'paragraph' as const, text: '无 None' },
    ]),
    footer: `${f.ruleId} · ${f.key.documentNumber ?? f.period} · 县财政局`,
    createdAt: documentDate(f),
    author: '县财政局',
  });
}

const sheetName = (i: number, title: string) => `${i + 1} ${title.replace(/[\\/?*[\]:]/g, ' ')}`.slice(0, 31);

const tableSheet = (t: ReportTable, i: number, caption: string): ListSheet<string[]> => ({
  sheetName: sheetName(i + 1, t.title), title: t.title, caption, rows: t.rows, noTotals: !t.totals,
  columns: t.columns.map((c, j) => ({ header: c.header, width: Math.max(12, c.weight * 8), money: c.money, value: (r: string[]) => r[j] })),
});

/** The report as a workbook: a summary sheet (money as ¥ number cells), then one sheet per table with its totals row. */
export function renderReportWorkbook(f: ReportFigures): Promise<Buffer> {
  const caption = `${f.ruleId} · ${f.subject} · 报送${f.addressee}`;
  const summary: ListSheet<string[]> = {
    sheetName: sheetName(0, '概要 Summary'), title: f.title, caption, noTotals: true,
    rows: f.facts.map((x) => [x.label, x.money ? x.value : '', x.money ? '' : x.value]),
    columns: [
      { header: '项目 Item', width: 36, value: (r) => r[0] },
      { header: '金额（元）Amount', width: 20, money: true, value: (r) => r[1] },
      { header: '情况 Value', width: 30, value: (r) => r[2] },
    ],
  };
  return writeSheetsWorkbook([summary, ...f.tables.map((t, i) => tableSheet(t, i, caption))], documentDate(f));
}
