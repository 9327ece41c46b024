/**
 * The domain schemas speak English (the API is English); the forms show their messages Chinese
 * first. One table for every form, so the loan form and the budget form say the same thing.
 */
const ZH: Record<string, string> = {
  'must be yuan with exactly two decimals, e.g. "1234.50"': '金额须为元，保留两位小数，如 1234.50',
  'must be a string of yuan with exactly two decimals, e.g. "1234.50"': '请填写金额，保留两位小数，如 1234.50',
  'must be greater than 0.00': '金额须大于 0.00',
  'must describe what the money is for': '请说明资金用途（至少2个字）',
  'must be a year, e.g. 2026': '请选择预算年度',
  'must be a month as YYYY-MM': '月份格式为 YYYY-MM，如 2026-11',
  'must be a date as YYYY-MM-DD': '日期格式为 YYYY-MM-DD，如 2026-11-30',
  'say whether the loan meets a new spending need (true/false)': '请选择是否用于新增支出需求',
  'give termMonths or requestedDueDate, not both': '借款期限与约定还款日期只填一项',
};

/** Fallbacks by the kind of zod issue, for messages the table above does not name. */
const BY_CODE: Record<string, string> = {
  invalid_type: '请填写此项', too_small: '数值或长度过小', too_big: '数值或长度过大', invalid_format: '格式不正确',
};

/** A schema message in the reader's language. */
export function zodMessage(issue: { message: string; code?: string }, lang: 'zh' | 'en'): string {
  // Messages the schema already writes in both languages ("中文 / English") give the reader's half.
  const both = issue.message.split(' / ');
  if (both.length === 2) return lang === 'zh' ? both[0] : both[1];
  if (lang === 'en') return issue.message;
  return ZH[issue.message] ?? (issue.code && BY_CODE[issue.code]) ?? issue.message;
}
