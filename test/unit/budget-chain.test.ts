import {
  BUDGET_CHAIN, BUDGET_STEPS, BudgetChainState, BudgetPosition, DecisionInput, ZDecisionInput,
  BUDGET_CHAIN_DEFINITION, chainActingRole, applyDecision, budgetStatus, checkDecision, checkRevision, holdsReservation, nextPosition, positionLabel,
} from '../../domain';
import { Actor, Role, hasRole } from '../../domain/roles';

const LEADERS = ['u-leader-principal-1', 'u-leader-principal-2', 'u-leader-in-charge'];

const state = (over: Partial<BudgetChainState> = {}): BudgetChainState => ({
  requestId: 'req-1', unitId: 'unit-edu', position: 'finance_review', round: 1,
  briefingLeaders: [...LEADERS], acknowledged: [], ...over,
});
const actor = (userId: string, roles: Role[], unitId: string | null = null): Actor => ({ userId, roles, unitId });

const reviewer = actor('u-reviewer', ['finance_reviewer']);
const principal1 = actor('u-leader-principal-1', ['leader_principal']);
const principal2 = actor('u-leader-principal-2', ['leader_principal']);
const inCharge = actor('u-leader-in-charge', ['leader_in_charge']);
const secretary = actor('u-secretary', ['meeting_secretary']);
const liaison = actor('u-liaison', ['npc_liaison']);
const clerk = actor('u-clerk-edu', ['dept_clerk'], 'unit-edu');
const otherClerk = actor('u-clerk-health', ['dept_clerk'], 'unit-health');
const director = actor('u-director', ['finance_director']);
const people = { reviewer, principal1, principal2, inCharge, secretary, liaison, clerk, otherClerk, director };
type Person = keyof typeof people;

const at = (s: BudgetChainState) => ({ step: s.position, round: s.round });
const meeting = { meetingKind: 'executive', meetingReference: '县政府第12次常务会议' } as const;

