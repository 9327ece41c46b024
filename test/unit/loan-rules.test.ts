import {
  addDays, advancesCap, advancesPosition, AGEING_BUCKETS, ageingBucket, ageingDueDates, applyRepayment, checkAdvancesCap, checkDueDate, checkHeldAdvances, checkLoanApplication,
  daysOverdue, fixDueDate, isOverdue, LoanApplication, RULES, ZLoanApplication,
} from '../../domain';
import { applyChainDecision, checkDisbursement, checkLoanDecision, checkRepayment, DecisionAction, initialChainState, LOAN_CHAIN_DEFINITION, LoanChainState, loanStatus } from '../../domain';

/** Where the loan chain's definition leads `action` at `position`. */
const nextLoanPosition = (position: string, action: Exclude<DecisionAction, 'resubmit' | 'withdraw'>) =>
  applyChainDecision(LOAN_CHAIN_DEFINITION, { ...initialChainState(LOAN_CHAIN_DEFINITION, 'l1', 'unit-jyj'), position }, 'u1', action).state.position;
import type { Actor } from '../../domain';

const app = (over: Partial<LoanApplication> = {}): LoanApplication => ({
  amount: '500000.00', purpose: 'temporary_turnover', purposeDetails: '工资发放临时周转',
  repaymentSource: '2026年第四季度上级转移支付', termMonths: 6, noOnLendingDeclared: true, fundsNewSpending: false, ...over,
});
const firstLevel = { level: 'first_level', kind: 'administrative' };
const ids = (vs: { ruleId: string }[]) => vs.map((v) => v.ruleId);

describe('a valid application', () => {
  it('passes every rule', () => {
    expect(checkLoanApplication(app(), firstLevel)).toEqual([]);
    expect(checkLoanApplication(app({ purpose: 'emergency_advance', termMonths: 12 }), { level: 'first_level', kind: 'institution' })).toEqual([]);
  });

  it('parses with zod, defaulting an absent repayment source to empty', () => {
    const parsed = ZLoanApplication.parse({ amount: '1.00', purpose: 'x', purposeDetails: '说明', termMonths: 3, fundsNewSpending: false });
    expect(parsed.repaymentSource).toBe('');
  });

  it('refuses a float amount, a bad date and both term forms with a 400-style zod error', () => {
    const r = ZLoanApplication.safeParse({ ...app(), amount: 12.5, requestedDueDate: '2026-02-30' });
    expect(r.success).toBe(false);
    const both = ZLoanApplication.safeParse({ ...app(), requestedDueDate: '2026-12-01' });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0].path).toEqual(['requestedDueDate']);
  });
});

describe('R-L1 一级预算单位（不含企业）', () => {
  it('R-L1: refuses an enterprise, even a first-level one', () => {
    const v = checkLoanApplication(app(), { level: 'first_level', kind: 'enterprise' });
    expect(v).toEqual([expect.objectContaining({ ruleId: 'R-L1', zh: RULES['R-L1'].zh, field: 'unit' })]);
  });
  it('R-L1: refuses a second-level unit', () => {
    expect(ids(checkLoanApplication(app(), { level: 'second_level', kind: 'institution' }))).toEqual(['R-L1']);
  });
});

describe('R-L2 不得转借企业', () => {
  it('R-L2: requires the no-on-lending declaration', () => {
    expect(ids(checkLoanApplication(app({ noOnLendingDeclared: undefined }), firstLevel))).toEqual(['R-L2']);
    expect(ids(checkLoanApplication(app({ noOnLendingDeclared: false }), firstLevel))).toEqual(['R-L2']);
  });
});

describe('R-L3 用途仅限临时性周转或突发事件垫款', () => {
  it('R-L3: refuses any other purpose and names the two allowed', () => {
    const [v] = checkLoanApplication(app({ purpose: 'office_building' }), firstLevel);
    expect(v).toMatchObject({ ruleId: 'R-L3', field: 'purpose' });
    expect(v.detail).toContain('临时性周转');
    expect(v.detail).toContain('突发事件临时急需垫款');
  });
  it('R-L3: refuses an empty purpose', () => {
    expect(ids(checkLoanApplication(app({ purpose: '' }), firstLevel))).toEqual(['R-L3']);
  });
});

