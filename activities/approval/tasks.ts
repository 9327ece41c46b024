import type { PrismaClient, Tx } from '../../prisma/client';
import { chainPositionLabel, chinaDate, stepActions, stepOf } from '../../domain';
import { writeAudit } from '../audit';
import type { Mailer } from '../mail';
import { EmailActionSettings, taskMailLinks } from '../email-action-links';
import { resolveAssignees } from './assignees';
import { taskRecipients } from './absences';
import { lastDeciderLine } from './decided-by';
import {
  CHAIN_ACTIVITY_ALIASES, ChainActivityName, ChainDecisionInput, ChainOutcomeInput, ChainResubmissionInput, ChainStepRef, normalized, OpenTasksInput, StepMailInput,
} from './contract';
import type { ChainSubjects } from './subjects';
import { chainOutcomeMail, chainReminderMail, chainTaskMail } from './task-mail';

export interface ChainTaskDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  /** base URL of the web app, for links in e-mails */
  publicUrl: string;
  /** decision links in task e-mails; without them the e-mails only link to the inbox */
  emailActions?: EmailActionSettings;
}

/**
 * The engine's task activities, for every chain: open a step's tasks, mail them, remind, record a
 * decision (with the chain's effect) and a resubmission. Each is idempotent, so a retry changes
 * nothing twice. `subjects` holds what each chain adds (its subject, effects, facts).
 */
