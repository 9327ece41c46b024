import type { PrismaClient } from '../prisma/client';
import {
  budgetFlags, budgetStatus, BudgetPosition, BudgetRequestContent, BudgetStep,
  DecisionAction, DecisionInput, disbursementSchedule, normalizeYuan, Role, ZBudgetRequestContent, chinaDate,
} from '../domain';
import { writeAudit } from './audit';
import { commitFunds, releaseFunds, reserveFunds } from './funds';
import type { Mailer } from './mail';
import { stepAssignees } from './assignees';
import { taskMail, outcomeMail, reminderMail } from './budget-mails';
import { EmailActionSettings, LinkedTask, taskMailLinks } from './email-action-links';

export interface BudgetActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  /** base URL of the web app, for links in e-mails */
  publicUrl: string;
  /** decision links in task e-mails; without them the e-mails only link to the inbox */
  emailActions?: EmailActionSettings;
}

export interface RecordDecisionInput {
  requestId: string;
  round: number;
  step: BudgetStep;
  actorId: string;
  actorRole: Role;
  decision: Omit<DecisionInput, 'action'> & { action: DecisionAction };
  next: BudgetPosition;
  funds: 'reserve' | 'release' | 'commit' | 'none';
  /** the day of the decision in workflow time; the R-B6 schedule defaults to its month */
  executedOn: string;
  /** the workflow mails the outcome in an activity of its own (absent in histories from before that) */
  mailSeparately?: boolean;
}

interface StepRef { requestId: string; round: number; step: BudgetStep }