describe('R-L4 期限不超过一年', () => {
  it('R-L4: refuses a term of 13 months and accepts 12', () => {
    expect(ids(checkLoanApplication(app({ termMonths: 13 }), firstLevel))).toEqual(['R-L4']);
    expect(checkLoanApplication(app({ termMonths: 12 }), firstLevel)).toEqual([]);
  });
  it('R-L4: requires a term or a due date', () => {
    expect(checkLoanApplication(app({ termMonths: undefined }), firstLevel)).toEqual([expect.objectContaining({ ruleId: 'R-L4', field: 'termMonths' })]);
  });
  it('R-L4: judges a requested due date against today', () => {
    const noTerm = { termMonths: undefined };
    expect(checkLoanApplication(app({ ...noTerm, requestedDueDate: '2027-03-01' }), firstLevel, { today: '2026-03-01' })).toEqual([]);
    expect(ids(checkLoanApplication(app({ ...noTerm, requestedDueDate: '2027-03-02' }), firstLevel, { today: '2026-03-01' }))).toEqual(['R-L4']);
    expect(ids(checkLoanApplication(app({ ...noTerm, requestedDueDate: '2026-03-01' }), firstLevel, { today: '2026-03-01' }))).toEqual(['R-L4']);
  });
  it('R-L4: instalments must fall within the term', () => {
    const v = checkLoanApplication(app({ termMonths: 6, instalmentPlan: [{ afterMonths: 3, amount: '250000.00' }, { afterMonths: 7, amount: '250000.00' }] }), firstLevel);
    expect(v).toEqual([expect.objectContaining({ ruleId: 'R-L4', field: 'instalmentPlan' })]);
  });
  it('R-L4: the due date is fixed at most one year after disbursement', () => {
    expect(fixDueDate('2026-05-10', { termMonths: 6 })).toBe('2026-11-10');
    expect(fixDueDate('2026-05-10', {})).toBe('2027-05-10');
    expect(fixDueDate('2026-01-31', { termMonths: 1 })).toBe('2026-02-28');
    expect(fixDueDate('2028-02-29', { termMonths: 12 })).toBe('2029-02-28');
    // a requested date beyond a year (disbursement came late) is cut back to one year
    expect(fixDueDate('2026-05-10', { requestedDueDate: '2027-06-01' })).toBe('2027-05-10');
    // a requested date already past when the money goes out falls back to the term
    expect(fixDueDate('2026-05-10', { requestedDueDate: '2026-05-01', termMonths: undefined })).toBe('2027-05-10');
    expect(fixDueDate('2026-05-10', { termMonths: 6 }, '2026-09-30')).toBe('2026-09-30');
  });
  it('R-L4: refuses a due date chosen at disbursement more than a year out', () => {
    expect(checkDueDate('2026-05-10', '2027-05-10')).toEqual([]);
    expect(ids(checkDueDate('2026-05-10', '2027-05-11'))).toEqual(['R-L4']);
    expect(ids(checkDueDate('2026-05-10', '2026-05-10'))).toEqual(['R-L4']);
  });
});

describe('R-L5 明确还款来源', () => {
  it('R-L5: refuses a missing or empty repayment source', () => {
    expect(checkLoanApplication(app({ repaymentSource: '' }), firstLevel)).toEqual([expect.objectContaining({ ruleId: 'R-L5', field: 'repaymentSource' })]);
    expect(ids(checkLoanApplication(app({ repaymentSource: '  ' }), firstLevel))).toEqual(['R-L5']);
  });
  it('R-L5: an instalment plan must add up to the amount', () => {
    const v = checkLoanApplication(app({ instalmentPlan: [{ afterMonths: 3, amount: '250000.00' }, { afterMonths: 6, amount: '249999.99' }] }), firstLevel);
    expect(v).toEqual([expect.objectContaining({ ruleId: 'R-L5', field: 'instalmentPlan' })]);
    expect(checkLoanApplication(app({ instalmentPlan: [{ afterMonths: 3, amount: '250000.00' }, { afterMonths: 6, amount: '250000.00' }] }), firstLevel)).toEqual([]);
  });
});

describe('R-L9 不得用于新增支出', () => {
  it('R-L9: refuses a loan that meets a new spending need', () => {
    expect(checkLoanApplication(app({ fundsNewSpending: true }), firstLevel)).toEqual([expect.objectContaining({ ruleId: 'R-L9', zh: RULES['R-L9'].zh })]);
  });
});

describe('every violation at once', () => {
  it('R-L1, R-L2, R-L3, R-L4, R-L5 and R-L9 in one answer', () => {
    const v = checkLoanApplication(app({ purpose: 'new_hall', termMonths: 24, repaymentSource: '', noOnLendingDeclared: false, fundsNewSpending: true }), { level: 'first_level', kind: 'enterprise' });
    expect(ids(v)).toEqual(['R-L1', 'R-L2', 'R-L3', 'R-L4', 'R-L5', 'R-L9']);
  });
});

const actor = (roles: Actor['roles'], userId = 'u1'): Actor => ({ userId, roles, unitId: null });
const state = (over: Partial<LoanChainState> = {}): LoanChainState => ({
  loanId: 'l1', unitId: 'unit-jyj', position: 'finance_review', amount: '100.00', outstanding: '0.00', ...over,
});