export function createChainTaskActivities({ prisma, mailer, publicUrl, emailActions }: ChainTaskDeps, subjects: Record<string, ChainSubjects>) {
  const chainOf = (chain: string): ChainSubjects => {
    const c = subjects[chain];
    if (!c) throw new Error(`no chain ${chain} is registered with the worker`);
    return c;
  };
  /** An activity's input in today's shape, and its chain's part. */
  const resolved = <T extends ChainStepRef>(name: ChainActivityName, raw: T) => {
    const i = normalized<T>(name, raw);
    return { i, c: chainOf(i.chain) };
  };

  /** Mails the step's still-open tasks (a reminder when `day` is given); keyed per task (and day), so a retry mails each once. */
  async function mailTasks(i: StepMailInput, reminder: boolean): Promise<{ taskIds: string[] }> {
    const c = chainOf(i.chain);
    const subject = await c.load(prisma, i.subjectId);
    const tasks = await prisma.task.findMany({ where: { subjectId: i.subjectId, round: i.round, step: i.step, status: 'open' }, include: { assignee: true } });
    const actions = i.actions ?? stepActions(c.definition, i.step);
    const step = chainPositionLabel(c.definition, i.step);
    const ownCommand = c.ownCommand?.(i.step, i.subjectId, publicUrl);
    const recipients = await taskRecipients(prisma, tasks);
    for (const task of tasks) {
      // Whoever acts on the task now gets it (a hand-over's holder, an absent assignee's substitute), its links bound to them.
      const { to, onBehalfOf } = recipients.get(task.id)!;
      const key = reminder ? `task:${task.id}:remind:${i.day}` : `task:${task.id}:opened`;
      const linked = { id: task.id, subjectType: i.chain, step: i.step, assigneeId: to.id, actions };
      const links = ownCommand ? { links: [] } : await taskMailLinks(prisma, emailActions, { mailKey: key, task: linked, publicUrl });
      const args = { facts: subject.facts, step, task, publicUrl, ...links, ownCommand, onBehalfOf };
      await mailer.send({ key, to: to.email, ...(reminder ? chainReminderMail(args) : chainTaskMail(args)) });
    }
    return { taskIds: tasks.map((t) => t.id) };
  }

  const generic = {
    /** Opens the step's tasks (one per assignee) and says who they are; mails them too unless the workflow mails apart. */
    async open(raw: OpenTasksInput, name: ChainActivityName): Promise<{ assignees: string[] }> {
      const { i, c } = resolved(name, raw);
      const subject = await c.load(prisma, i.subjectId);
      const rule = i.assignees ?? stepOf(c.definition, i.step)?.assignees;
      if (!rule) throw new Error(`${i.chain} has no step ${i.step}`);
      const people = await resolveAssignees(prisma, rule, subject);
      // Retryable on purpose: the subject waits until someone holds the role, nothing is lost.
      if (!people.length) throw new Error(`no user holds a role for ${i.chain} step ${i.step}; assign one and it continues`);
      await prisma.$transaction(async (tx) => {
        await tx.task.createMany({
          data: people.map(({ user, role }) => ({
            id: crypto.randomUUID(), subjectType: i.chain, subjectId: i.subjectId, round: i.round, step: i.step, assigneeId: user.id, role,
            status: 'open', priority: subject.priority,
          })),
          skipDuplicates: true,
        });
        await writeAudit(tx, {
          eventKey: `${i.subjectId}:tasks_opened:r${i.round}:${i.step}`, subjectType: i.chain, subjectId: i.subjectId,
          data: { type: 'tasks_opened', round: i.round, step: i.step, assignees: people.map((p) => p.user.id) },
        });
      });
      if (!i.mailSeparately) await mailTasks(i, false);
      return { assignees: people.map((p) => p.user.id) };
    },

    async mail(raw: StepMailInput, name: ChainActivityName): Promise<void> {
      await mailTasks(normalized<StepMailInput>(name, raw), false);
    },

    /** Reminds whoever still holds the step's task open (once per task per day). */
    async remind(raw: StepMailInput, name: ChainActivityName): Promise<void> {
      const i = normalized<StepMailInput>(name, raw);
      const day = i.day ?? chinaDate(Date.now());
      const { taskIds } = await mailTasks({ ...i, day }, true);
      await prisma.task.updateMany({ where: { id: { in: taskIds } }, data: { remindedAt: new Date() } });
      const assignees = (await prisma.task.findMany({ where: { id: { in: taskIds } }, select: { assigneeId: true } })).map((t) => t.assigneeId);
      await writeAudit(prisma, {
        eventKey: `${i.subjectId}:reminder:r${i.round}:${i.step}:${day}`, subjectType: i.chain, subjectId: i.subjectId,
        data: { type: 'reminder_sent', round: i.round, step: i.step, assignees },
      });
    },

    /**
     * Records an accepted decision in one transaction: the chain's effect (which may refuse, citing
     * its rule), the decision row, the tasks it closes, the subject's new position, the audit trail.
     */
    async decide(raw: ChainDecisionInput, name: ChainActivityName): Promise<void> {
      const { i, c } = resolved(name, raw);
      const key = { subjectId: i.subjectId, round: i.round, step: i.step, actorId: i.actorId };
      await prisma.$transaction(async (tx) => {
        if (await tx.decision.findUnique({ where: { subjectId_round_step_actorId: key } })) return;
        if (i.effect) {
          const effect = c.effects[i.effect];
          if (!effect) throw new Error(`${i.chain} has no effect ${i.effect}`);
          await effect(tx, i);
        }
        const columns = {
          comment: i.decision.comment ?? null, meetingKind: i.decision.meetingKind ?? null,
          meetingReference: i.decision.meetingReference ?? null, resolutionReference: i.decision.resolutionReference ?? null,
          ...c.decisionColumns?.(i),
        };
        const proceededAnyway = i.decision.proceedAnyway === true;
        await tx.decision.create({
          data: {
            id: crypto.randomUUID(), subjectType: i.chain, ...key, action: i.decision.action, actorRole: i.actorRole, ...columns,
            onBehalfOfId: i.onBehalfOfId ?? null, proceededAnyway,
          },
        });
        await closeStepTasks(tx, { ...i, actorId: i.onBehalfOfId ?? i.actorId, decidedById: i.actorId }, i.next !== i.step);
        await c.moveTo(tx, i);
        const represented = i.onBehalfOfId ? await tx.user.findUnique({ where: { id: i.onBehalfOfId }, select: { displayName: true } }) : null;
        await writeAudit(tx, {
          eventKey: `${i.subjectId}:decision:r${i.round}:${i.step}:${i.actorId}`, actorId: i.actorId, subjectType: i.chain, subjectId: i.subjectId,
          data: {
            type: 'decision_recorded', round: i.round, step: i.step, action: i.decision.action, role: i.actorRole, next: i.next,
            ...present(columns),
            // both names stay in the record even if a name changes later
            ...(i.onBehalfOfId ? { onBehalfOf: i.onBehalfOfId, onBehalfOfName: represented?.displayName ?? i.onBehalfOfId } : {}),
            ...(proceededAnyway ? { proceedAnyway: true } : {}),
          },
        });
      });
      // Outside the transaction, and also on a retry: the mail is keyed, so it goes out once.
      if (!i.mailSeparately) await c.mailOutcome?.(i.subjectId, i.next, i.decision.comment);
    },

    /** Tells the applicant where the subject ended (once: the mail is keyed by chain and subject). */
    async outcome(raw: ChainOutcomeInput, name: ChainActivityName): Promise<void> {
      const i = normalized<ChainOutcomeInput>(name, raw);
      const c = chainOf(i.chain);
      const subject = await c.load(prisma, i.subjectId);
      const applicant = await prisma.user.findUniqueOrThrow({ where: { id: subject.createdById } });
      const outcome = chainPositionLabel(c.definition, i.step);
      const decidedBy = await lastDeciderLine(prisma, i.subjectId);
      await mailer.send({ key: `${i.chain}:${i.subjectId}:outcome`, to: applicant.email, ...chainOutcomeMail({ facts: subject.facts, outcome, comment: i.comment, decidedBy, publicUrl }) });
    },

    /** Stores a resubmitted round: the chain's own rows, the applicant's decision row, the returned task done. */
    async resubmit(raw: ChainResubmissionInput, name: ChainActivityName): Promise<void> {
      const { i, c } = resolved(name, raw);
      const previous = { subjectId: i.subjectId, round: i.round - 1, step: 'revision', actorId: i.actorId };
      await prisma.$transaction(async (tx) => {
        if (await tx.decision.findUnique({ where: { subjectId_round_step_actorId: previous } })) return;
        await tx.decision.create({ data: { id: crypto.randomUUID(), subjectType: i.chain, ...previous, action: 'resubmit', actorRole: 'dept_clerk' } });
        await tx.task.updateMany({ where: { subjectId: i.subjectId, round: i.round - 1, step: 'revision', status: 'open' }, data: { status: 'done', closedAt: new Date() } });
        await c.resubmit(tx, i);
      });
    },
  };

  // Every name a workflow type schedules runs the same code (see CHAIN_ACTIVITY_ALIASES).
  const named = {} as Record<ChainActivityName, (arg: never) => Promise<unknown>>;
  for (const [name, kind] of Object.entries(CHAIN_ACTIVITY_ALIASES) as [ChainActivityName, keyof typeof generic][]) {
    named[name] = (arg: never) => (generic[kind] as (a: never, n: ChainActivityName) => Promise<unknown>)(arg, name);
  }
  return named as {
    [K in ChainActivityName]: (typeof CHAIN_ACTIVITY_ALIASES)[K] extends infer Kind extends keyof typeof generic
      ? (arg: Parameters<(typeof generic)[Kind]>[0]) => ReturnType<(typeof generic)[Kind]> : never;
  };
}

/**
 * The task of `actorId` (the assignee decided for) is done, by `decidedById` when someone decided on their
 * behalf; when the step is decided (`stepDecided`), everyone else's is closed.
 */
export async function closeStepTasks(
  tx: Tx, i: { subjectId: string; round: number; step: string; actorId: string; decidedById?: string }, stepDecided = true,
): Promise<void> {
  const open = { subjectId: i.subjectId, round: i.round, step: i.step, status: 'open' };
  const closedAt = new Date();
  const decidedBy = i.decidedById && i.decidedById !== i.actorId ? { decidedById: i.decidedById } : {};
  await tx.task.updateMany({ where: { ...open, assigneeId: i.actorId }, data: { status: 'done', closedAt, ...decidedBy } });
  if (stepDecided) await tx.task.updateMany({ where: open, data: { status: 'closed', closedAt } });
}

/** The decision's fields that carry something, for the audit trail. */
function present<T extends Record<string, unknown>>(o: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
}
