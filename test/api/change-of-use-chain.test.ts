import { startStack, Stack } from '../support/stack';
import { confirm, linksOf, mailFor, open } from '../support/email-links';
import { RULES } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const change = (fromUse: string) => ({
  amount: '50000.00', fromUse, fromCategory: 'project', toUse: '防汛物资采购', toCategory: 'emergency', reason: '汛期提前，需紧急采购防汛物资，维修推迟至明年。',
});
const MEETING = { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第19次常务会议' };


describe('the R-B10 chain: finance review → the unit’s leader in charge → executive meeting → the change recorded', () => {
  it('decides the finance review from its e-mail link, asks only the unit’s own leader in charge, and records the change at the meeting', async () => {
    const clerk = await stack.as('clerk_water');
    const filed = (await clerk.post('/changes-of-use', change('办公楼维修'))).body.changeOfUse;

    // the reviewer's e-mail carries decision links that decide through the same command as the inbox
    const mail = await mailFor(stack, 'reviewer', filed.number, '财政局审核');
    expect(mail.text).toContain('防汛物资采购');
    const approve = linksOf(stack, mail).approve;
    expect(approve).toBeTruthy();
    expect((await open(approve)).html).toContain(filed.number);
    expect((await confirm(approve)).status).toBe(200);

    // the water bureau's leader in charge holds the next task; the other vice mayor does not
    const infra = await stack.as('vice_mayor_infra');
    const leaderTask = await infra.taskFor(filed.id, 'leader_in_charge');
    expect((await infra.get('/tasks')).body.items.find((t: { id: string }) => t.id === leaderTask.id)).toMatchObject({
      subjectType: 'change_of_use', actions: ['approve', 'reject'], changeOfUse: { id: filed.id, number: filed.number },
    });
    const edu = await stack.as('vice_mayor_edu');
    expect((await edu.get('/tasks')).body.items.some((t: { subjectId: string }) => t.subjectId === filed.id)).toBe(false);
    expect((await edu.post(`/tasks/${leaderTask.id}/decision`, { action: 'approve' })).status).toBe(403);
    expect((await infra.post(`/tasks/${leaderTask.id}/decision`, { action: 'approve', comment: '同意' })).status).toBe(200);

    const secretary = await stack.as('meeting_secretary');
    const noRef = await secretary.decide(filed.id, 'executive_meeting', { action: 'approve', meetingKind: 'executive' });
    expect(noRef.status).toBe(422);
    expect(noRef.body.error).toMatchObject({ code: 'missing_field', field: 'meetingReference' });
    expect(noRef.body.error.message).toContain(RULES['R-B10'].zh);
    const done = await secretary.decide(filed.id, 'executive_meeting', MEETING);
    expect(done.status).toBe(200);
    expect(done.body.outcome).toMatchObject({ position: 'approved' });

    const detail = (await clerk.get(`/changes-of-use/${filed.id}`)).body;
    expect(detail.changeOfUse).toMatchObject({ status: 'approved', step: 'approved', stepLabel: { zh: '已批准调剂' }, meetingReference: MEETING.meetingReference });
    expect(detail.changeOfUse.recordedAt).toBeTruthy();
    expect((await mailFor(stack, 'clerk_water', filed.number, '【结果】')).subject).toContain('已批准调剂');
    expect(detail.decisions.map((d: { step: string; actorId: string }) => `${d.step}:${d.actorId}`))
      .toEqual(['finance_review:user-reviewer', 'leader_in_charge:user-vice-infra', 'executive_meeting:user-meeting']);
  });

  it('ends a request the leader in charge rejects, with the reason, and records no change', async () => {
    const clerk = await stack.as('clerk_edu');
    const id = (await clerk.post('/changes-of-use', change('教研经费'))).body.changeOfUse.id;
    expect((await (await stack.as('reviewer')).decide(id, 'finance_review', { action: 'approve' })).status).toBe(200);
    const leader = await stack.as('vice_mayor_edu');
    const noReason = await leader.decide(id, 'leader_in_charge', { action: 'reject' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.violations[0]).toMatchObject({ ruleId: 'R-B10', field: 'comment' });
    expect((await leader.decide(id, 'leader_in_charge', { action: 'reject', comment: '教研经费不宜调减' })).body.outcome).toMatchObject({ position: 'rejected' });
    const detail = (await clerk.get(`/changes-of-use/${id}`)).body.changeOfUse;
    expect(detail).toMatchObject({ status: 'rejected', step: 'rejected', recordedAt: null });
  });
});
