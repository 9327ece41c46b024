import {
  applyChainDecision, BUDGET_CHAIN_DEFINITION, ChainState, checkAbsence, checkChainDecision, checkHandOver, parseChinaLocalTime, chinaTime,
} from '../../domain';
import type { Actor, Role } from '../../domain/roles';

const def = BUDGET_CHAIN_DEFINITION;
const LEADERS = ['u-principal-1', 'u-principal-2', 'u-in-charge'];
const actor = (userId: string, roles: Role[]): Actor => ({ userId, roles, unitId: null });
const principal1 = actor('u-principal-1', ['leader_principal']);
const principal2 = actor('u-principal-2', ['leader_principal']);
const otherLeader = actor('u-other-leader', ['leader_in_charge']);
const reviewer = actor('u-reviewer', ['finance_reviewer']);
const reviewer2 = actor('u-reviewer-2', ['finance_reviewer']);
const director = actor('u-director', ['finance_director']);

const chainState = (over: Partial<ChainState> = {}): ChainState => ({
  subjectId: 'req-1', unitId: 'unit-edu', position: 'finance_review', round: 1, assignees: [], agreed: [], decided: false, ...over,
});
const briefing = (over: Partial<ChainState> = {}) => chainState({ position: 'leader_briefing', assignees: [...LEADERS], ...over });
const at = (s: ChainState) => ({ step: s.position, round: s.round });
const ack = { action: 'acknowledge' } as const;

describe('deciding on someone’s behalf (代理 / 转交)', () => {
  it('a finance reviewer decides the finance review for an absent reviewer; the one counted is the absent reviewer', () => {
    const s = chainState({ assignees: [reviewer.userId] });
    expect(checkChainDecision(def, s, reviewer2, { action: 'approve' }, at(s), reviewer.userId)).toBeNull();
  });

  it('a substitute without the step’s role is refused, citing R-B2 with its Chinese wording', () => {
    const s = chainState({ assignees: [reviewer.userId] });
    const r = checkChainDecision(def, s, director, { action: 'approve' }, at(s), reviewer.userId);
    expect(r).toMatchObject({ code: 'wrong_role', status: 403, ruleId: 'R-B2' });
    expect(r!.message).toContain('R-B2「');
  });

  it('the person represented must be someone the step asks', () => {
    const s = briefing();
    expect(checkChainDecision(def, s, otherLeader, ack, at(s), 'u-stranger')).toMatchObject({ code: 'not_assignee', status: 403 });
  });

  it('at the briefing a substitute outside the briefing responds for an assignee, who is then counted as having responded', () => {
    const s = briefing();
    expect(checkChainDecision(def, s, otherLeader, ack, at(s), principal1.userId)).toBeNull();
    const after = applyChainDecision(def, s, otherLeader.userId, 'acknowledge', principal1.userId).state;
    expect(after).toMatchObject({ position: 'leader_briefing', agreed: [principal1.userId], responders: [otherLeader.userId] });
    // the represented leader cannot respond again, nor can the substitute respond for anyone else
    expect(checkChainDecision(def, after, principal1, ack, at(after))).toMatchObject({ code: 'already_decided', status: 409 });
    expect(checkChainDecision(def, after, otherLeader, ack, at(after), principal2.userId)).toMatchObject({ code: 'already_decided', status: 409 });
  });

  it('a briefing leader who responded for themselves cannot respond for an absent colleague too', () => {
    const s = briefing();
    const after = applyChainDecision(def, s, principal2.userId, 'acknowledge').state;
    const r = checkChainDecision(def, after, principal2, ack, at(after), principal1.userId);
    expect(r).toMatchObject({ code: 'already_decided', status: 409 });
    expect(r!.message).toContain('只能表态一次');
  });

  it('a briefing leader who responded for an absent colleague cannot then respond for themselves', () => {
    const after = applyChainDecision(def, briefing(), principal2.userId, 'acknowledge', principal1.userId).state;
    expect(checkChainDecision(def, after, principal2, ack, at(after))).toMatchObject({ code: 'already_decided', status: 409 });
  });

  it('the briefing moves on once every assignee is counted, whoever responded for them', () => {
    let s = briefing();
    s = applyChainDecision(def, s, otherLeader.userId, 'acknowledge', principal1.userId).state;
    s = applyChainDecision(def, s, principal2.userId, 'acknowledge').state;
    s = applyChainDecision(def, s, 'u-in-charge', 'acknowledge').state;
    expect(s).toMatchObject({ position: 'executive_meeting', agreed: [], assignees: [] });
    expect(s.responders).toBeUndefined();
  });

  it('a state from before delegation (no responders) is still checked', () => {
    const s = briefing({ agreed: [principal2.userId] });
    expect(checkChainDecision(def, s, principal2, ack, at(s), principal1.userId)).toMatchObject({ code: 'already_decided' });
  });
});

describe('handing a task over (转交)', () => {
  it('goes to another user holding the step’s role', () => {
    expect(checkHandOver(def, 'finance_review', reviewer, reviewer2, [])).toBeNull();
  });

  it('is refused to someone without the role, naming toUserId and citing R-B2', () => {
    const r = checkHandOver(def, 'finance_review', reviewer, { ...director, displayName: '刘洋' }, []);
    expect(r).toMatchObject({ code: 'wrong_role', status: 422, field: 'toUserId', ruleId: 'R-B2' });
    expect(r!.message).toContain('财政局预算股审核人');
  });

  it('is refused to oneself, and at the briefing to a leader who answers there already', () => {
    expect(checkHandOver(def, 'finance_review', reviewer, reviewer, [])).toMatchObject({ field: 'toUserId' });
    expect(checkHandOver(def, 'leader_briefing', principal1, principal2, ['u-principal-2', 'u-in-charge'])).toMatchObject({ code: 'action_not_allowed', field: 'toUserId' });
    expect(checkHandOver(def, 'leader_briefing', principal1, otherLeader, ['u-principal-2', 'u-in-charge'])).toBeNull();
  });
});

describe('an absence (代理)', () => {
  const now = chinaTime('2026-11-20');
  const period = { startsAt: chinaTime('2026-11-20'), endsAt: chinaTime('2026-11-27') };

  it('needs a substitute holding every deciding role of the absent user', () => {
    expect(checkAbsence(reviewer, reviewer2, period, now)).toEqual([]);
    expect(checkAbsence(reviewer, director, period, now)).toEqual([expect.objectContaining({ field: 'substituteId' })]);
    expect(checkAbsence(reviewer, reviewer, period, now)[0].field).toBe('substituteId');
  });

  it('needs a period that ends after it starts and has not ended', () => {
    expect(checkAbsence(reviewer, reviewer2, { startsAt: period.endsAt, endsAt: period.startsAt }, now)).toEqual([expect.objectContaining({ field: 'endsAt' })]);
    expect(checkAbsence(reviewer, reviewer2, period, chinaTime('2026-12-01'))).toEqual([expect.objectContaining({ field: 'endsAt' })]);
  });

  it('reads its times in China time; a bare end date lasts to the end of that China day', () => {
    expect(parseChinaLocalTime('2026-12-01T08:30')).toBe(Date.UTC(2026, 11, 1, 0, 30));
    expect(parseChinaLocalTime('2026-12-01')).toBe(Date.UTC(2026, 10, 30, 16));
    expect(parseChinaLocalTime('2026-12-05', true)).toBe(Date.UTC(2026, 11, 5, 16));
    expect(parseChinaLocalTime('2026-12-01T25:00')).toBeUndefined();
    expect(parseChinaLocalTime('2026-02-30')).toBeUndefined();
  });
});
