import { checkChangeOfUse, RULES, ZChangeOfUseRequest } from '../../domain';

describe('R-B10: money meant for 三保 is never moved to other uses', () => {
  it('refuses 三保 money moved to a use outside 三保, citing the rule on the target category', () => {
    const [v, ...rest] = checkChangeOfUse({ fromCategory: 'three_guarantees_personnel', toCategory: 'project' });
    expect(rest).toEqual([]);
    expect(v).toMatchObject({ ruleId: 'R-B10', zh: RULES['R-B10'].zh, field: 'toCategory' });
    expect(v.detail).toContain('三保资金，不得调剂用于「项目支出」');
  });

  it('allows a move between two 三保 uses: the money stays with 三保', () => {
    expect(checkChangeOfUse({ fromCategory: 'three_guarantees_personnel', toCategory: 'three_guarantees_livelihood' })).toEqual([]);
  });

  it('allows other money to move, also into 三保', () => {
    expect(checkChangeOfUse({ fromCategory: 'project', toCategory: 'emergency' })).toEqual([]);
    expect(checkChangeOfUse({ fromCategory: 'general_purpose', toCategory: 'three_guarantees_operations' })).toEqual([]);
  });
});

describe('ZChangeOfUseRequest', () => {
  const valid = { amount: '50000.00', fromUse: '办公楼维修', fromCategory: 'project', toUse: '防汛物资', toCategory: 'emergency', reason: '汛期提前，需紧急采购防汛物资。' };
  it('accepts a well-formed request', () => {
    expect(ZChangeOfUseRequest.parse(valid)).toEqual(valid);
  });
  it('names each bad field', () => {
    const r = ZChangeOfUseRequest.safeParse({ ...valid, amount: '1', fromCategory: 'x', reason: '短' });
    expect(r.error!.issues.map((i) => i.path[0]).sort()).toEqual(['amount', 'fromCategory', 'reason']);
  });
  it('refuses moving money to the use it already has', () => {
    expect(ZChangeOfUseRequest.safeParse({ ...valid, toUse: valid.fromUse, toCategory: valid.fromCategory }).error!.issues[0].path).toEqual(['toUse']);
  });
  it('refuses a fiscal year typed by the clerk', () => {
    expect(ZChangeOfUseRequest.safeParse({ ...valid, fiscalYear: 2026 }).error!.issues[0].path).toEqual(['fiscalYear']);
  });
});