describe('R-B2 审批链：汇报 → 常务会议 → 人大批复 → 执行', () => {
  it('R-B2: the chain is finance_review → leader_briefing → executive_meeting → npc_approval', () => {
    expect(BUDGET_CHAIN).toEqual(['finance_review', 'leader_briefing', 'executive_meeting', 'npc_approval']);
  });

  it('R-B2: each step is decided by its own roles', () => {
    expect(BUDGET_STEPS.finance_review.roles).toEqual(['finance_reviewer']);
    expect(BUDGET_STEPS.leader_briefing.roles).toEqual(['leader_principal', 'leader_in_charge']);
    expect(BUDGET_STEPS.executive_meeting.roles).toEqual(['meeting_secretary']);
    expect(BUDGET_STEPS.npc_approval.roles).toEqual(['npc_liaison']);
    expect(BUDGET_STEPS.revision.roles).toEqual(['dept_clerk']);
  });

  it('R-B2: approve moves to the next step, no step skipped, and npc approval executes', () => {
    expect(nextPosition(state({ position: 'finance_review' }), 'u-reviewer', 'approve')).toBe('leader_briefing');
    expect(nextPosition(state({ position: 'executive_meeting' }), 'u-secretary', 'approve')).toBe('npc_approval');
    expect(nextPosition(state({ position: 'npc_approval' }), 'u-liaison', 'approve')).toBe('executed');
  });

  it('R-B2: walks the whole chain with every check passing, keeping the round', () => {
    let s = state();
    const visited: BudgetPosition[] = [s.position];
    const decide = (a: Actor, d: DecisionInput) => {
      expect(checkDecision(s, a, d, at(s))).toBeNull();
      s = applyDecision(s, a.userId, d.action);
      visited.push(s.position);
    };
    decide(reviewer, { action: 'approve' });
    decide(principal1, { action: 'acknowledge' });
    decide(inCharge, { action: 'acknowledge' });
    decide(principal2, { action: 'acknowledge' });
    decide(secretary, { action: 'approve', ...meeting });
    decide(liaison, { action: 'approve', resolutionReference: '东人常〔2026〕5号' });
    expect(visited).toEqual([
      'finance_review', 'leader_briefing', 'leader_briefing', 'leader_briefing',
      'executive_meeting', 'npc_approval', 'executed',
    ]);
    expect(s.round).toBe(1);
    expect(s.acknowledged).toEqual([]);
  });

  describe('wrong role', () => {
    it.each([
      ['finance_review', 'secretary'],
      ['finance_review', 'director'],
      ['finance_review', 'principal1'],
      ['leader_briefing', 'reviewer'],
      ['executive_meeting', 'reviewer'],
      ['executive_meeting', 'principal1'],
      ['npc_approval', 'secretary'],
      ['npc_approval', 'clerk'],
    ] as const)('R-B2: at %s, %s is refused wrong_role 403', (position, who: Person) => {
      const s = state({ position });
      const a = people[who];
      const r = checkDecision(s, a, { action: 'approve', ...meeting, resolutionReference: '东人常〔2026〕5号' }, at(s));
      expect(r).toMatchObject({ code: 'wrong_role', status: 403 });
      expect(r!.message).toContain(BUDGET_STEPS[position].zh);
      expect(r!.message).toContain(BUDGET_STEPS[position].roles.join(', '));
    });

    it('R-B2: an actor holding several roles acts in the one the step needs', () => {
      const both = actor('u-both', ['auditor', 'finance_reviewer']);
      expect(chainActingRole(BUDGET_CHAIN_DEFINITION, 'finance_review', both)).toBe('finance_reviewer');
      expect(chainActingRole(BUDGET_CHAIN_DEFINITION, 'npc_approval', both)).toBeUndefined();
      expect(chainActingRole(BUDGET_CHAIN_DEFINITION, 'leader_briefing', inCharge)).toBe('leader_in_charge');
      expect(checkDecision(state(), both, { action: 'approve' }, { step: 'finance_review', round: 1 })).toBeNull();
    });
  });

  describe('actions a step allows', () => {
    it.each([
      ['finance_review', 'reviewer', 'acknowledge'],
      ['finance_review', 'reviewer', 'object'],
      ['leader_briefing', 'principal1', 'approve'],
      ['leader_briefing', 'principal1', 'reject'],
      ['leader_briefing', 'principal1', 'return'],
      ['executive_meeting', 'secretary', 'acknowledge'],
      ['npc_approval', 'liaison', 'object'],
    ] as const)('R-B2: at %s, %s may not %s (action_not_allowed 422, field action)', (position, who: Person, action) => {
      const s = state({ position });
      const a = people[who];
      const r = checkDecision(s, a, { action, comment: '理由', ...meeting }, at(s));
      expect(r).toMatchObject({ code: 'action_not_allowed', status: 422, field: 'action' });
    });

    it('R-B2: a request in revision cannot be decided by an approver; it is resubmitted by its department', () => {
      const s = state({ position: 'revision' });
      expect(checkDecision(s, reviewer, { action: 'approve' }, at(s))).toMatchObject({ code: 'action_not_allowed', status: 422 });
      expect(checkDecision(s, clerk, { action: 'approve' }, at(s))).toMatchObject({ code: 'action_not_allowed', status: 422 });
    });
  });

  describe('reject, return and object need a comment', () => {
    it.each([
      ['finance_review', 'reviewer', 'reject'],
      ['finance_review', 'reviewer', 'return'],
      ['leader_briefing', 'principal1', 'object'],
      ['executive_meeting', 'secretary', 'reject'],
      ['executive_meeting', 'secretary', 'return'],
      ['npc_approval', 'liaison', 'reject'],
      ['npc_approval', 'liaison', 'return'],
    ] as const)('R-B2: at %s, %s may not %s without a comment (missing_field comment)', (position, who: Person, action) => {
      const s = state({ position });
      const a = people[who];
      expect(checkDecision(s, a, { action, ...meeting }, at(s))).toMatchObject({ code: 'missing_field', status: 422, field: 'comment' });
      expect(checkDecision(s, a, { action, comment: '', ...meeting }, at(s))).toMatchObject({ code: 'missing_field', field: 'comment' });
      expect(checkDecision(s, a, { action, comment: '资料不全', ...meeting }, at(s))).toBeNull();
    });

    it('R-B2: a comment of only spaces is trimmed by ZDecisionInput and then refused', () => {
      const d = ZDecisionInput.parse({ action: 'object', comment: '    ' });
      expect(d.comment).toBe('');
      const s = state({ position: 'leader_briefing' });
      expect(checkDecision(s, principal1, d, at(s))).toMatchObject({ code: 'missing_field', field: 'comment' });
    });

    it('R-B2: approve and acknowledge need no comment', () => {
      expect(checkDecision(state(), reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 })).toBeNull();
      const s = state({ position: 'leader_briefing' });
      expect(checkDecision(s, principal1, { action: 'acknowledge' }, at(s))).toBeNull();
    });
  });

  describe('executive meeting: meeting kind and reference', () => {
    const s = state({ position: 'executive_meeting' });

    it('R-B2: approving without the meeting kind is refused missing_field meetingKind', () => {
      expect(checkDecision(s, secretary, { action: 'approve', meetingReference: '县政府第12次常务会议' }, at(s)))
        .toMatchObject({ code: 'missing_field', status: 422, field: 'meetingKind' });
    });

    it('R-B2: approving without the meeting reference is refused missing_field meetingReference', () => {
      expect(checkDecision(s, secretary, { action: 'approve', meetingKind: 'office' }, at(s)))
        .toMatchObject({ code: 'missing_field', status: 422, field: 'meetingReference' });
    });

    it('R-B2: the meeting is recorded on a rejection or a return as well', () => {
      expect(checkDecision(s, secretary, { action: 'reject', comment: '财力不足' }, at(s)))
        .toMatchObject({ code: 'missing_field', field: 'meetingKind' });
      expect(checkDecision(s, secretary, { action: 'return', comment: '补充材料', meetingKind: 'executive' }, at(s)))
        .toMatchObject({ code: 'missing_field', field: 'meetingReference' });
    });

    it('R-B2: either an executive or an office meeting may decide', () => {
      expect(checkDecision(s, secretary, { action: 'approve', meetingKind: 'executive', meetingReference: '县政府第12次常务会议' }, at(s))).toBeNull();
      expect(checkDecision(s, secretary, { action: 'approve', meetingKind: 'office', meetingReference: '县政府第3次办公会议' }, at(s))).toBeNull();
    });

    it('R-B2: the other steps do not ask for a meeting', () => {
      expect(checkDecision(state(), reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 })).toBeNull();
    });
  });

  describe('NPC standing committee: resolution reference', () => {
    const s = state({ position: 'npc_approval' });

    it('R-B2: approving without the resolution reference is refused missing_field resolutionReference', () => {
      expect(checkDecision(s, liaison, { action: 'approve' }, at(s)))
        .toMatchObject({ code: 'missing_field', status: 422, field: 'resolutionReference' });
    });

    it('R-B2: approving with the resolution reference passes', () => {
      expect(checkDecision(s, liaison, { action: 'approve', resolutionReference: '东人常〔2026〕5号' }, at(s))).toBeNull();
    });

    it('R-B2: rejecting or returning needs a comment but no resolution reference', () => {
      expect(checkDecision(s, liaison, { action: 'reject', comment: '不予批复' }, at(s))).toBeNull();
      expect(checkDecision(s, liaison, { action: 'return', comment: '补充说明' }, at(s))).toBeNull();
    });
  });

  describe('stale tasks', () => {
    it("R-B2: a decision for a step the request has left is refused 409 'stale_task'", () => {
      const s = state({ position: 'leader_briefing' });
      const r = checkDecision(s, reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 });
      expect(r).toMatchObject({ code: 'stale_task', status: 409 });
      expect(r!.message).toContain('向县委政府主要领导和分管领导汇报');
      expect(r!.message).toContain('now leader_briefing, round 1');
    });

    it("R-B2: a decision for an earlier round of the same step is refused 409 'stale_task'", () => {
      const s = state({ position: 'finance_review', round: 2 });
      expect(checkDecision(s, reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 }))
        .toMatchObject({ code: 'stale_task', status: 409 });
      expect(checkDecision(s, reviewer, { action: 'approve' }, { step: 'finance_review', round: 2 })).toBeNull();
    });

    it("R-B2: a decision on a finished request is refused 'stale_task', naming where it ended", () => {
      const s = state({ position: 'executed' });
      const r = checkDecision(s, liaison, { action: 'approve', resolutionReference: '东人常〔2026〕5号' }, { step: 'npc_approval', round: 1 });
      expect(r).toMatchObject({ code: 'stale_task', status: 409 });
      expect(r!.message).toContain('已批复执行');
    });

    it('R-B2: staleness is checked before the role', () => {
      const s = state({ position: 'npc_approval' });
      expect(checkDecision(s, reviewer, { action: 'approve' }, { step: 'finance_review', round: 1 }))
        .toMatchObject({ code: 'stale_task' });
    });
  });

  describe('leader briefing', () => {
    const briefing = (over: Partial<BudgetChainState> = {}) => state({ position: 'leader_briefing', ...over });

    it('R-B2: every listed leader may acknowledge, in any order', () => {
      const s = briefing();
      for (const l of [principal1, principal2, inCharge]) expect(checkDecision(s, l, { action: 'acknowledge' }, at(s))).toBeNull();
    });

    it("R-B2: a leader not on the briefing list is refused 403 'not_assignee'", () => {
      const s = briefing();
      const stranger = actor('u-leader-other', ['leader_in_charge']);
      expect(checkDecision(s, stranger, { action: 'acknowledge' }, at(s))).toMatchObject({ code: 'not_assignee', status: 403 });
    });

    it('R-B2: a listed user without a leader role is refused wrong_role', () => {
      const s = briefing({ briefingLeaders: ['u-reviewer'] });
      expect(checkDecision(s, reviewer, { action: 'acknowledge' }, at(s))).toMatchObject({ code: 'wrong_role', status: 403 });
    });

    it("R-B2: a leader cannot acknowledge twice: 409 'already_decided'", () => {
      const s = briefing({ acknowledged: ['u-leader-principal-1'] });
      expect(checkDecision(s, principal1, { action: 'acknowledge' }, at(s))).toMatchObject({ code: 'already_decided', status: 409 });
      expect(checkDecision(s, principal1, { action: 'object', comment: '改主意了' }, at(s))).toMatchObject({ code: 'already_decided', status: 409 });
      expect(checkDecision(s, principal2, { action: 'acknowledge' }, at(s))).toBeNull();
    });

    it('R-B2: the briefing stays open until every leader has acknowledged', () => {
      let s = briefing();
      s = applyDecision(s, 'u-leader-in-charge', 'acknowledge');
      expect(s.position).toBe('leader_briefing');
      expect(s.acknowledged).toEqual(['u-leader-in-charge']);
      s = applyDecision(s, 'u-leader-principal-2', 'acknowledge');
      expect(s.position).toBe('leader_briefing');
      expect(s.acknowledged).toEqual(['u-leader-in-charge', 'u-leader-principal-2']);
      expect(nextPosition(s, 'u-leader-principal-1', 'acknowledge')).toBe('executive_meeting');
      s = applyDecision(s, 'u-leader-principal-1', 'acknowledge');
      expect(s.position).toBe('executive_meeting');
      expect(s.acknowledged).toEqual([]);
    });

    it('R-B2: a single-leader briefing moves on at the first acknowledgement', () => {
      const s = briefing({ briefingLeaders: ['u-leader-in-charge'] });
      expect(applyDecision(s, 'u-leader-in-charge', 'acknowledge')).toMatchObject({ position: 'executive_meeting', acknowledged: [] });
    });

    it("R-B2: an objection returns the request to 'revision', even after other leaders acknowledged", () => {
      const s = briefing({ acknowledged: ['u-leader-principal-1', 'u-leader-principal-2'] });
      expect(checkDecision(s, inCharge, { action: 'object', comment: '与年度重点不符' }, at(s))).toBeNull();
      const after = applyDecision(s, 'u-leader-in-charge', 'object');
      expect(after).toMatchObject({ position: 'revision', round: 1, acknowledged: [] });
    });
  });

  describe('returns and resubmission', () => {
    it.each(['finance_review', 'executive_meeting', 'npc_approval'] as const)(
      "R-B2: a return at %s sends the request to 'revision' in the same round",
      (position) => {
        expect(applyDecision(state({ position, round: 3 }), 'u', 'return')).toMatchObject({ position: 'revision', round: 3 });
      },
    );

    it.each(['finance_review', 'executive_meeting', 'npc_approval'] as const)("R-B2: a rejection at %s ends the request as 'rejected'", (position) => {
      expect(nextPosition(state({ position }), 'u', 'reject')).toBe('rejected');
    });

    it('R-B2: a resubmission starts again at finance review in a new round, with no acknowledgements carried over', () => {
      const s = state({ position: 'revision', round: 1, acknowledged: [] });
      expect(applyDecision(s, 'u-clerk-edu', 'resubmit')).toMatchObject({ position: 'finance_review', round: 2, acknowledged: [] });
    });

    it('R-B2: a withdrawal ends the request as withdrawn', () => {
      expect(applyDecision(state({ position: 'revision' }), 'u-clerk-edu', 'withdraw')).toMatchObject({ position: 'withdrawn', round: 1 });
    });

    it('R-B2: after an objection and a resubmission every leader acknowledges again', () => {
      let s = state({ position: 'leader_briefing', acknowledged: ['u-leader-principal-1'] });
      s = applyDecision(s, 'u-leader-in-charge', 'object');
      s = applyDecision(s, 'u-clerk-edu', 'resubmit');
      s = applyDecision(s, 'u-reviewer', 'approve');
      expect(s).toMatchObject({ position: 'leader_briefing', round: 2, acknowledged: [] });
      expect(checkDecision(s, principal1, { action: 'acknowledge' }, at(s))).toBeNull();
      expect(checkDecision(s, principal1, { action: 'acknowledge' }, { step: 'leader_briefing', round: 1 })).toMatchObject({ code: 'stale_task' });
    });

    it('applyDecision does not change the state it is given', () => {
      const s = state({ position: 'leader_briefing', acknowledged: ['u-leader-principal-1'] });
      const copy = JSON.parse(JSON.stringify(s));
      applyDecision(s, 'u-leader-principal-2', 'acknowledge');
      applyDecision(s, 'u-leader-in-charge', 'object');
      expect(s).toEqual(copy);
    });

    it('applyDecision keeps the request, unit and leader list', () => {
      const s = state();
      expect(applyDecision(s, 'u-reviewer', 'approve')).toEqual({ ...s, position: 'leader_briefing' });
    });
  });
});

