import { startStack, Stack } from '../support/stack';
import { RULES } from '../../domain';
import { mailFor } from '../support/email-links';
import { reconcileFilings } from '../../api/start-workflows';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const policy = (title: string) => ({ title, summary: '对乡村学校在岗教师按月发放生活补助，每人每月500元。', yearlyCost: '3600000.00', scope: '全县乡村学校在岗教师' });
const budget = (policyId: string) => ({ amount: '300000.00', category: 'project', purpose: '发放农村教师生活补助', justification: '', policyId });
const MEETING = { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第18次常务会议' };


describe('the R-B9 chain: affordability assessment → executive meeting → filing with the higher-level government → in force', () => {
  it('walks a policy into force; a budget naming it is refused with R-B9 until then and accepted after', async () => {
    const clerk = await stack.as('clerk_edu');
    const filed = await clerk.post('/policies', policy('农村教师生活补助'), { 'Idempotency-Key': 'policy-chain-1' });
    expect(filed.status).toBe(201);
    const id = filed.body.policy.id;
    // a retried filing joins the one workflow
    expect((await clerk.post('/policies', policy('农村教师生活补助'), { 'Idempotency-Key': 'policy-chain-1' })).body.policy.id).toBe(id);

    // the finance reviewer's inbox holds the assessment, with the policy beside the task
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(id, 'affordability_assessment');
    const listed = (await reviewer.get('/tasks')).body.items.find((t: { id: string }) => t.id === task.id);
    expect(listed).toMatchObject({ subjectType: 'policy', actions: ['approve', 'reject'], stepLabel: { zh: '财政可承受能力评估' }, policy: { id, number: filed.body.policy.number } });
    // the drafting clerk cannot assess it: refused citing R-B9 in Chinese
    const wrong = await clerk.post(`/tasks/${task.id}/decision`, { action: 'approve' });
    expect(wrong.status).toBe(403);
    const assessed = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '年度所需经费在财力可承受范围内' });
    expect(assessed.status).toBe(200);
    expect(assessed.body.outcome).toMatchObject({ position: 'executive_meeting' });

    // not yet in force: a budget implementing it is refused citing R-B9
    const school = await stack.as('clerk_school');
    const early = await school.post('/budget-requests', budget(id));
    expect(early.status).toBe(422);
    expect(early.body.error.violations).toEqual([expect.objectContaining({ ruleId: 'R-B9', zh: RULES['R-B9'].zh, field: 'policyId' })]);
    expect(early.body.error.violations[0].detail).toContain('县政府常务会议');

    // the executive meeting: only the executive meeting, with its reference
    const secretary = await stack.as('meeting_secretary');
    const noRef = await secretary.decide(id, 'executive_meeting', { action: 'approve', meetingKind: 'executive' });
    expect(noRef.status).toBe(422);
    expect(noRef.body.error).toMatchObject({ code: 'missing_field', field: 'meetingReference' });
    expect(noRef.body.error.message).toContain(RULES['R-B9'].zh);
    const office = await secretary.decide(id, 'executive_meeting', { ...MEETING, meetingKind: 'office' });
    expect(office.status).toBe(422);
    expect(office.body.error.violations[0]).toMatchObject({ ruleId: 'R-B9', field: 'meetingKind' });
    expect((await secretary.decide(id, 'executive_meeting', MEETING)).body.outcome).toMatchObject({ position: 'higher_level_filing' });

    // the filing with the higher-level government needs its reference, and puts the policy in force
    const noFiling = await secretary.decide(id, 'higher_level_filing', { action: 'approve' });
    expect(noFiling.status).toBe(422);
    expect(noFiling.body.error).toMatchObject({ code: 'missing_field', field: 'resolutionReference' });
    expect(noFiling.body.error.violations[0].ruleId).toBe('R-B9');
    expect((await school.post('/budget-requests', budget(id))).status).toBe(422);
    const inForce = await secretary.decide(id, 'higher_level_filing', { action: 'approve', resolutionReference: '州政备〔2026〕12号' });
    expect(inForce.status).toBe(200);
    expect(inForce.body.outcome).toMatchObject({ position: 'in_force' });

    const detail = (await clerk.get(`/policies/${id}`)).body;
    expect(detail.policy).toMatchObject({
      status: 'in_force', step: 'in_force', stepLabel: { zh: '已备案生效' }, filingReference: '州政备〔2026〕12号', meetingReference: MEETING.meetingReference,
      assessment: { outcome: 'affordable', note: '年度所需经费在财力可承受范围内' }, endedAt: null,
    });
    expect(detail.policy.inForceAt).toBeTruthy();
    expect(detail.decisions.map((d: { step: string; action: string }) => `${d.step}:${d.action}`))
      .toEqual(['affordability_assessment:approve', 'executive_meeting:approve', 'higher_level_filing:approve']);
    expect(detail.tasks.every((t: { status: string }) => t.status !== 'open')).toBe(true);

    // the drafting clerk hears that it is in force
    expect((await mailFor(stack, 'clerk_edu', filed.body.policy.number, '【结果】')).subject).toContain('已备案生效');

    const accepted = await school.post('/budget-requests', budget(id));
    expect(accepted.status).toBe(201);
    expect(accepted.body.request.policyId).toBe(id);
  });

  it('the reconciler starts the chain of a policy filed while its workflow could not be started, once', async () => {
    const clerk = await stack.as('clerk_water');
    const id = (await clerk.post('/policies', policy('河道保洁补助'))).body.policy.id;
    await (await stack.as('reviewer')).taskFor(id, 'affordability_assessment');
    // as if the API had died between the row and its workflow: a row of its own, never started
    const lost = await stack.prisma.policy.create({
      data: {
        id: `${id}-lost`, number: 'ZC-2026-990001', unitId: 'unit-slj', fiscalYear: 2026, title: '防汛队员补助', summary: '对防汛抢险队员按次发放补助。', yearlyCost: '120000.00',
        status: 'in_review', step: 'affordability_assessment', createdById: clerk.userId, workflowId: `policy-${id}-lost`, createdAt: new Date(Date.now() - 120_000),
      },
    });
    const deps = { prisma: stack.prisma, temporal: stack.temporal, taskQueue: stack.taskQueue, remindAfter: '3 days' };
    expect(await reconcileFilings(deps)).toBe(1);
    await (await stack.as('reviewer')).taskFor(lost.id, 'affordability_assessment');
    expect(await reconcileFilings(deps)).toBe(0);
  });

  it('ends a policy the assessment finds unaffordable: never implemented, nothing further asked of anyone', async () => {
    const clerk = await stack.as('clerk_health');
    const id = (await clerk.post('/policies', policy('高额奖励政策'))).body.policy.id;
    const reviewer = await stack.as('reviewer');
    const noReason = await reviewer.decide(id, 'affordability_assessment', { action: 'reject' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toMatchObject({ code: 'missing_field', field: 'comment' });
    const ended = await reviewer.decide(id, 'affordability_assessment', { action: 'reject', comment: '超出县级财力，存在风险隐患' });
    expect(ended.status).toBe(200);
    expect(ended.body.outcome).toMatchObject({ position: 'not_affordable' });

    const detail = (await clerk.get(`/policies/${id}`)).body;
    expect(detail.policy).toMatchObject({ status: 'not_affordable', step: 'not_affordable', assessment: { outcome: 'unaffordable', note: '超出县级财力，存在风险隐患' } });
    expect(detail.policy.endedAt).toBeTruthy();
    expect(detail.tasks.map((t: { step: string }) => t.step)).toEqual(['affordability_assessment']);
    const secretary = await stack.as('meeting_secretary');
    expect((await secretary.get('/tasks')).body.items.some((t: { subjectId: string }) => t.subjectId === id)).toBe(false);

    const told = await mailFor(stack, 'clerk_health', detail.policy.number, '【结果】');
    expect(told.subject).toContain('不得实施');
    expect(told.text).toContain('超出县级财力，存在风险隐患');

    const refused = await clerk.post('/budget-requests', budget(id));
    expect(refused.status).toBe(422);
    expect(refused.body.error.violations[0]).toMatchObject({ ruleId: 'R-B9', field: 'policyId' });
    expect(refused.body.error.violations[0].detail).toContain('一律不得实施');
  });
});
