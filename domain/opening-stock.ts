import { z } from 'zod';
import { ZPositiveYuan, normalizeYuan } from './money';
import { IsoDate, isIsoDate } from './china-calendar';

/**
 * Opening stock (存量暂付款, R-L11): the advances that predate the system, entered by the finance
 * director by form or from the Excel template. One schema for both, so the form, the import and the
 * API refuse the same things with the same words.
 */
export const DEBTOR_KINDS = {
  unit: { zh: '单位', en: 'Budget unit' },
  enterprise: { zh: '企业', en: 'Enterprise' },
} as const;
export type DebtorKind = keyof typeof DEBTOR_KINDS;

export const ADVANCE_KINDS = {
  compliant: { zh: '合规借款', en: 'Compliant loan' },
  irregular: { zh: '违规出借', en: 'Irregular lending to an enterprise' },
} as const;
export type AdvanceKind = keyof typeof ADVANCE_KINDS;

/** Accepts the code or its Chinese or English label, as a person fills the template. */
const labelled = <K extends string>(table: Record<K, { zh: string; en: string }>, what: string) => z.string().trim().transform((v, ctx) => {
  const hit = (Object.keys(table) as K[]).find((k) => k === v || table[k].zh === v || table[k].en.toLowerCase() === v.toLowerCase());
  if (!hit) ctx.addIssue({ code: 'custom', message: `${what}须为 ${(Object.values(table) as { zh: string }[]).map((x) => x.zh).join(' / ')}` });
  return hit as K;
});

export const ZOpeningStockEntry = z.object({
  debtor: z.string().trim().min(2, '请填写债务单位或企业名称 / name the debtor').max(200),
  debtorKind: labelled(DEBTOR_KINDS, '债务人类型'),
  amount: ZPositiveYuan,
  arisenOn: z.string().trim().refine(isIsoDate, '日期格式为 YYYY-MM-DD / must be a date as YYYY-MM-DD'),
  kind: labelled(ADVANCE_KINDS, '性质'),
  responsibleOfficer: z.string().trim().min(1, '请填写责任人 / name the responsible officer (R-L7)').max(100),
  note: z.string().trim().max(2000).default(''),
});
export type OpeningStockEntry = z.infer<typeof ZOpeningStockEntry>;

/** The template's columns, in order: the field, its bilingual header and an example. */
export const OPENING_STOCK_COLUMNS: { field: keyof OpeningStockEntry; header: string; example: string; width: number }[] = [
  { field: 'debtor', header: '债务单位或企业 Debtor', example: '县城投公司', width: 28 },
  { field: 'debtorKind', header: '类型（单位/企业） Kind of debtor', example: '企业', width: 18 },
  { field: 'amount', header: '金额（元） Amount (yuan)', example: '1200000.00', width: 18 },
  { field: 'arisenOn', header: '发生日期 Date arisen (YYYY-MM-DD)', example: '2019-06-30', width: 20 },
  { field: 'kind', header: '性质（合规借款/违规出借） Kind', example: '违规出借', width: 22 },
  { field: 'responsibleOfficer', header: '责任人 Responsible officer', example: '张某（原国库股）', width: 20 },
  { field: 'note', header: '备注 Note', example: '用于企业偿债', width: 30 },
];

/** A refusal of one cell: the spreadsheet row (1-based, as Excel shows it), the column header and why. */
export interface StockRowError { row: number; column: string; message: string }

/**
 * Business rules beyond the shape: a stock advance arose before today (China date); lending to an
 * enterprise is never a compliant loan (R-L1), so it must be entered as 违规出借.
 */
export function checkStockEntry(e: OpeningStockEntry, today: IsoDate): { field: keyof OpeningStockEntry; message: string }[] {
  const found: { field: keyof OpeningStockEntry; message: string }[] = [];
  if (e.arisenOn > today) found.push({ field: 'arisenOn', message: `发生日期不能晚于今天 ${today} / cannot be after today` });
  if (e.debtorKind === 'enterprise' && e.kind === 'compliant') {
    found.push({ field: 'kind', message: 'R-L1 县财政不向企业安排借款：借给企业的款项应登记为「违规出借」 / lending to an enterprise is irregular (违规出借)' });
  }
  return found;
}

/**
 * Validates every row of an import at once; rows are { field: raw cell text } in template order, and
 * `rowNumbers` their numbers in the sheet (default: from row 2, under the header). Answers the entries
 * only when no row is bad, so nothing is half-imported.
 */
export function parseStockRows(rows: Record<string, string>[], today: IsoDate, rowNumbers?: number[]): { entries: OpeningStockEntry[]; errors: StockRowError[] } {
  const errors: StockRowError[] = [];
  const entries: OpeningStockEntry[] = [];
  const header = (field: string) => OPENING_STOCK_COLUMNS.find((c) => c.field === field)?.header ?? field;
  rows.forEach((raw, i) => {
    const row = rowNumbers?.[i] ?? i + 2;
    const parsed = ZOpeningStockEntry.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, column: header(String(issue.path[0] ?? '')), message: issue.message });
      return;
    }
    for (const f of checkStockEntry(parsed.data, today)) errors.push({ row, column: header(f.field), message: f.message });
    entries.push(parsed.data);
  });
  if (!rows.length) errors.push({ row: 2, column: header('debtor'), message: '文件中没有数据行 / the file has no rows' });
  return errors.length ? { entries: [], errors } : { entries, errors };
}

/**
 * The canonical text of an entry, and of its n-th identical copy in one file, so the same row imported
 * twice is recognised (the caller hashes it) while two genuinely identical rows of one file both count.
 */
export function stockEntryFingerprint(e: OpeningStockEntry, occurrence: number): string {
  return [e.debtor, e.debtorKind, normalizeYuan(e.amount), e.arisenOn, e.kind, e.responsibleOfficer, e.note, occurrence].join('\u241f');
}