describe('R-L6 常务会议审查批准', () => {
  const meeting = state({ position: 'executive_meeting' });
  const secretary = actor(['meeting_secretary']);
  it('R-L6: the meeting reference is required', () => {
    expect(checkLoanDecision(meeting, secretary, { action: 'approve' }, { step: 'executive_meeting' })).toMatchObject({ code: 'missing_field', field: 'meetingReference', status: 422 });
  });
  it('R-L6: an office meeting cannot stand in for the executive meeting', () => {
    const r = checkLoanDecision(meeting, secretary, { action: 'approve', meetingKind: 'office', meetingReference: '第3次办公会议' }, { step: 'executive_meeting' });
    expect(r).toMatchObject({ field: 'meetingKind', status: 422 });
    expect(r?.message).toContain('R-L6');
  });
  it('R-L6: approves with the reference and moves on to disbursement', () => {
    expect(checkLoanDecision(meeting, secretary, { action: 'approve', meetingReference: '县政府第12次常务会议' }, { step: 'executive_meeting' })).toBeNull();
    expect(nextLoanPosition('executive_meeting', 'approve')).toBe('disbursement');
    expect(nextLoanPosition('finance_review', 'approve')).toBe('executive_meeting');
    expect(nextLoanPosition('finance_review', 'reject')).toBe('rejected');
  });
  it('refuses the wrong role and a stale screen; a return (with its reason) sends the loan back to the borrower', () => {
    expect(checkLoanDecision(meeting, actor(['finance_reviewer']), { action: 'approve', meetingReference: 'x1' }, { step: 'executive_meeting' })).toMatchObject({ code: 'wrong_role', status: 403 });
    expect(checkLoanDecision(meeting, secretary, { action: 'approve' }, { step: 'finance_review' })).toMatchObject({ code: 'stale_task', status: 409 });
    expect(checkLoanDecision(state(), actor(['finance_reviewer']), { action: 'return', comment: 'x' }, { step: 'finance_review' })).toBeNull();
    expect(checkLoanDecision(state(), actor(['finance_reviewer']), { action: 'return' }, { step: 'finance_review' })).toMatchObject({ code: 'missing_field', field: 'comment', ruleId: 'R-L6' });
    expect(nextLoanPosition('finance_review', 'return')).toBe('revision');
    expect(checkLoanDecision(state(), actor(['finance_reviewer']), { action: 'acknowledge' }, { step: 'finance_review' })).toMatchObject({ code: 'action_not_allowed' });
    expect(checkLoanDecision(state(), actor(['finance_reviewer']), { action: 'reject' }, { step: 'finance_review' })).toMatchObject({ field: 'comment' });
  });
});

describe('R-L7 谁借出，谁回收', () => {
  const s = state({ position: 'disbursement' });
  const treasury = actor(['treasury_officer'], 'user-treasury');
  it('R-L7: the responsible officer must be a treasury officer', () => {
    expect(checkDisbursement(s, treasury, { userId: 'user-reviewer', roles: ['finance_reviewer'] }, '2026-05-10')).toMatchObject({ code: 'invalid_officer', field: 'responsibleOfficerId' });
    expect(checkDisbursement(s, treasury, { userId: treasury.userId, roles: treasury.roles }, '2026-05-10')).toBeNull();
  });
  it('R-L7: only the treasury disburses and records repayments', () => {
    expect(checkDisbursement(s, actor(['finance_director']), { userId: 'x', roles: ['treasury_officer'] }, '2026-05-10')).toMatchObject({ code: 'wrong_role' });
    expect(checkRepayment(state({ position: 'repayment', outstanding: '100.00' }), actor(['finance_reviewer']), '1.00')).toMatchObject({ code: 'wrong_role' });
  });
  it('R-L4 at disbursement: a chosen due date over a year out is a rule violation', () => {
    const r = checkDisbursement(s, treasury, { userId: treasury.userId, roles: treasury.roles }, '2026-05-10', '2027-06-01');
    expect(Array.isArray(r) && r[0].ruleId).toBe('R-L4');
  });
});

