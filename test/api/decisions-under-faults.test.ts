import { startStack, Stack, UserClient } from '../support/stack';
import { executiveApproval, loanApplication } from '../support/loans';
import { confirm, linksOf, mailFor } from '../support/email-links';
import { messageIdOf } from '../../activities/mail';
import { budgetWorkflowId } from '../../workflows/budget-messages';

let stack: Stack;
// A short update deadline, so "the outcome is not known yet" comes in seconds rather than 30.
beforeAll(async () => { stack = await startStack({ updateDeadlineMs: 2500 }); });
afterAll(async () => { await stack?.stop(); });

const budget = (purpose: string) => ({ amount: '41000.00', category: 'three_guarantees_livelihood', purpose, justification: '' });

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const taskDone = (id: string) => until(`task ${id} to be decided`, async () => (await stack.prisma.task.findUniqueOrThrow({ where: { id } })).status !== 'open');

async function fileAndWaitForReview(clerk: UserClient, purpose: string) {
  const r = (await clerk.post('/budget-requests', budget(purpose))).body.request as { id: string; number: string };
  const task = await (await stack.as('reviewer')).taskFor(r.id, 'finance_review');
  return { r, task };
}

describe('decisions are exactly-once and their answers true, with the worker down', () => {
  it('inbox: 503 "outcome not known yet" while the worker is stopped, the decision lands once it is back, and a retry answers 200 with it', async () => {
    const reviewer = await stack.as('reviewer');
    const { r, task } = await fileAndWaitForReview(await stack.as('clerk_edu'), '教师培训经费');
    await stack.stopWorker();
    try {
      const first = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意' });
      expect(first.status).toBe(503);
      expect(first.body.error.code).toBe('decision_pending');
      expect(first.body.error.message).toContain('not known yet');
      expect(first.body.error.task.url).toBe(`/tasks/${task.id}`);
      expect(first.headers.get('retry-after')).toBeTruthy();
      // A retry while still down joins the same update: still pending, still truthful.
      const second = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意' });
      expect(second.status).toBe(503);
      expect(second.body.error.code).toBe('decision_pending');
    } finally {
      await stack.startWorker();
    }
    await taskDone(task.id);
    const retry = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意' });
    expect(retry.status).toBe(200);
    expect(retry.body.replayed).toBe(true);
    expect(retry.body.decision.action).toBe('approve');
    expect(retry.body.request.step).toBe('leader_briefing');
    expect(await stack.prisma.decision.count({ where: { subjectId: r.id, step: 'finance_review' } })).toBe(1);
    expect(await stack.prisma.auditEvent.count({ where: { subjectId: r.id, type: 'decision_recorded' } })).toBe(1);
    // Another action on the same closed task is not "yours": it says what was decided.
    const other = await reviewer.post(`/tasks/${task.id}/decision`, { action: 'reject', comment: '不同意' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('already_decided');
  });

  it('loans: the same for a finance review and the executive meeting', async () => {
    const clerk = await stack.as('clerk_health');
    const loan = (await clerk.post('/loans', loanApplication({ amount: '20000.00' }))).body.loan as { id: string };
    const reviewer = await stack.as('reviewer');
    const review = await reviewer.taskFor(loan.id, 'finance_review');
    await stack.stopWorker();
    try {
      const first = await reviewer.post(`/tasks/${review.id}/decision`, { action: 'approve' });
      expect(first.status).toBe(503);
      expect(first.body.error.code).toBe('decision_pending');
    } finally {
      await stack.startWorker();
    }
    await taskDone(review.id);
    const retry = await reviewer.post(`/tasks/${review.id}/decision`, { action: 'approve' });
    expect(retry.status).toBe(200);
    expect(retry.body.replayed).toBe(true);
    expect(retry.body.loan.step).toBe('executive_meeting');
    const secretary = await stack.as('meeting_secretary');
    const meeting = await secretary.taskFor(loan.id, 'executive_meeting');
    expect((await secretary.post(`/tasks/${meeting.id}/decision`, executiveApproval('县政府常务会议纪要〔2026〕12号'))).status).toBe(200);
    expect(await stack.prisma.decision.count({ where: { subjectId: loan.id } })).toBe(2);
    expect(await stack.prisma.reservation.count()).toBeGreaterThanOrEqual(0);
  });

  it('e-mail link: the confirmation says the outcome is not known yet, and the same link afterwards shows the decision as done', async () => {
    const { r, task } = await fileAndWaitForReview(await stack.as('clerk_water'), '河道清淤');
    const { approve } = linksOf(stack, await mailFor(stack, 'reviewer', r.number, '财政局审核'));
    await stack.stopWorker();
    try {
      const page = await confirm(approve);
      expect(page.status).toBe(503);
      expect(page.html).toContain('not known yet');
    } finally {
      await stack.startWorker();
    }
    await taskDone(task.id);
    const again = await confirm(approve);
    expect(again.status).toBe(200);
    expect(await stack.prisma.decision.count({ where: { subjectId: r.id, step: 'finance_review' } })).toBe(1);
  });
});

describe('a decision stands when the step it leads to cannot open yet', () => {
  it('nobody holds the meeting secretary\'s role: the last acknowledgement lands, and the meeting step opens once someone holds it', async () => {
    const { r, task } = await fileAndWaitForReview(await stack.as('clerk_edu'), '乡镇卫生院设备购置');
    expect((await (await stack.as('reviewer')).post(`/tasks/${task.id}/decision`, { action: 'approve' })).status).toBe(200);
    const leaders = ['party_secretary', 'county_mayor', 'vice_mayor_edu'];
    for (const name of leaders.slice(0, 2)) {
      const leader = await stack.as(name);
      expect((await leader.post(`/tasks/${(await leader.taskFor(r.id, 'leader_briefing')).id}/decision`, { action: 'acknowledge' })).status).toBe(200);
    }
    const secretaries = await stack.prisma.user.findMany({ where: { roles: { has: 'meeting_secretary' } } });
    for (const u of secretaries) await stack.prisma.user.update({ where: { id: u.id }, data: { roles: u.roles.filter((x) => x !== 'meeting_secretary') } });
    try {
      const last = await stack.as(leaders[2]);
      const acked = await last.post(`/tasks/${(await last.taskFor(r.id, 'leader_briefing')).id}/decision`, { action: 'acknowledge' });
      expect(acked.status).toBe(200);
      expect(acked.body.outcome).toEqual({ position: 'executive_meeting', round: 1 });
      expect(await stack.prisma.task.count({ where: { subjectId: r.id, step: 'executive_meeting' } })).toBe(0);
    } finally {
      for (const u of secretaries) await stack.prisma.user.update({ where: { id: u.id }, data: { roles: u.roles } });
    }
    // The workflow keeps trying to open the step: the secretary's task comes once the role is held again.
    const meeting = await until('the meeting task', async () => (await stack.prisma.task.findMany({ where: { subjectId: r.id, step: 'executive_meeting', status: 'open' } })).at(0));
    expect(secretaries.map((u) => u.id)).toContain(meeting.assigneeId);
    expect(await stack.prisma.decision.count({ where: { subjectId: r.id, step: 'leader_briefing' } })).toBe(3);
  });

  it('nobody holds the finance reviewer\'s role: a resubmission lands, and round 2\'s review opens once someone holds it', async () => {
    const clerk = await stack.as('clerk_edu');
    const { r, task } = await fileAndWaitForReview(clerk, '乡村学校取暖设施');
    expect((await (await stack.as('reviewer')).post(`/tasks/${task.id}/decision`, { action: 'return', comment: '请补充测算依据' })).status).toBe(200);
    await clerk.taskFor(r.id, 'revision');
    const reviewers = await stack.prisma.user.findMany({ where: { roles: { has: 'finance_reviewer' } } });
    for (const u of reviewers) await stack.prisma.user.update({ where: { id: u.id }, data: { roles: u.roles.filter((x) => x !== 'finance_reviewer') } });
    try {
      const resubmitted = await clerk.post(`/budget-requests/${r.id}/resubmit`, { ...budget('乡村学校取暖设施（已补充测算）'), round: 1 });
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.request).toMatchObject({ status: 'in_review', step: 'finance_review', round: 2 });
      expect(await stack.prisma.task.count({ where: { subjectId: r.id, round: 2, step: 'finance_review' } })).toBe(0);
    } finally {
      for (const u of reviewers) await stack.prisma.user.update({ where: { id: u.id }, data: { roles: u.roles } });
    }
    const review = await until('the round-2 review task', async () => (await stack.prisma.task.findMany({ where: { subjectId: r.id, round: 2, step: 'finance_review', status: 'open' } })).at(0));
    expect(reviewers.map((u) => u.id)).toContain(review.assigneeId);
    expect(await stack.prisma.decision.count({ where: { subjectId: r.id, action: 'resubmit' } })).toBe(1);
  });
});

describe('mail never blocks a decision', () => {
  it('a step\'s mail that its worker died owing (the tasks opened, the mail not sent) goes out from the next worker, once', async () => {
    const { r, task } = await fileAndWaitForReview(await stack.as('clerk_edu'), '校舍维修改造');
    await mailFor(stack, 'reviewer', r.number, '财政局审核');
    const owed = () => stack.prisma.mailJob.findMany({ where: { key: { contains: r.id } } });
    await until('the outbox to finish the job', async () => (await owed()).length === 0);
    // What a worker leaves when it dies after the opening's commit and before the mail: the job owed, the message unsent.
    await stack.stopWorker();
    const key = `task:${task.id}:opened`;
    await stack.prisma.emailMessage.delete({ where: { key } });
    await stack.prisma.mailJob.create({
      data: { key: `step_opened:${r.id}:r1:finance_review`, kind: 'step_opened', input: { chain: 'budget', subjectId: r.id, round: 1, step: 'finance_review' }, dueAt: new Date(Date.now() - 1000) },
    });
    const toReviewer = () => stack.smtp.received.filter((m) => m.raw.includes(`Message-ID: ${messageIdOf(key)}`));
    expect(toReviewer()).toHaveLength(1);
    const aboutIt = () => stack.smtp.received.filter((m) => m.subject.includes(r.number)).length;
    const before = aboutIt();
    await stack.startWorker();
    await until('the owed mail', async () => toReviewer().length === 2);
    await until('the job done', async () => (await owed()).length === 0);
    await new Promise((res) => setTimeout(res, 1000)); // a second copy would have come by now
    // The reviewer's mail client shows one message (both copies carry one Message-ID); mails already sent are not sent again.
    expect(toReviewer()).toHaveLength(2);
    expect(aboutIt()).toBe(before + 1);
    expect((await stack.prisma.emailMessage.findUniqueOrThrow({ where: { key } })).sentAt).not.toBeNull();
  });

  it('with the mail server down a decision lands and the next step opens; when it returns each mail goes out once, with a stable Message-ID', async () => {
    await stack.smtp.stop();
    let number = '';
    try {
      const clerk = await stack.as('clerk_school');
      const { r, task } = await fileAndWaitForReview(clerk, '中心小学食堂运转');
      number = r.number;
      const decided = await (await stack.as('reviewer')).post(`/tasks/${task.id}/decision`, { action: 'approve' });
      expect(decided.status).toBe(200);
      expect(decided.body.request.step).toBe('leader_briefing');
      const briefing = await until('the briefing tasks', async () => {
        const t = await stack.prisma.task.findMany({ where: { subjectId: r.id, step: 'leader_briefing' }, include: { assignee: true } });
        return t.length ? t : undefined;
      });
      expect(stack.smtp.received.filter((m) => m.subject.includes(number))).toHaveLength(0);
      await stack.smtp.start();
      for (const t of briefing) await mailFor(stack, t.assignee.username, number, '汇报');
      await new Promise((res) => setTimeout(res, 3000)); // any second copy would have come by now
      for (const t of briefing) {
        const copies = stack.smtp.received.filter((m) => m.subject.includes(number) && m.to.includes(t.assignee.email));
        expect(copies).toHaveLength(1);
        expect(copies[0].raw).toContain(`Message-ID: ${messageIdOf(`task:${t.id}:opened`)}`);
      }
    } finally {
      await stack.smtp.start();
    }
  });

  it('with the mail server down a rejection ends the request at once; the clerk\'s outcome mail goes out once when it returns', async () => {
    await stack.smtp.stop();
    let number = '';
    try {
      const { r, task } = await fileAndWaitForReview(await stack.as('clerk_edu'), '乡镇办公楼装修');
      number = r.number;
      const decided = await (await stack.as('reviewer')).post(`/tasks/${task.id}/decision`, { action: 'reject', comment: '不属于追加范围' });
      expect(decided.status).toBe(200);
      // The workflow does not wait for the mail server: the rejection's own statement owes the mail.
      const handle = stack.temporal.workflow.getHandle(budgetWorkflowId(r.id));
      expect(await handle.result()).toBe('rejected');
      expect((await stack.prisma.mailJob.findMany({ where: { key: { contains: r.id } } })).map((j) => j.kind).sort()).toEqual(['chain_outcome', 'step_opened']);
      await stack.smtp.start();
      const outcome = await mailFor(stack, 'clerk_edu', number, '已否决');
      expect(outcome.text).toContain('不属于追加范围');
      await until('the job done', async () => (await stack.prisma.mailJob.count({ where: { key: { contains: r.id } } })) === 0);
      await new Promise((res) => setTimeout(res, 3000)); // any second copy would have come by now
      const toClerk = stack.smtp.received.filter((m) => m.subject.includes(number) && m.raw.includes(`Message-ID: ${messageIdOf(`budget:${r.id}:outcome`)}`));
      expect(toClerk).toHaveLength(1);
    } finally {
      await stack.smtp.start();
    }
  });
});