describe('checkRevision (resubmit or withdraw after a return)', () => {
  const revision = (over: Partial<BudgetChainState> = {}) => state({ position: 'revision', round: 2, ...over });

  it("allows the unit's own clerk in 'revision'", () => {
    expect(checkRevision(revision(), clerk)).toBeNull();
    expect(checkRevision(revision(), clerk, 2)).toBeNull();
  });

  it("refuses another unit's clerk: 403 'not_own_unit'", () => {
    expect(checkRevision(revision(), otherClerk)).toMatchObject({ code: 'not_own_unit', status: 403 });
    expect(checkRevision(revision(), actor('u-clerk-none', ['dept_clerk'], null))).toMatchObject({ code: 'not_own_unit', status: 403 });
  });

  it("refuses anyone who is not a dept_clerk, even of the same unit: 403 'wrong_role'", () => {
    expect(checkRevision(revision(), reviewer)).toMatchObject({ code: 'wrong_role', status: 403 });
    expect(checkRevision(revision(), actor('u-x', ['auditor'], 'unit-edu'))).toMatchObject({ code: 'wrong_role', status: 403 });
  });

  it.each(['finance_review', 'leader_briefing', 'executive_meeting', 'npc_approval', 'executed', 'rejected', 'withdrawn'] as const)(
    "refuses when the request is in %s, not 'revision': 409 'stale_task'",
    (position) => {
      const r = checkRevision(state({ position }), clerk);
      expect(r).toMatchObject({ code: 'stale_task', status: 409 });
      expect(r!.message).toContain(positionLabel(position));
    },
  );

  it("refuses a resubmission for another round: 409 'stale_task'", () => {
    const r = checkRevision(revision({ round: 3 }), clerk, 2);
    expect(r).toMatchObject({ code: 'stale_task', status: 409 });
    expect(r!.message).toContain('round 3');
  });
});

