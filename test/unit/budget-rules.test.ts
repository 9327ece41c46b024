import {
  BUDGET_CATEGORIES, BudgetCategory, BudgetRequestContent, GENERAL_PURPOSE_MIN_JUSTIFICATION, ZBudgetRequestContent,
  ZFiscalYearFigures, budgetFlags, checkBudgetContent, checkFiscalCapacity, disbursementSchedule, remainingCapacity,
} from '../../domain/budget';
import { RULES, violation } from '../../domain/rules';

const content = (over: Partial<BudgetRequestContent> = {}): BudgetRequestContent => ({
  amount: '20000.00', category: 'project', purpose: '农村饮水安全维修', justification: '', ...over,
});

/** The rules as a request filed in China year 2026 meets them (the year is derived, never typed). */
const checkInYear = (c: BudgetRequestContent) => checkBudgetContent(c, 2026);

describe('violation()', () => {
  it('carries the rule id, the plan wording in Chinese and English, the detail and the field', () => {
    expect(violation('R-B3', 'too much', 'amount')).toEqual({
      ruleId: 'R-B3', zh: '要做到收支平衡，不得超财力追加形成财政赤字',
      en: 'Supplementary budgets may not exceed available resources and create a deficit.', detail: 'too much', field: 'amount',
    });
  });

  it('leaves the field out when none is given', () => {
    const v = violation('R-B2', 'x');
    expect(v).toEqual({ ruleId: 'R-B2', zh: RULES['R-B2'].zh, en: RULES['R-B2'].en, detail: 'x' });
    expect('field' in v).toBe(false);
  });
});

describe('R-B3 不得超财力追加', () => {
  const capacity = { availableResources: '1000000.00', reserved: '300000.00', committed: '200000.50' };

  it('R-B3: remainingCapacity is available resources less reservations and commitments', () => {
    expect(remainingCapacity(capacity)).toBe('499999.50');
    expect(remainingCapacity({ availableResources: '100.00', reserved: '0.00', committed: '0.00' })).toBe('100.00');
    expect(remainingCapacity({ availableResources: '0.10', reserved: '0.05', committed: '0.05' })).toBe('0.00');
  });

  it('R-B3: remainingCapacity goes negative when more is held than is available', () => {
    expect(remainingCapacity({ availableResources: '100.00', reserved: '80.00', committed: '30.00' })).toBe('-10.00');
  });

  it('R-B3: passes an amount well within what is left', () => {
    expect(checkFiscalCapacity('1000.00', capacity)).toEqual([]);
  });

  it('R-B3: passes an amount exactly equal to what is left (boundary)', () => {
    expect(checkFiscalCapacity('499999.50', capacity)).toEqual([]);
  });

  it('R-B3: refuses an amount one fen above what is left after reservations and commitments', () => {
    const found = checkFiscalCapacity('499999.51', capacity);
    expect(found).toHaveLength(1);
    const [v] = found;
    expect(v.ruleId).toBe('R-B3');
    expect(v.zh).toBe(RULES['R-B3'].zh);
    expect(v.en).toBe(RULES['R-B3'].en);
    expect(v.field).toBe('amount');
    expect(v.detail).toContain('499999.51');
    expect(v.detail).toContain('剩余可用财力 499999.50 元');
  });

  it('R-B3: counts reservations: an amount that fits the available resources alone is refused once others hold money', () => {
    const free = { availableResources: '500.00', reserved: '0.00', committed: '0.00' };
    expect(checkFiscalCapacity('400.00', free)).toEqual([]);
    expect(checkFiscalCapacity('400.00', { ...free, reserved: '200.00' })).toHaveLength(1);
    expect(checkFiscalCapacity('400.00', { ...free, committed: '200.00' })).toHaveLength(1);
  });

  it('R-B3: refuses everything when nothing is left, and says 0.00 (not a negative figure) in Chinese when over-held', () => {
    expect(checkFiscalCapacity('0.01', { availableResources: '100.00', reserved: '60.00', committed: '40.00' })).toHaveLength(1);
    const [v] = checkFiscalCapacity('0.01', { availableResources: '100.00', reserved: '80.00', committed: '30.00' });
    expect(v.ruleId).toBe('R-B3');
    expect(v.detail).toContain('剩余可用财力 0.00 元');
  });
});

