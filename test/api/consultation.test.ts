/** Consultation (加签 / 征求意见): an approver asks opinions before deciding; the step waits for the answers or proceeds anyway, on the record. */
import { startStack, Stack, UserClient } from '../support/stack';
import { pdfText } from '../support/pdf-text';
import { until } from '../support/until';

let stack: Stack;
let clerk: UserClient;
let reviewer: UserClient;
let director: UserClient;
beforeAll(async () => {
  stack = await startStack();
  [clerk, reviewer, director] = [await stack.as('clerk_edu'), await stack.as('reviewer'), await stack.as('director')];
});
afterAll(async () => { await stack?.stop(); });

const compact = (s: string) => s.replace(/\s+/g, '');
const file = async (purpose: string) => (await clerk.post('/budget-requests', { amount: '26000.00', category: 'project', purpose, justification: '' })).body.request;
const mailsTo = (user: string, text: string) => until(async () => stack.smtp.received.filter((m) => m.to.some((t) => t.startsWith(`${user}@`)) && (m.subject + m.text).includes(text)), (m) => m.length > 0);

describe('asking an opinion before deciding', () => {
  it('e-mails the consultee, refuses the asker’s decision until the answer comes, then decides; the opinion is in the history and the 审批单', async () => {
    const request = await file('实验室通风改造');
    const task = await reviewer.taskFor(request.id);
    const asked = await reviewer.post(`/tasks/${task.id}/consultations`, { consulteeIds: ['user-director'], question: '通风改造是否已列入年初预算？' });
    expect(asked.status).toBe(201);
    const consultation = asked.body.items[0];
    expect(consultation).toMatchObject({ consulteeName: '刘洋（财政局局长）', status: 'waiting' });

    // the consultee is e-mailed with a link to answer, and finds it in the 征求意见 list
    const [mail] = await mailsTo('director', `【征求意见】追加预算 ${request.number}`);
    expect(mail.text).toContain(`/consultations/${consultation.id}`);
    expect(mail.text).toContain('通风改造是否已列入年初预算？');
    const waiting = (await director.get('/consultations')).body.items;
    expect(waiting).toEqual([expect.objectContaining({ id: consultation.id, answerable: true, subject: expect.objectContaining({ number: request.number }) })]);
    // the consultee never decides the step
    expect((await director.post(`/tasks/${task.id}/decision`, { action: 'approve' })).status).toBe(403);

    // the step waits for the answer
    const early = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'consultation_pending', field: 'proceedAnyway' });
    expect(early.body.error.message).toContain('刘洋（财政局局长）');

    const answer = await director.post(`/consultations/${consultation.id}/answer`, { answer: '未列入，可在本次追加中解决。' });
    expect(answer.status).toBe(200);
    expect(answer.body.consultation).toMatchObject({ status: 'answered', answer: '未列入，可在本次追加中解决。' });
    // answering twice changes nothing twice
    expect((await director.post(`/consultations/${consultation.id}/answer`, { answer: '未列入，可在本次追加中解决。' })).body.replayed).toBe(true);
    expect((await director.post(`/consultations/${consultation.id}/answer`, { answer: '另一个意见' })).body.error.code).toBe('already_answered');
    await mailsTo('reviewer', '【意见已答复】');

    const decided = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '已征求局长意见' });
    expect(decided.status).toBe(200);
    expect(decided.body.decision.proceededAnyway).toBeUndefined();

    const detail = (await clerk.get(`/budget-requests/${request.id}`)).body;
    expect(detail.consultations).toEqual([expect.objectContaining({ askedByName: '陈红（预算股审核人）', consulteeName: '刘洋（财政局局长）', answer: '未列入，可在本次追加中解决。' })]);
    expect(detail.audit.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['consultation_requested', 'consultation_answered']));
    expect(await stack.prisma.auditEvent.count({ where: { subjectId: request.id, type: 'consultation_answered' } })).toBe(1);

    const pdf = compact(await pdfText(Buffer.from(await (await clerk.download(`/budget-requests/${request.id}/approval-form.pdf`)).arrayBuffer())));
    for (const expected of ['征求刘洋（财政局局长）的意见：通风改造是否已列入年初预算？', '刘洋（财政局局长）答复陈红（预算股审核人）：未列入，可在本次追加中解决。']) {
      expect([expected, pdf.includes(compact(expected))]).toEqual([expected, true]);
    }
  });

  it('lets the approver proceed anyway, which is recorded; the unanswered consultation can no longer be answered', async () => {
    const request = await file('图书馆书架');
    const task = await reviewer.taskFor(request.id);
    const consultation = (await reviewer.post(`/tasks/${task.id}/consultations`, { consulteeIds: ['user-director'], question: '书架单价是否合理？' })).body.items[0];
    // asking the same person again changes nothing
    expect((await reviewer.post(`/tasks/${task.id}/consultations`, { consulteeIds: ['user-director'], question: '书架单价是否合理？' })).status).toBe(200);
    expect(await stack.prisma.consultation.count({ where: { taskId: task.id } })).toBe(1);

    const decided = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', proceedAnyway: true });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({ proceededAnyway: true });
    const detail = (await clerk.get(`/budget-requests/${request.id}`)).body;
    expect(detail.audit.find((e: { type: string }) => e.type === 'decision_recorded').data).toMatchObject({ proceedAnyway: true });
    expect((await director.get('/consultations')).body.items.map((c: { id: string }) => c.id)).not.toContain(consultation.id);
    expect((await director.post(`/consultations/${consultation.id}/answer`, { answer: '合理' })).body.error.code).toBe('task_closed');
  });

  it('refuses opinions from auditors, from oneself and about someone else’s task', async () => {
    const request = await file('围墙修缮');
    const task = await reviewer.taskFor(request.id);
    const auditor = await reviewer.post(`/tasks/${task.id}/consultations`, { consulteeIds: ['user-auditor'], question: '请审计意见' });
    expect(auditor.status).toBe(422);
    expect(auditor.body.error.field).toBe('consulteeIds');
    expect((await reviewer.post(`/tasks/${task.id}/consultations`, { consulteeIds: ['user-reviewer'], question: '自问' })).status).toBe(422);
    expect((await director.post(`/tasks/${task.id}/consultations`, { consulteeIds: ['user-mayor'], question: '?' })).status).toBe(403);
    expect((await reviewer.post(`/tasks/${task.id}/consultations`, { consulteeIds: [], question: '?' })).status).toBe(400);
  });
});