describe('ZDecisionInput', () => {
  it('accepts each approver action and trims text', () => {
    for (const action of ['approve', 'reject', 'return', 'acknowledge', 'object'] as const) {
      expect(ZDecisionInput.parse({ action }).action).toBe(action);
    }
    expect(ZDecisionInput.parse({
      action: 'approve', comment: '  同意  ', meetingKind: 'office', meetingReference: '  县政府第3次办公会议 ', resolutionReference: ' 东人常〔2026〕5号 ',
    })).toEqual({ action: 'approve', comment: '同意', meetingKind: 'office', meetingReference: '县政府第3次办公会议', resolutionReference: '东人常〔2026〕5号' });
  });

  it('refuses resubmit and withdraw (those go through checkRevision) and unknown actions', () => {
    for (const action of ['resubmit', 'withdraw', 'veto', '']) {
      const r = ZDecisionInput.safeParse({ action });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path).toEqual(['action']);
    }
  });

  it('refuses an unknown meeting kind', () => {
    const r = ZDecisionInput.safeParse({ action: 'approve', meetingKind: 'party_committee' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['meetingKind']);
  });

  it('refuses references shorter than 2 characters after trimming, or longer than 200', () => {
    for (const field of ['meetingReference', 'resolutionReference']) {
      expect(ZDecisionInput.safeParse({ action: 'approve', [field]: ' a ' }).success).toBe(false);
      expect(ZDecisionInput.safeParse({ action: 'approve', [field]: 'x'.repeat(201) }).success).toBe(false);
      expect(ZDecisionInput.safeParse({ action: 'approve', [field]: '5号' }).success).toBe(true);
    }
  });

  it('refuses a comment over 2000 characters', () => {
    expect(ZDecisionInput.safeParse({ action: 'reject', comment: 'x'.repeat(2001) }).success).toBe(false);
    expect(ZDecisionInput.safeParse({ action: 'reject', comment: 'x'.repeat(2000) }).success).toBe(true);
  });
});