describe('R-B4 原则上不得追加一般性经费', () => {
  it('R-B4: the minimum justification is 20 characters', () => {
    expect(GENERAL_PURPOSE_MIN_JUSTIFICATION).toBe(20);
  });

  it('R-B4: refuses general-purpose spending without a justification, naming the justification field', () => {
    const found = checkInYear(content({ category: 'general_purpose', justification: '' }));
    expect(found).toHaveLength(1);
    expect(found[0].ruleId).toBe('R-B4');
    expect(found[0].zh).toBe(RULES['R-B4'].zh);
    expect(found[0].en).toBe(RULES['R-B4'].en);
    expect(found[0].field).toBe('justification');
    expect(found[0].detail).toContain('不少于20字');
  });

  it('R-B4: refuses a justification one character short (19) and accepts exactly 20', () => {
    expect(checkInYear(content({ category: 'general_purpose', justification: 'x'.repeat(19) }))).toHaveLength(1);
    expect(checkInYear(content({ category: 'general_purpose', justification: 'x'.repeat(20) }))).toEqual([]);
  });

  it('R-B4: counts Chinese characters one each', () => {
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(twenty.length).toBe(20);
    expect(checkInYear(content({ category: 'general_purpose', justification: twenty }))).toEqual([]);
    expect(checkInYear(content({ category: 'general_purpose', justification: twenty.slice(1) }))).toHaveLength(1);
  });

  it('R-B4: does not count surrounding whitespace towards the justification', () => {
    const padded = `   ${'x'.repeat(19)}      `;
    expect(checkInYear(content({ category: 'general_purpose', justification: padded }))).toHaveLength(1);
  });

  it.each(['three_guarantees_personnel', 'three_guarantees_operations', 'three_guarantees_livelihood', 'project', 'emergency'] as BudgetCategory[])(
    'R-B4: %s needs no justification',
    (category) => {
      expect(checkInYear(content({ category, justification: '' }))).toEqual([]);
    },
  );

  it('R-B4: budgetFlags marks general_purpose, and only it, as general-purpose', () => {
    expect(budgetFlags('general_purpose')).toEqual({ threeGuarantees: false, generalPurpose: true });
    for (const c of Object.keys(BUDGET_CATEGORIES) as BudgetCategory[]) {
      expect(budgetFlags(c).generalPurpose).toBe(c === 'general_purpose');
    }
  });
});

describe('R-B5 三保优先', () => {
  it.each(['three_guarantees_personnel', 'three_guarantees_operations', 'three_guarantees_livelihood'] as BudgetCategory[])(
    'R-B5: %s is flagged as three guarantees',
    (category) => {
      expect(budgetFlags(category)).toEqual({ threeGuarantees: true, generalPurpose: false });
    },
  );

  it.each(['general_purpose', 'project', 'emergency'] as BudgetCategory[])('R-B5: %s is not three guarantees', (category) => {
    expect(budgetFlags(category).threeGuarantees).toBe(false);
  });

  it('R-B5: there are exactly six categories, three of them three guarantees', () => {
    expect(Object.keys(BUDGET_CATEGORIES).sort()).toEqual([
      'emergency', 'general_purpose', 'project',
      'three_guarantees_livelihood', 'three_guarantees_operations', 'three_guarantees_personnel',
    ]);
    expect(Object.values(BUDGET_CATEGORIES).filter((c) => c.threeGuarantees)).toHaveLength(3);
  });
});

