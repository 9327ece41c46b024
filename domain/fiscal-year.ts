import { violation, Violation } from './rules';

/** What the finance director must enter before the year's R-B3 or R-L8 can be computed. */
const NEEDED = {
  'R-B3': { zh: '可用财力', en: 'available resources' },
  'R-L8': { zh: '一般公共预算支出和政府性基金预算支出', en: 'general public and government fund budget expenditure' },
} as const;

/** The refusal when the current fiscal year has no figures: names the year and what the director must enter. */
export function missingFiguresViolation(year: number, ruleId: keyof typeof NEEDED): Violation {
  const n = NEEDED[ruleId];
  return violation(ruleId,
    `${year} 年度财政数据尚未录入：请财政局局长在「财政数据」页录入 ${year} 年的${n.zh} / the finance director must first enter ${year}'s ${n.en} on the fiscal-year page`,
    'fiscalYear');
}