describe('R-L8 暂付款不超过支出之和的5%', () => {
  const figures = { generalBudgetExpenditure: '3200000000.00', fundBudgetExpenditure: '800000000.00' };
  it('R-L8: the cap is 5% of both expenditures, exact to the fen and rounded down', () => {
    expect(advancesCap(figures)).toBe('200000000.00');
    expect(advancesCap({ generalBudgetExpenditure: '0.10', fundBudgetExpenditure: '0.09' })).toBe('0.00');
    expect(advancesCap({ generalBudgetExpenditure: '10.01', fundBudgetExpenditure: '10.00' })).toBe('1.00');
    expect(advancesCap({ generalBudgetExpenditure: '99999999999999.99', fundBudgetExpenditure: '0.00' })).toBe('4999999999999.99');
  });
  it('R-L8: a loan that lands exactly on the cap passes; one fen more does not', () => {
    expect(checkAdvancesCap('150000000.00', '40000000.00', '10000000.00', figures)).toEqual([]);
    const v = checkAdvancesCap('150000000.00', '40000000.00', '10000000.01', figures);
    expect(v).toEqual([expect.objectContaining({ ruleId: 'R-L8', field: 'amount' })]);
    expect(v[0].detail).toContain('200000000.00');
  });
  it('R-L8: counts loans approved but not yet disbursed', () => {
    expect(ids(checkAdvancesCap('0.00', '200000000.00', '0.01', figures))).toEqual(['R-L8']);
  });
  it('R-M2: the position shows cap, ratio and headroom', () => {
    expect(advancesPosition(figures, '100000000.00', '20000000.00')).toEqual({
      outstanding: '100000000.00', reserved: '20000000.00', cap: '200000000.00', expenditure: '4000000000.00', held: '120000000.00', ratioPercent: '2.50', heldPercent: '3.00', headroom: '80000000.00',
      overCap: false, excess: '0.00',
    });
    expect(advancesPosition(figures, '210000000.00', '0.00')).toMatchObject({ headroom: '0.00', overCap: true, excess: '10000000.00' });
    expect(advancesPosition(figures, '150000000.00', '50000000.00')).toMatchObject({ headroom: '0.00', overCap: false, excess: '0.00' });
  });
  it('R-L8: figures that put the cap under what is held warn with the exact excess, counting approved loans', () => {
    expect(checkHeldAdvances(figures, '150000000.00', '50000000.00')).toEqual([]);
    const v = checkHeldAdvances(figures, '150000000.00', '50000000.01');
    expect(v).toEqual([expect.objectContaining({ ruleId: 'R-L8', zh: RULES['R-L8'].zh, field: 'generalBudgetExpenditure' })]);
    expect(v[0].detail).toContain('超出 0.01 元');
  });
});

describe('R-L10 回笼资金，防止长期挂账', () => {
  it('R-L10: partial repayments reduce the balance exactly until it is zero', () => {
    const a = applyRepayment('1000.00', '333.33');
    expect(a).toEqual({ ok: true, outstanding: '666.67', closed: false });
    expect(applyRepayment('666.67', '666.67')).toEqual({ ok: true, outstanding: '0.00', closed: true });
  });
  it('R-L10: over-repayment and zero are refused', () => {
    expect(applyRepayment('10.00', '10.01')).toEqual({ ok: false, reason: 'over_repayment' });
    expect(applyRepayment('10.00', '0.00')).toEqual({ ok: false, reason: 'not_positive' });
    expect(checkRepayment(state({ position: 'repayment', outstanding: '10.00' }), actor(['treasury_officer']), '10.01')).toMatchObject({ code: 'over_repayment', status: 422, field: 'amount', message: expect.stringContaining(`R-L10「${RULES['R-L10'].zh}」`) });
    expect(checkRepayment(state({ position: 'closed', outstanding: '0.00' }), actor(['treasury_officer']), '1.00')).toMatchObject({ code: 'stale_task' });
  });
  it('R-L10: overdue from the due date on, aged in 0–30, 31–90 and 90+ days', () => {
    expect(isOverdue('2026-06-30', '2026-06-29')).toBe(false);
    expect(isOverdue('2026-06-30', '2026-06-30')).toBe(true);
    expect(daysOverdue('2026-06-30', '2026-07-30')).toBe(30);
    expect([0, 30, 31, 90, 91, 400].map(ageingBucket)).toEqual(['0-30', '0-30', '31-90', '31-90', '90+', '90+']);
  });
  it('R-M2: the due dates of each ageing bucket are exactly the loans ageingBucket puts there', () => {
    for (const today of ['2026-03-01', '2024-03-01', '2026-12-31']) {
      for (let days = 0; days <= 400; days++) {
        const due = addDays(today, -days);
        const inRange = AGEING_BUCKETS.filter((b) => {
          const { from, to } = ageingDueDates(b, today);
          return due <= to && (from === undefined || due >= from);
        });
        expect(inRange).toEqual([ageingBucket(daysOverdue(due, today))]);
      }
    }
    expect(ageingDueDates('31-90', '2026-06-30')).toEqual({ from: '2026-04-01', to: '2026-05-30' });
    expect(ageingDueDates('90+', '2026-06-30')).toEqual({ to: '2026-03-31' });
  });
  it('shows each position as a list status', () => {
    expect(['finance_review', 'executive_meeting', 'disbursement', 'repayment', 'closed', 'rejected'].map((p) => loanStatus(p as never)))
      .toEqual(['in_review', 'in_review', 'approved', 'disbursed', 'closed', 'rejected']);
  });
});
