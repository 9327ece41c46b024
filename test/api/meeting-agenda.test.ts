import { startStack, Stack, UserClient } from '../support/stack';
import { budgetAtMeeting, loanAtMeeting, policyAtMeeting } from '../support/meetings';
import { chinaDate, RULES } from '../../domain';
import { pdfText } from '../support/pdf-text';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const TODAY = chinaDate(Date.now());
const MINUTES = Buffer.concat([Buffer.from('%PDF-1.4\n% 会议纪要\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);

const budgetAt = async (clerk: string, amount: string, purpose: string) => (await budgetAtMeeting(stack, clerk, amount, purpose)).id;
const loanAt = async (purpose: string) => (await loanAtMeeting(stack, purpose)).id;

async function createMeeting(keeper: UserClient, kind: string, number: string) {
  const res = await keeper.post('/meetings', { kind, number, date: TODAY, attendees: ['县长', '常务副县长', '财政局局长'] }, { 'Idempotency-Key': `meeting-${Buffer.from(number).toString('hex')}` });
  expect(res.status).toBe(201);
  return res.body.meeting as { id: string; items: { id: string; subjectId: string }[] };
}

const itemOf = (meeting: { items: { id: string; subjectId: string }[] }, subjectId: string) => meeting.items.find((i) => i.subjectId === subjectId)!.id;
const decisionsAt = (subjectId: string, step: string) => stack.prisma.decision.findMany({ where: { subjectId, step } });

describe('a meeting decides its agenda in one pass (issue 12 item 5)', () => {
  it('creates an executive meeting with its minutes, decides three budgets, a loan and a policy at once, and a re-submission decides nothing twice', async () => {
    const [b1, b2, b3] = [await budgetAt('clerk_edu', '210000.00', '校舍维修'), await budgetAt('clerk_health', '95000.50', '疫苗冷链'), await budgetAt('clerk_edu', '40000.00', '课桌椅更新')];
    const loan = await loanAt('教师工资临时周转（常务会议）');
    const policy = (await policyAtMeeting(stack, '乡村教师生活补助（常务会议）')).id;
    const early = (await (await stack.as('clerk_edu')).post('/budget-requests', { amount: '1000.00', category: 'project', purpose: '尚在审核', justification: '测算' })).body.request;

    const secretary = await stack.as('meeting_secretary');
    // only the meeting secretary keeps meetings
    expect((await (await stack.as('reviewer')).post('/meetings', { kind: 'executive', number: '县政府第9次常务会议', date: TODAY, attendees: ['县长'] })).status).toBe(403);
    const bad = await secretary.post('/meetings', { kind: 'executive', number: '县政府第9次常务会议', date: '2026-13-01', attendees: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['date', 'attendees']));

    const meeting = await createMeeting(secretary, 'executive', '县政府第12次常务会议');
    expect((await secretary.post('/meetings', { kind: 'executive', number: '县政府第12次常务会议', date: TODAY, attendees: ['县长'] })).status).toBe(409);

    // minutes: checked by content, stored with their hash, downloadable
    const exe = await secretary.upload(`/meetings/${meeting.id}/minutes?fileName=${encodeURIComponent('纪要.pdf')}`, Buffer.from('MZ not a pdf'));
    expect(exe.status).toBe(415);
    const minuted = await secretary.upload(`/meetings/${meeting.id}/minutes?fileName=${encodeURIComponent('第12次常务会议纪要.pdf')}`, MINUTES);
    expect(minuted.status).toBe(201);
    expect(minuted.body.meeting.minutes).toMatchObject({ fileName: '第12次常务会议纪要.pdf', contentType: 'application/pdf', size: MINUTES.length });
    const file = await (await stack.as('director')).download(`/meetings/${meeting.id}/minutes`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(MINUTES)).toBe(true);
    expect((await (await stack.as('clerk_edu')).download(`/meetings/${meeting.id}/minutes`)).status).toBe(403);

    // the pending items the secretary may choose from: everything waiting at a meeting step
    const pending = (await secretary.get('/meetings/pending-items?kind=executive')).body.items;
    expect(pending.map((p: { subjectId: string }) => p.subjectId)).toEqual(expect.arrayContaining([b1, b2, b3, loan, policy]));
    expect(pending.find((p: { subjectId: string }) => p.subjectId === b2)).toMatchObject({ subjectType: 'budget', amount: '95000.50', unitName: expect.any(String), stepLabel: { zh: expect.any(String) } });

    // an item not at a meeting step is refused, naming it; nothing is added
    const refused = await secretary.post(`/meetings/${meeting.id}/items`, { items: [{ subjectType: 'budget', subjectId: b1 }, { subjectType: 'budget', subjectId: early.id }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ field: 'items[1]', message: expect.stringContaining(early.number) })]);
    expect(await stack.prisma.meetingItem.count({ where: { meetingId: meeting.id } })).toBe(0);

    const agenda = await secretary.post(`/meetings/${meeting.id}/items`, { items: [b1, b2, b3].map((subjectId) => ({ subjectType: 'budget', subjectId })).concat([{ subjectType: 'loan', subjectId: loan }, { subjectType: 'policy', subjectId: policy }]) });
    expect(agenda.status).toBe(200);
    const m = agenda.body.meeting;
    expect(m.items).toHaveLength(5);
    expect(m.items.find((i: { subjectId: string }) => i.subjectId === policy).actions.map((a: { action: string }) => a.action)).toEqual(['approve', 'reject']);

    // an item is on one open agenda at a time
    const other = await createMeeting(secretary, 'office', '县政府第5次办公会议');
    const twice = await secretary.post(`/meetings/${other.id}/items`, { items: [{ subjectType: 'budget', subjectId: b1 }] });
    expect(twice.status).toBe(422);
    expect(twice.body.error.fields[0].message).toContain('县政府第12次常务会议');

    // the one outcome form
    const form = {
      items: [
        { itemId: itemOf(m, b1), action: 'approve' },
        { itemId: itemOf(m, b2), action: 'reject', comment: '暂缓安排' },
        { itemId: itemOf(m, b3), action: 'return', comment: '请补充测算依据' },
        { itemId: itemOf(m, loan), action: 'approve' },
        { itemId: itemOf(m, policy), action: 'approve' },
      ],
    };
    const outcome = await secretary.post(`/meetings/${meeting.id}/outcomes`, form, { 'Idempotency-Key': 'outcome-12-a' });
    expect(outcome.status).toBe(200);
    expect(outcome.body.results.map((r: { status: string }) => r.status)).toEqual(['decided', 'decided', 'decided', 'decided', 'decided']);
    expect(outcome.body.results.map((r: { outcome: { position: string } }) => r.outcome.position)).toEqual(['npc_approval', 'rejected', 'revision', 'disbursement', 'higher_level_filing']);
    for (const [id, action] of [[b1, 'approve'], [b2, 'reject'], [b3, 'return'], [loan, 'approve'], [policy, 'approve']]) {
      expect(await decisionsAt(id, 'executive_meeting')).toEqual([expect.objectContaining({ action, actorId: secretary.userId, meetingReference: '县政府第12次常务会议', meetingKind: 'executive' })]);
    }
    expect((await (await stack.as('clerk_edu')).get(`/budget-requests/${b1}`)).body.request).toMatchObject({ step: 'npc_approval' });
    // the 审批单 prints the meeting's number and the day it sat
    const pdf = await (await stack.as('clerk_edu')).download(`/loans/${loan}/approval-form.pdf`);
    const printed = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, '');
    expect(printed).toContain(`会议：县政府第12次常务会议（县政府常务会议，${TODAY}召开）`);

    // the answer was lost: the same form again, under the same and under a new key, decides nothing twice
    const same = await secretary.post(`/meetings/${meeting.id}/outcomes`, form, { 'Idempotency-Key': 'outcome-12-a' });
    expect(same.body.results).toEqual(outcome.body.results);
    const again = await secretary.post(`/meetings/${meeting.id}/outcomes`, form, { 'Idempotency-Key': 'outcome-12-b' });
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('already_decided'));
    for (const id of [b1, b2, b3, loan, policy]) expect(await decisionsAt(id, 'executive_meeting')).toHaveLength(1);
    const detail = await (await stack.as('director')).get(`/meetings/${meeting.id}`);
    expect(detail.body.meeting.items.map((i: { status: string }) => i.status)).toEqual(Array(5).fill('decided'));
    expect((await stack.prisma.budgetRequest.findUniqueOrThrow({ where: { id: b2 } })).step).toBe('rejected');
    expect((await stack.prisma.loan.findUniqueOrThrow({ where: { id: loan } })).step).toBe('disbursement');
    // the decided items no longer wait for a meeting
    const left = (await secretary.get('/meetings/pending-items?kind=executive')).body.items.map((p: { subjectId: string }) => p.subjectId);
    for (const id of [b1, b2, b3, loan, policy]) expect(left).not.toContain(id);

    // the NPC liaison decides the session's resolutions the same way
    const liaison = await stack.as('npc_liaison');
    expect((await secretary.post('/meetings', { kind: 'npc_session', number: '县人大常委会第30次会议', date: TODAY, attendees: ['主任'] })).status).toBe(403);
    const session = await createMeeting(liaison, 'npc_session', '县十八届人大常委会第30次会议');
    expect((await liaison.get('/meetings/pending-items?kind=npc_session')).body.items.map((p: { subjectId: string }) => p.subjectId)).toContain(b1);
    const loanOnSession = await liaison.post(`/meetings/${session.id}/items`, { items: [{ subjectType: 'loan', subjectId: loan }] });
    expect(loanOnSession.status).toBe(422);
    const s = (await liaison.post(`/meetings/${session.id}/items`, { items: [{ subjectType: 'budget', subjectId: b1 }] })).body.meeting;
    const noResolution = await liaison.post(`/meetings/${session.id}/outcomes`, { items: [{ itemId: itemOf(s, b1), action: 'approve' }] });
    expect(noResolution.body.results[0]).toMatchObject({ status: 'refused', error: { code: 'missing_field', field: 'resolutionReference' } });
    const resolved = await liaison.post(`/meetings/${session.id}/outcomes`, { items: [{ itemId: itemOf(s, b1), action: 'approve', resolutionReference: '县人大常委会〔2026〕8号批复' }] });
    expect(resolved.body.results[0]).toMatchObject({ status: 'decided', outcome: { position: 'executed' } });
    expect(await decisionsAt(b1, 'npc_approval')).toEqual([expect.objectContaining({ resolutionReference: '县人大常委会〔2026〕8号批复', actorId: liaison.userId })]);
  });

  it('refuses a loan at an office meeting against that item (R-L6) while the budget beside it is decided', async () => {
    const budget = await budgetAt('clerk_edu', '66000.00', '图书馆设备');
    const loan = await loanAt('办公会议上的借款');
    const secretary = await stack.as('meeting_secretary');
    const office = await createMeeting(secretary, 'office', '县政府第6次办公会议');
    const m = (await secretary.post(`/meetings/${office.id}/items`, { items: [{ subjectType: 'budget', subjectId: budget }, { subjectType: 'loan', subjectId: loan }] })).body.meeting;
    const form = { items: [{ itemId: itemOf(m, budget), action: 'approve' }, { itemId: itemOf(m, loan), action: 'approve' }] };

    const first = await secretary.post(`/meetings/${office.id}/outcomes`, form);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: 'decided', outcome: { position: 'npc_approval' } });
    expect(first.body.results[1]).toMatchObject({ itemId: itemOf(m, loan), status: 'refused', error: { status: 422, field: 'meetingKind' } });
    expect(first.body.results[1].error.message).toContain(RULES['R-L6'].zh);
    expect(first.body.results[1].error.violations[0]).toMatchObject({ ruleId: 'R-L6', zh: RULES['R-L6'].zh });
    expect(await decisionsAt(loan, 'executive_meeting')).toHaveLength(0);
    expect((await stack.prisma.loan.findUniqueOrThrow({ where: { id: loan } })).step).toBe('executive_meeting');

    // re-submitted: the budget answers as already decided, the loan is refused again
    const second = await secretary.post(`/meetings/${office.id}/outcomes`, form);
    expect(second.body.results.map((r: { status: string }) => r.status)).toEqual(['already_decided', 'refused']);
    expect(await decisionsAt(budget, 'executive_meeting')).toHaveLength(1);

    // taken off the office meeting's agenda, the loan goes to an executive meeting and is decided there
    expect((await secretary.delete(`/meetings/${office.id}/items/${itemOf(m, loan)}`)).status).toBe(200);
    expect((await secretary.delete(`/meetings/${office.id}/items/${itemOf(m, budget)}`)).status).toBe(409);
    const exec = await createMeeting(secretary, 'executive', '县政府第13次常务会议');
    const e = (await secretary.post(`/meetings/${exec.id}/items`, { items: [{ subjectType: 'loan', subjectId: loan }] })).body.meeting;
    const decided = await secretary.post(`/meetings/${exec.id}/outcomes`, { items: [{ itemId: itemOf(e, loan), action: 'approve' }] });
    expect(decided.body.results[0]).toMatchObject({ status: 'decided', outcome: { position: 'disbursement' } });
  });

  it('refuses an item the keeper holds no task for, and answers an item decided in the inbox as already decided', async () => {
    const budget = await budgetAt('clerk_health', '12000.00', '急救设备');
    const inInbox = await budgetAt('clerk_health', '13000.00', '救护车维修');
    const secretary = await stack.as('meeting_secretary');
    const meeting = await createMeeting(secretary, 'executive', '县政府第14次常务会议');
    const m = (await secretary.post(`/meetings/${meeting.id}/items`, { items: [budget, inInbox].map((subjectId) => ({ subjectType: 'budget', subjectId })) })).body.meeting;
    expect((await secretary.decide(inInbox, 'executive_meeting', { action: 'approve', meetingKind: 'executive', meetingReference: '县政府第14次常务会议' })).status).toBe(200);

    // a second secretary, appointed after the tasks were opened, holds none of them
    const first = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'meeting_secretary' } });
    await stack.prisma.user.create({ data: { id: 'user-meeting-2', username: 'meeting_secretary_2', displayName: '新秘书', email: 'meeting2@county.local', passwordHash: first.passwordHash, roles: ['meeting_secretary'] } });
    const newcomer = await stack.as('meeting_secretary_2');
    const form = { items: [{ itemId: itemOf(m, budget), action: 'approve' }, { itemId: itemOf(m, inInbox), action: 'approve' }] };
    const theirs = await newcomer.post(`/meetings/${meeting.id}/outcomes`, form);
    expect(theirs.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code)).toEqual(['no_task', 'no_task']);

    const mine = await secretary.post(`/meetings/${meeting.id}/outcomes`, form);
    expect(mine.body.results.map((r: { status: string }) => r.status)).toEqual(['decided', 'already_decided']);
    expect(await decisionsAt(inInbox, 'executive_meeting')).toHaveLength(1);
    // an item not on this agenda is a 400 naming it
    const stray = await secretary.post(`/meetings/${meeting.id}/outcomes`, { items: [{ itemId: 'nope', action: 'approve' }] });
    expect(stray.status).toBe(400);
    expect(stray.body.error.fields[0].field).toBe('items[0].itemId');
  });
});