/** Side effects of the budget-request workflow. Each is idempotent: a retry changes nothing twice. */
export function createBudgetActivities({ prisma, mailer, publicUrl, emailActions }: BudgetActivityDeps) {
  /** The mail of one task, with its decision links (derived from the mail's key, so a retry mails the same links). */
  const mailForTask = async (mailKey: string, task: LinkedTask & { round: number }) =>
    ({ ...(await taskMailLinks(prisma, emailActions, { mailKey, task, publicUrl })), task, publicUrl });

  /** Mails everyone whose task at the step is still open; keyed per task, so a retry mails each once. */
  async function mailStepTasks({ requestId, round, step }: StepRef): Promise<void> {
    const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: requestId }, include: { unit: true } });
    const tasks = await prisma.task.findMany({ where: { subjectId: requestId, round, step, status: 'open' }, include: { assignee: true } });
    for (const task of tasks) {
      const key = `task:${task.id}:opened`;
      await mailer.send({ key, to: task.assignee.email, ...taskMail({ request, ...(await mailForTask(key, task)) }) });
    }
  }

  /** Tells the filing clerk how the request ended (once: the mail is keyed by request). */
  async function mailBudgetOutcome({ requestId, position, comment }: { requestId: string; position: BudgetPosition; comment?: string }): Promise<void> {
    const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: requestId }, include: { unit: true } });
    const creator = await prisma.user.findUniqueOrThrow({ where: { id: request.createdById } });
    await mailer.send({ key: `budget:${requestId}:outcome`, to: creator.email, ...outcomeMail({ request, position, comment, publicUrl }) });
  }

  return {
    mailStepTasks,
    mailBudgetOutcome,

    /**
     * Opens the step's tasks (one per assignee) and returns who they are; e-mails them too unless
     * the workflow mails them in `mailStepTasks` (it does since MAIL_IN_OWN_ACTIVITY).
     */
    async openStepTasks({ requestId, round, step, mailSeparately }: StepRef & { mailSeparately?: boolean }): Promise<{ assignees: string[] }> {
      const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: requestId }, include: { unit: true } });
      const people = await stepAssignees(prisma, step, request.unitId, request.createdById);
      if (!people.length) {
        // Retryable on purpose: the request waits until someone holds the role, nothing is lost.
        throw new Error(`no user holds a role for step ${step}; assign one and the request continues`);
      }
      await prisma.$transaction(async (tx) => {
        await tx.task.createMany({
          data: people.map(({ user, role }) => ({
            id: crypto.randomUUID(), subjectType: 'budget', subjectId: requestId, round, step, assigneeId: user.id, role,
            status: 'open', priority: request.threeGuarantees ? 1 : 0,
          })),
          skipDuplicates: true,
        });
        await writeAudit(tx, {
          eventKey: `${requestId}:tasks_opened:r${round}:${step}`, subjectType: 'budget', subjectId: requestId,
          data: { type: 'tasks_opened', round, step, assignees: people.map((p) => p.user.id) },
        });
      });
      if (!mailSeparately) {
        const tasks = await prisma.task.findMany({ where: { subjectId: requestId, round, step }, include: { assignee: true } });
        for (const task of tasks) {
          const key = `task:${task.id}:opened`;
          await mailer.send({ key, to: task.assignee.email, ...taskMail({ request, ...(await mailForTask(key, task)) }) });
        }
      }
      return { assignees: people.map((p) => p.user.id) };
    },

    /**
     * Records an accepted decision in one transaction: the funds effect (R-B3 reserve may refuse),
     * the decision row, the tasks it closes, the request's new position and the audit trail.
     */
    async recordDecision(i: RecordDecisionInput): Promise<void> {
      const key = { subjectId: i.requestId, round: i.round, step: i.step, actorId: i.actorId };
      await prisma.$transaction(async (tx) => {
        if (await tx.decision.findUnique({ where: { subjectId_round_step_actorId: key } })) return;
        const request = await tx.budgetRequest.findUniqueOrThrow({ where: { id: i.requestId } });
        const funds = { requestId: i.requestId, round: i.round, actorId: i.actorId };
        if (i.funds === 'reserve') await reserveFunds(tx, { ...funds, fiscalYear: request.fiscalYear, amount: normalizeYuan(request.amount) });
        if (i.funds === 'release') await releaseFunds(tx, funds);
        if (i.funds === 'commit') {
          await commitFunds(tx, funds);
          const content = ZBudgetRequestContent.parse(roundContent(request));
          const schedule = disbursementSchedule(content, i.executedOn.slice(0, 7));
          await tx.disbursementSchedule.createMany({ data: schedule.map((s) => ({ requestId: i.requestId, ...s })), skipDuplicates: true });
          await writeAudit(tx, {
            eventKey: `${i.requestId}:disbursement_scheduled`, actorId: i.actorId, subjectType: 'budget', subjectId: i.requestId,
            data: { type: 'disbursement_scheduled', instalments: schedule },
          });
        }
        await tx.decision.create({
          data: {
            id: crypto.randomUUID(), subjectType: 'budget', ...key, action: i.decision.action, actorRole: i.actorRole,
            comment: i.decision.comment ?? null, meetingKind: i.decision.meetingKind ?? null,
            meetingReference: i.decision.meetingReference ?? null, resolutionReference: i.decision.resolutionReference ?? null,
          },
        });
        const stepClosed = i.next !== i.step;
        await tx.task.updateMany({
          where: { subjectId: i.requestId, round: i.round, step: i.step, status: 'open', assigneeId: i.actorId },
          data: { status: 'done', closedAt: new Date() },
        });
        if (stepClosed) {
          await tx.task.updateMany({
            where: { subjectId: i.requestId, round: i.round, step: i.step, status: 'open' },
            data: { status: 'closed', closedAt: new Date() },
          });
        }
        await tx.budgetRequest.update({ where: { id: i.requestId }, data: { step: i.next, status: budgetStatus(i.next) } });
        await writeAudit(tx, {
          eventKey: `${i.requestId}:decision:r${i.round}:${i.step}:${i.actorId}`, actorId: i.actorId, subjectType: 'budget', subjectId: i.requestId,
          data: {
            type: 'decision_recorded', round: i.round, step: i.step, action: i.decision.action, role: i.actorRole, next: i.next,
            ...pick(i.decision, ['comment', 'meetingKind', 'meetingReference', 'resolutionReference']),
          },
        });
      });
      // Outside the transaction, and also on a retry: the mail is keyed, so it goes out once.
      if (!i.mailSeparately && ['executed', 'rejected', 'withdrawn'].includes(i.next)) {
        await mailBudgetOutcome({ requestId: i.requestId, position: i.next, comment: i.decision.comment });
      }
    },

    /** Stores a resubmitted round: the new content, the request's fields, the clerk's decision row. */
    async recordResubmission({ requestId, round, actorId, content }: { requestId: string; round: number; actorId: string; content: BudgetRequestContent }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (await tx.budgetRound.findUnique({ where: { requestId_round: { requestId, round } } })) return;
        await tx.budgetRound.create({ data: { requestId, round, content: content as object, submittedBy: actorId } });
        await tx.decision.create({
          data: { id: crypto.randomUUID(), subjectType: 'budget', subjectId: requestId, round: round - 1, step: 'revision', actorId, action: 'resubmit', actorRole: 'dept_clerk' },
        });
        await tx.task.updateMany({ where: { subjectId: requestId, round: round - 1, step: 'revision', status: 'open' }, data: { status: 'done', closedAt: new Date() } });
        await tx.budgetRequest.update({
          where: { id: requestId },
          data: {
            round, step: 'finance_review', status: 'in_review', amount: content.amount, category: content.category,
            purpose: content.purpose, justification: content.justification, disbursementPlan: content.disbursementPlan ?? undefined, policyId: content.policyId ?? null,
            ...budgetFlags(content.category),
          },
        });
        await writeAudit(tx, {
          eventKey: `${requestId}:resubmitted:r${round}`, actorId, subjectType: 'budget', subjectId: requestId,
          data: { type: 'request_resubmitted', round, amount: content.amount, category: content.category },
        });
      });
    },

    /** Reminds everyone whose task at this step is still open (once per task per day). */
    async remindOpenTasks({ requestId, round, step }: { requestId: string; round: number; step: BudgetStep }): Promise<void> {
      const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: requestId }, include: { unit: true } });
      const tasks = await prisma.task.findMany({ where: { subjectId: requestId, round, step, status: 'open' }, include: { assignee: true } });
      const day = chinaDate(Date.now());
      for (const task of tasks) {
        const key = `task:${task.id}:remind:${day}`;
        await mailer.send({ key, to: task.assignee.email, ...reminderMail({ request, ...(await mailForTask(key, task)) }) });
      }
      await prisma.task.updateMany({ where: { id: { in: tasks.map((t) => t.id) } }, data: { remindedAt: new Date() } });
      await writeAudit(prisma, {
        eventKey: `${requestId}:reminder:r${round}:${step}:${day}`, subjectType: 'budget', subjectId: requestId,
        data: { type: 'reminder_sent', round, step, assignees: tasks.map((t) => t.assigneeId) },
      });
    },
  };
}

export type BudgetActivities = ReturnType<typeof createBudgetActivities>;

/** The request's current content in the shape the department filed it. */
export function roundContent(r: { amount: { toString(): string }; category: string; purpose: string; justification: string; disbursementPlan: unknown }) {
  return {
    amount: normalizeYuan(r.amount), category: r.category, purpose: r.purpose, justification: r.justification,
    ...(r.disbursementPlan ? { disbursementPlan: r.disbursementPlan } : {}),
  };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
  return out;
}