describe('R-B6 按进度拨付', () => {
  const r6 = (c: BudgetRequestContent) => checkBudgetContent(c, 2026).filter((v) => v.ruleId === 'R-B6');

  it('R-B6: accepts a plan that sums exactly to the amount, in the fiscal year, one instalment per month', () => {
    expect(checkInYear(content({
      amount: '0.30',
      disbursementPlan: [{ month: '2026-03', amount: '0.10' }, { month: '2026-06', amount: '0.20' }],
    }))).toEqual([]);
  });

  it('R-B6: accepts no plan at all', () => {
    expect(checkInYear(content({ disbursementPlan: undefined }))).toEqual([]);
  });

  it('R-B6: refuses a plan one fen short of the amount, naming the disbursementPlan field', () => {
    const found = r6(content({
      amount: '20000.00',
      disbursementPlan: [{ month: '2026-03', amount: '10000.00' }, { month: '2026-04', amount: '9999.99' }],
    }));
    expect(found).toHaveLength(1);
    expect(found[0].zh).toBe(RULES['R-B6'].zh);
    expect(found[0].field).toBe('disbursementPlan');
    expect(found[0].detail).toContain('拨付计划合计 19999.99 元与申请金额 20000.00 元不一致');
  });

  it('R-B6: refuses a plan one fen over the amount', () => {
    expect(r6(content({
      amount: '20000.00',
      disbursementPlan: [{ month: '2026-03', amount: '10000.00' }, { month: '2026-04', amount: '10000.01' }],
    }))).toHaveLength(1);
  });

  it('R-B6: refuses an instalment outside the fiscal year', () => {
    const found = r6(content({
      amount: '200.00',
      disbursementPlan: [{ month: '2026-12', amount: '100.00' }, { month: '2027-01', amount: '100.00' }],
    }));
    expect(found).toHaveLength(1);
    expect(found[0].field).toBe('disbursementPlan');
    expect(found[0].detail).toContain('须在 2026 预算年度内');
  });

  it('R-B6: refuses two instalments in the same month', () => {
    const found = r6(content({
      amount: '200.00',
      disbursementPlan: [{ month: '2026-05', amount: '100.00' }, { month: '2026-05', amount: '100.00' }],
    }));
    expect(found).toHaveLength(1);
    expect(found[0].detail).toContain('同一月份只能安排一次拨付');
  });

  it('R-B6 and R-B4: reports every violation at once', () => {
    const found = checkInYear(content({
      amount: '300.00', category: 'general_purpose', justification: '太短',
      disbursementPlan: [{ month: '2025-05', amount: '100.00' }, { month: '2025-05', amount: '100.00' }],
    }));
    expect(found.map((v) => v.ruleId)).toEqual(['R-B4', 'R-B6', 'R-B6', 'R-B6']);
    expect(found.map((v) => v.field)).toEqual(['justification', 'disbursementPlan', 'disbursementPlan', 'disbursementPlan']);
  });

  it('R-B6: disbursementSchedule defaults to one instalment of the whole amount in the given month', () => {
    expect(disbursementSchedule(content({ amount: '20000.00' }), '2026-07')).toEqual([
      { seq: 1, month: '2026-07', amount: '20000.00' },
    ]);
  });

  it("R-B6: disbursementSchedule follows the department's plan, sorted by month and numbered from 1", () => {
    const plan = [
      { month: '2026-11', amount: '300.00' },
      { month: '2026-02', amount: '100.00' },
      { month: '2026-10', amount: '200.00' },
    ];
    const c = content({ amount: '600.00', disbursementPlan: plan });
    expect(disbursementSchedule(c, '2026-07')).toEqual([
      { seq: 1, month: '2026-02', amount: '100.00' },
      { seq: 2, month: '2026-10', amount: '200.00' },
      { seq: 3, month: '2026-11', amount: '300.00' },
    ]);
    // the plan itself is left as it was
    expect(plan.map((i) => i.month)).toEqual(['2026-11', '2026-02', '2026-10']);
  });
});

