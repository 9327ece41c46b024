import { loanFindingSchema, ZLoanFinding } from '../../domain';

const bounds = { loanAmount: '8000.00', disbursedOn: '2026-05-10', today: '2026-06-01' };
const finding = (over: Record<string, unknown> = {}) => ({
  description: '资金转入某建筑公司账户', enterprise: '某建筑公司', amount: '8000.00', foundOn: '2026-05-10', ...over,
});
const badFields = (input: unknown) => {
  const r = loanFindingSchema(bounds).safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => String(i.path[0])))].sort();
};

describe('an R-L2 finding against its loan', () => {
  it('accepts the whole loan amount, found on the disbursement day or today', () => {
    expect(badFields(finding())).toEqual([]);
    expect(badFields(finding({ amount: '0.01', foundOn: '2026-06-01' }))).toEqual([]);
  });

  it('refuses more than the loan amount, a date before disbursement or in the future', () => {
    expect(badFields(finding({ amount: '8000.01' }))).toEqual(['amount']);
    expect(badFields(finding({ foundOn: '2026-05-09' }))).toEqual(['foundOn']);
    expect(badFields(finding({ foundOn: '2026-06-02' }))).toEqual(['foundOn']);
  });

  it('names every bad field at once, each with one message', () => {
    const r = loanFindingSchema(bounds).safeParse({ description: ' ', enterprise: '', amount: '0.00', foundOn: '2026-02-30' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['amount', 'description', 'enterprise', 'foundOn']);
  });

  it('checks only the shape without bounds (the OpenAPI schema)', () => {
    expect(ZLoanFinding.safeParse(finding({ amount: '99999999.00', foundOn: '2030-01-01' })).success).toBe(true);
  });
});