describe('budgetStatus / holdsReservation / positionLabel', () => {
  it('budgetStatus: every chain step is in_review, revision is returned, terminals are themselves', () => {
    const expected: Record<BudgetPosition, string> = {
      finance_review: 'in_review', leader_briefing: 'in_review', executive_meeting: 'in_review', npc_approval: 'in_review',
      revision: 'returned', executed: 'executed', rejected: 'rejected', withdrawn: 'withdrawn', lapsed: 'lapsed',
    };
    for (const [position, status] of Object.entries(expected)) expect(budgetStatus(position as BudgetPosition)).toBe(status);
  });

  it('R-B3: holdsReservation from finance approval until the NPC decides, never in review, revision or at the end', () => {
    const holds: Record<BudgetPosition, boolean> = {
      finance_review: false, leader_briefing: true, executive_meeting: true, npc_approval: true,
      revision: false, executed: false, rejected: false, withdrawn: false, lapsed: false,
    };
    for (const [position, h] of Object.entries(holds)) expect(holdsReservation(position as BudgetPosition)).toBe(h);
  });

  it('positionLabel gives the Chinese label of a step or a terminal', () => {
    expect(positionLabel('finance_review')).toBe('财政局审核');
    expect(positionLabel('revision')).toBe('退回修改');
    expect(positionLabel('executed')).toBe('已批复执行');
    expect(positionLabel('rejected')).toBe('已否决');
    expect(positionLabel('withdrawn')).toBe('已撤回');
  });
});

describe('roles', () => {
  it('hasRole is true when the actor holds any of the roles', () => {
    expect(hasRole(reviewer, 'finance_reviewer')).toBe(true);
    expect(hasRole(reviewer, 'auditor', 'finance_reviewer')).toBe(true);
    expect(hasRole(reviewer, 'auditor')).toBe(false);
    expect(hasRole(reviewer)).toBe(false);
  });
});