describe('ZBudgetRequestContent', () => {
  const valid = { amount: '20000.00', category: 'project', purpose: '农村饮水安全维修' };
  const issues = (input: unknown) => {
    const r = ZBudgetRequestContent.safeParse(input);
    expect(r.success).toBe(false);
    return Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('accepts a valid request, defaulting the justification to empty and trimming text', () => {
    expect(ZBudgetRequestContent.parse({ ...valid, purpose: '  农村饮水安全维修  ' })).toEqual({
      amount: '20000.00', category: 'project', purpose: '农村饮水安全维修', justification: '',
    });
    expect(ZBudgetRequestContent.parse({ ...valid, justification: '  理由  ' }).justification).toBe('理由');
  });

  it('accepts a disbursement plan', () => {
    const plan = [{ month: '2026-01', amount: '10000.00' }, { month: '2026-12', amount: '10000.00' }];
    expect(ZBudgetRequestContent.parse({ ...valid, disbursementPlan: plan }).disbursementPlan).toEqual(plan);
  });

  it('names each bad field with its message', () => {
    expect(issues({ amount: '12.5', category: 'luxury', purpose: ' a ' })).toEqual({
      amount: 'must be yuan with exactly two decimals, e.g. "1234.50"',
      category: expect.stringContaining('three_guarantees_personnel'),
      purpose: 'must describe what the money is for',
    });
  });

  it('refuses an amount of 0.00 and an amount given as a number', () => {
    expect(issues({ ...valid, amount: '0.00' })).toEqual({ amount: 'must be greater than 0.00' });
    expect(issues({ ...valid, amount: 20000 })).toEqual({ amount: 'must be a string of yuan with exactly two decimals, e.g. "1234.50"' });
  });

  it('refuses any fiscal year sent by the clerk: it is derived from the China date of filing', () => {
    for (const fiscalYear of [2026, 2031, '2026']) {
      expect(issues({ ...valid, fiscalYear })).toEqual({ fiscalYear: expect.stringContaining('the fiscal year is set from the China date of filing') });
    }
  });

  it('refuses missing fields', () => {
    expect(Object.keys(issues({})).sort()).toEqual(['amount', 'category', 'purpose']);
  });

  it('refuses a purpose over 500 characters and a justification over 4000', () => {
    expect(Object.keys(issues({ ...valid, purpose: '修'.repeat(501) }))).toEqual(['purpose']);
    expect(ZBudgetRequestContent.safeParse({ ...valid, purpose: '修'.repeat(500) }).success).toBe(true);
    expect(Object.keys(issues({ ...valid, justification: 'x'.repeat(4001) }))).toEqual(['justification']);
  });

  it('refuses bad instalments, naming the instalment and its field', () => {
    expect(issues({ ...valid, disbursementPlan: [{ month: '2026-13', amount: '1.5' }] })).toEqual({
      'disbursementPlan.0.month': 'must be a month as YYYY-MM',
      'disbursementPlan.0.amount': 'must be yuan with exactly two decimals, e.g. "1234.50"',
    });
    expect(issues({ ...valid, disbursementPlan: [{ month: '2026-01', amount: '20000.00' }, { month: '2026-1', amount: '0.00' }] })).toEqual({
      'disbursementPlan.1.month': 'must be a month as YYYY-MM',
      'disbursementPlan.1.amount': 'must be greater than 0.00',
    });
  });

  it('refuses an empty plan and a plan of more than 24 instalments', () => {
    expect(Object.keys(issues({ ...valid, disbursementPlan: [] }))).toEqual(['disbursementPlan']);
    const many = Array.from({ length: 25 }, (_, i) => ({ month: `2026-${String((i % 12) + 1).padStart(2, '0')}`, amount: '1.00' }));
    expect(Object.keys(issues({ ...valid, disbursementPlan: many }))).toEqual(['disbursementPlan']);
  });
});

describe('ZFiscalYearFigures', () => {
  it('accepts non-negative two-decimal amounts, including zero', () => {
    const figures = { generalBudgetExpenditure: '500000000.00', fundBudgetExpenditure: '0.00', availableResources: '12000000.00' };
    expect(ZFiscalYearFigures.parse(figures)).toEqual(figures);
  });

  it('refuses negative or malformed amounts', () => {
    const r = ZFiscalYearFigures.safeParse({ generalBudgetExpenditure: '-1.00', fundBudgetExpenditure: '1', availableResources: 100 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['availableResources', 'fundBudgetExpenditure', 'generalBudgetExpenditure']);
  });
});
