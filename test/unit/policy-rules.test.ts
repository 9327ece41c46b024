import { checkPolicyForBudget, checkPolicyGoesInForce, RULES, ZBudgetRequestContent, ZPolicyFiling } from '../../domain';

const policy = (over: Partial<{ status: string; step: string }> = {}) => ({ number: 'ZC-2026-000001', title: '农村教师生活补助', status: 'in_force', step: 'in_force', ...over });

describe('R-B9: a budget request may implement only a policy in force', () => {
  it('accepts a policy in force', () => {
    expect(checkPolicyForBudget(policy())).toEqual([]);
  });

  it('refuses a policy that does not exist, naming the field', () => {
    expect(checkPolicyForBudget(null)).toEqual([expect.objectContaining({ ruleId: 'R-B9', zh: RULES['R-B9'].zh, field: 'policyId' })]);
  });

  it('refuses a policy still in its chain, saying where it stands and that it is not yet filed', () => {
    const [v] = checkPolicyForBudget(policy({ status: 'in_review', step: 'executive_meeting' }));
    expect(v).toMatchObject({ ruleId: 'R-B9', field: 'policyId' });
    expect(v.detail).toContain('县政府常务会议');
    expect(v.detail).toContain('未报上级政府备案前不得执行');
  });

  it('refuses a policy assessed unaffordable in the plan’s words', () => {
    const [v] = checkPolicyForBudget(policy({ status: 'not_affordable', step: 'not_affordable' }));
    expect(v.detail).toContain('不具备实施条件、存在风险隐患，一律不得实施');
  });

  it('refuses a rejected or withdrawn policy', () => {
    expect(checkPolicyForBudget(policy({ status: 'rejected' }))[0].detail).toContain('未获通过');
    expect(checkPolicyForBudget(policy({ status: 'withdrawn' }))[0].detail).toContain('已撤回');
  });
});

describe('R-B9: a policy goes in force only from the filing step, with the filing reference', () => {
  it('needs the reference of the filing with the higher-level government', () => {
    expect(checkPolicyGoesInForce({ status: 'in_review', step: 'higher_level_filing', filingReference: ' ' })).toEqual([expect.objectContaining({ ruleId: 'R-B9', field: 'filingReference' })]);
    expect(checkPolicyGoesInForce({ status: 'in_review', step: 'higher_level_filing', filingReference: '州政备〔2026〕3号' })).toEqual([]);
  });

  it('refuses to skip the assessment or the meeting', () => {
    expect(checkPolicyGoesInForce({ status: 'in_review', step: 'affordability_assessment', filingReference: '州政备〔2026〕3号' })[0]).toMatchObject({ ruleId: 'R-B9', field: 'step' });
    expect(checkPolicyGoesInForce({ status: 'not_affordable', step: 'not_affordable', filingReference: '州政备〔2026〕3号' })[0].ruleId).toBe('R-B9');
  });
});

describe('ZPolicyFiling', () => {
  const valid = { title: '农村教师生活补助', summary: '对乡村学校在岗教师按月发放生活补助。', yearlyCost: '3600000.00' };
  it('takes the yearly cost as exact yuan and trims the texts', () => {
    expect(ZPolicyFiling.parse({ ...valid, title: '  农村教师生活补助 ' })).toEqual({ ...valid, scope: '' });
  });
  it('names each bad field', () => {
    const r = ZPolicyFiling.safeParse({ title: '', summary: '短', yearlyCost: 3600000 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['summary', 'title', 'yearlyCost']);
  });
  it('refuses a fiscal year typed by the clerk and a zero cost', () => {
    expect(ZPolicyFiling.safeParse({ ...valid, fiscalYear: 2026 }).error!.issues[0].path).toEqual(['fiscalYear']);
    expect(ZPolicyFiling.safeParse({ ...valid, yearlyCost: '0.00' }).error!.issues[0].path).toEqual(['yearlyCost']);
  });
});

describe('a budget request names the policy it implements optionally', () => {
  const valid = { amount: '100.00', category: 'project', purpose: '教师补助', justification: '' };
  it('accepts no policy and a policy id', () => {
    expect(ZBudgetRequestContent.parse(valid).policyId).toBeUndefined();
    expect(ZBudgetRequestContent.parse({ ...valid, policyId: ' p-1 ' }).policyId).toBe('p-1');
  });
  it('refuses an empty policy id', () => {
    expect(ZBudgetRequestContent.safeParse({ ...valid, policyId: '' }).error!.issues[0].path).toEqual(['policyId']);
  });
});
