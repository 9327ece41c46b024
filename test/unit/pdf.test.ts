import { renderPdf, PrintableDocument } from '../../documents/pdf';
import { renderPdfOffThread } from '../../documents/pdf-thread';
import { pdfText as textOf } from '../support/pdf-text';

const createdAt = new Date('2026-12-01T02:00:00Z');

const doc = (rows: number): PrintableDocument => ({
  title: '县级保基层运转情况月报',
  subtitle: '2026年11月 · 北京时间',
  facts: [{ label: '报送单位', value: '县财政局' }, { label: '暂付性款项余额', value: '¥1,234,567.89' }],
  sections: [
    { kind: 'heading', text: '一、“三保”支出审批情况' },
    { kind: 'paragraph', text: '本月共审批追加预算申请，全部符合《保基层运转工作方案》的规定。' },
    {
      kind: 'table',
      table: {
        columns: [{ header: '单位', weight: 3 }, { header: '金额（元）', weight: 2, align: 'right' }],
        rows: Array.from({ length: rows }, (_, i) => [`第${i + 1}预算单位`, `${i + 1},000.00`]),
        totals: ['合计', '999,999.00'],
      },
    },
  ],
  footer: 'SHA-256 0123abcd',
  createdAt,
});

describe('printable PDFs with the embedded Chinese font', () => {
  it('prints Chinese text that a reader can extract, with the font embedded', async () => {
    const pdf = await renderPdf(doc(3));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    for (const s of ['县级保基层运转情况月报', '暂付性款项余额', '¥1,234,567.89', '一、“三保”支出审批情况', '第3预算单位', '合计', '第 1 页 共 1 页']) {
      expect(text).toContain(s);
    }
    // The glyphs travel inside the file (a subset of Noto Sans SC), never a system font.
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/NotoSansSC/);
  });

  it('breaks a long table across pages, repeating the header and numbering every page', async () => {
    const text = await textOf(await renderPdf(doc(120)));
    expect(text).toContain('第120预算单位');
    const pages = Number(/共 (\d+) 页/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text.split('金额（元）').length - 1).toBe(pages);
  });

  it('gives the same bytes for the same document', async () => {
    const [a, b] = await Promise.all([renderPdf(doc(5)), renderPdf(doc(5))]);
    expect(a.equals(b)).toBe(true);
  });

  it('renders off the main thread the same bytes, for documents sent at once, and says why one failed', async () => {
    const docs = [doc(5), doc(120), doc(1)];
    const apart = await Promise.all(docs.map(renderPdfOffThread));
    const here = await Promise.all(docs.map(renderPdf));
    apart.forEach((pdf, i) => expect(pdf.equals(here[i])).toBe(true));
    expect(await textOf(apart[1])).toContain('第120预算单位');
    // a document the thread cannot print fails its caller alone; the next one still prints
    const broken = { ...doc(1), sections: undefined } as unknown as PrintableDocument;
    await expect(renderPdfOffThread(broken)).rejects.toThrow(/PDF rendering failed: TypeError/);
    expect((await renderPdfOffThread(doc(5))).equals(here[0])).toBe(true);
  });
});
