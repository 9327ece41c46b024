import PDFDocument from 'pdfkit';
import { printFont } from './print-font';

/**
 * A printable document as the product's PDFs need it (reports, the 审批单): a title, a block of
 * labelled facts, then headings, paragraphs and tables. Callers say what to print; this module
 * alone knows how a page is laid out, so every PDF the bureau files looks the same.
 */
export interface PrintableDocument {
  title: string;
  subtitle?: string;
  facts?: PrintableFact[];
  sections: PrintableSection[];
  /** printed at the foot of every page beside the page number, e.g. the generation time and a hash */
  footer?: string;
  /** the document's date in its metadata; fixed by the caller so the same input gives the same bytes */
  createdAt: Date;
  /** metadata author, e.g. the bureau's name */
  author?: string;
}

export interface PrintableFact {
  label: string;
  value: string;
}

export type PrintableSection =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: PrintableTable };

export interface PrintableTable {
  columns: PrintableColumn[];
  rows: string[][];
  /** a last row set in bold, e.g. 合计 */
  totals?: string[];
}

export interface PrintableColumn {
  header: string;
  /** share of the line's width, relative to the other columns */
  weight: number;
  /** amounts are right aligned */
  align?: 'left' | 'right';
}

const MARGIN = 56; // 2 cm: what the bureau's A4 forms leave for binding
const BODY_SIZE = 10;
const CELL_PADDING = 4;

/** Renders the document as an A4 PDF with the embedded CJK font (no system fonts are read). */
export function renderPdf(doc: PrintableDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: doc.title, Author: doc.author ?? '', Creator: 'county-approvals', CreationDate: doc.createdAt, ModDate: doc.createdAt },
  });
  const font = printFont();
  // PDFKit takes a parsed fontkit font as well as a file's bytes (its types only name the latter)
  pdf.registerFont('body', font.regular as unknown as Buffer);
  pdf.registerFont('bold', font.bold as unknown as Buffer);
  shareLayouts(pdf, 'body');
  shareLayouts(pdf, 'bold');
  const done = collect(pdf);

  pdf.font('bold').fontSize(16).text(doc.title, { align: 'center' });
  if (doc.subtitle) pdf.font('body').fontSize(BODY_SIZE).text(doc.subtitle, { align: 'center' });
  pdf.moveDown();
  if (doc.facts?.length) writeFacts(pdf, doc.facts);
  for (const s of doc.sections) {
    if (s.kind === 'heading') pdf.moveDown(0.5).font('bold').fontSize(12).text(s.text, MARGIN).moveDown(0.3);
    else if (s.kind === 'paragraph') pdf.font('body').fontSize(BODY_SIZE).text(s.text, MARGIN).moveDown(0.3);
    else writeTable(pdf, s.table);
  }
  writeFooters(pdf, doc.footer);
  pdf.end();
  return done;
}

/** Word layouts per font, shared by every document of the process (see shareLayouts). */
const sharedLayouts = new Map<string, { cache: Record<string, unknown>; documents: number }>();
const LAYOUTS_KEPT_FOR = 500; // documents, before a font's layouts are dropped and gathered afresh

/**
 * PDFKit lays out text word by word with fontkit (shaping CJK is most of a PDF's cost) and keeps each
 * word's layout for the rest of that document only. The bureau's PDFs repeat most of their words
 * (labels, steps, units, names), so a font's cache is handed from document to document and started
 * afresh every 500 documents to stay small. Layouts depend on the font and the text alone, so the
 * bytes are the same; should PDFKit stop keeping such a cache, this does nothing.
 */
function shareLayouts(pdf: PDFKit.PDFDocument, font: string): void {
  pdf.font(font);
  const embedded = (pdf as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!embedded?.layoutCache) return;
  let shared = sharedLayouts.get(font);
  if (!shared || shared.documents >= LAYOUTS_KEPT_FOR) sharedLayouts.set(font, (shared = { cache: Object.create(null) as Record<string, unknown>, documents: 0 }));
  shared.documents++;
  embedded.layoutCache = shared.cache;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function writeFacts(pdf: PDFKit.PDFDocument, facts: PrintableFact[]): void {
  writeTable(pdf, {
    columns: [{ header: '', weight: 1 }, { header: '', weight: 3 }],
    rows: facts.map((f) => [f.label, f.value]),
  }, false);
}

/** A ruled table that breaks across pages and repeats its header on each new page. */
function writeTable(pdf: PDFKit.PDFDocument, table: PrintableTable, withHeader = true): void {
  const width = pdf.page.width - 2 * MARGIN;
  const total = table.columns.reduce((s, c) => s + c.weight, 0);
  const widths = table.columns.map((c) => (width * c.weight) / total);
  const header = table.columns.map((c) => c.header);
  pdf.fontSize(BODY_SIZE);
  const headerHeight = withHeader ? rowHeight(pdf, widths, header, 'bold') : 0;
  if (withHeader) writeRow(pdf, widths, table.columns, header, 'bold', headerHeight);
  for (const row of table.rows) {
    // Measured once: laying out CJK text is most of a PDF's cost.
    const h = rowHeight(pdf, widths, row, 'body');
    if (pdf.y + h > pdf.page.height - MARGIN) {
      pdf.addPage();
      if (withHeader) writeRow(pdf, widths, table.columns, header, 'bold', headerHeight);
    }
    writeRow(pdf, widths, table.columns, row, 'body', h);
  }
  if (table.totals) writeRow(pdf, widths, table.columns, table.totals, 'bold', rowHeight(pdf, widths, table.totals, 'bold'));
  pdf.x = MARGIN;
  pdf.moveDown(0.5);
}

function rowHeight(pdf: PDFKit.PDFDocument, widths: number[], cells: string[], font: string): number {
  pdf.font(font);
  return Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: widths[i] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
}

function writeRow(pdf: PDFKit.PDFDocument, widths: number[], columns: PrintableColumn[], cells: string[], font: string, h: number): void {
  const top = pdf.y;
  let x = MARGIN;
  cells.forEach((c, i) => {
    pdf.rect(x, top, widths[i], h).lineWidth(0.5).stroke('#888888');
    pdf.fillColor('#000000').font(font).text(c, x + CELL_PADDING, top + CELL_PADDING, { width: widths[i] - 2 * CELL_PADDING, align: columns[i]?.align ?? 'left' });
    x += widths[i];
  });
  pdf.x = MARGIN;
  pdf.y = top + h;
}

function writeFooters(pdf: PDFKit.PDFDocument, footer: string | undefined): void {
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const text = `${footer ? `${footer}   ` : ''}第 ${i + 1} 页 共 ${range.count} 页`;
    // Writing inside the bottom margin would open a new page; lift the margin while the footer is set.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('body').fontSize(8).fillColor('#555555').text(text, MARGIN, pdf.page.height - MARGIN / 2 - 8, { width: pdf.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}
