import { Prisma, type PrismaClient, type Tx } from '../../prisma/client';
import { chainPositionLabel, chinaDate, Role, ROLES, stepActions, stepOf } from '../../domain';
import { auditSql, writeAudit } from '../audit';
import type { Mailer } from '../mail';
import type { MailOutbox } from '../mail-outbox';
import { logger } from '../../observability/logger';
import { EmailActionSettings, taskMailLinks } from '../email-action-links';
import { resolveAssignees } from './assignees';
import { DecisionRow, insertDecisionSql, plainDecisionSql } from './plain-decision';
import { directSql, sqlTransaction, type SqlTx } from '../../prisma/direct-sql';
import { mailCopies, recordCopies, sendCopyMails } from './copies';
import { stepMailRows } from './step-mail-rows';
import { lastDeciderLine } from './decided-by';
import { withApprovalForm } from '../approval-form-file';
import { isSubjectKind } from '../../api/records/readable-subject';
import {
  CHAIN_ACTIVITY_ALIASES, ChainActivityName, ChainDecisionInput, DecisionRecorded, ChainOutcomeInput, ChainResubmissionInput, ChainStepRef, normalized, NextStepOpening, NudgeInput, OpenTasksInput,
  StepMailInput,
} from './contract';
import type { ChainSubjects, LoadedSubject } from './subjects';
import { chainNudgeMail, chainOutcomeMail, chainReminderMail, chainTaskMail } from './task-mail';

export interface ChainTaskDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  /** sends the mails a step's opening owes; without one (a worker made elsewhere) they are sent before the opening returns */
  mailOutbox?: MailOutbox;
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
export function createChainTaskActivities({ prisma, mailer, mailOutbox, publicUrl, emailActions }: ChainTaskDeps, subjects: Record<string, ChainSubjects>) {
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

  /**
   * Mails the step's still-open tasks: on opening, as a reminder (one per task per `day`) or for a
   * nudge (one per task per nudge, with fresh decision links). Keyed per task, so a retry mails each once.
   */
  async function mailTasks(i: StepMailInput, how: TaskMailKind, loaded?: LoadedSubject): Promise<{ taskIds: string[] }> {
    const c = chainOf(i.chain);
    const subject = loaded ?? await c.load(prisma, i.subjectId);
    const { tasks, copies } = await stepMailRows(prisma, i, how.kind === 'opened');
    const actions = i.actions ?? stepActions(c.definition, i.step);
    const step = chainPositionLabel(c.definition, i.step);
    const ownCommand = c.ownCommand?.(i.step, i.subjectId, publicUrl);
    for (const task of tasks) {
      // Whoever acts on the task now gets it (a hand-over's holder, an absent assignee's substitute), its links bound to them.
      const { to, onBehalfOf } = task.recipient;
      const key = how.kind === 'opened' ? `task:${task.id}:opened` : how.kind === 'reminder' ? `task:${task.id}:remind:${i.day}` : `task:${task.id}:nudge:${how.nudgeId}`;
      const linked = { id: task.id, subjectType: i.chain, step: i.step, assigneeId: to.id, actions };
      const { storedWith, ...links }: ReturnType<typeof taskMailLinks> = ownCommand ? { links: [] } : taskMailLinks(emailActions, { mailKey: key, task: linked, publicUrl });
      const args = { facts: subject.facts, step, task, publicUrl, ...links, ownCommand, onBehalfOf };
      const mail = how.kind === 'opened' ? chainTaskMail(args) : how.kind === 'reminder' ? chainReminderMail(args) : chainNudgeMail({ ...args, nudgedBy: how.by });
      // The links' tokens are stored with the message, in its statement.
      await mailer.send({ key, to: to.email, ...mail, storedWith });
    }
    await sendCopyMails({ prisma, mailer, publicUrl }, c, i.subjectId, copies, subject);
    return { taskIds: tasks.map((t) => t.id) };
  }

  // Dispatched by the opening, the job has the subject the opening just read; swept, it reads it.
  mailOutbox?.handle(STEP_OPENED_MAIL, (i: StepMailInput, subject?: LoadedSubject) => mailTasks(i, { kind: 'opened' }, subject));
  // A chain with a mail of its own for where its subjects end (the budget's, the loan's) sends that one; the others the engine's.
  mailOutbox?.handle(OUTCOME_MAIL, (i: ChainOutcomeInput) => {
    const c = chainOf(i.chain);
    return c.mailOutcome ? c.mailOutcome(i.subjectId, i.step, i.comment) : generic.outcome(i, 'mailChainOutcome');
  });

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
      // The tasks, the mail they owe (if the outbox sends it) and their audit event in one statement (so one transaction); a retry inserts none twice.
      const tasks = people.map(({ user, role }) => Prisma.sql`(${crypto.randomUUID()}, ${i.chain}, ${i.subjectId}, ${i.round}, ${i.step}, ${user.id}, ${role}, 'open', ${subject.priority}, now() AT TIME ZONE 'UTC')`);
      const owed = i.mailOutbox && mailOutbox
        ? { key: `step_opened:${i.subjectId}:r${i.round}:${i.step}`, input: { chain: i.chain, subjectId: i.subjectId, round: i.round, step: i.step, actions: i.mailOutbox.actions } satisfies StepMailInput }
        : undefined;
      await directSql(prisma, Prisma.sql`WITH opened AS (
          INSERT INTO "Task" (id, "subjectType", "subjectId", round, step, "assigneeId", role, status, priority, "openedAt")
          VALUES ${Prisma.join(tasks)} ON CONFLICT ("subjectId", round, step, "assigneeId") DO NOTHING
        )${owed ? Prisma.sql`, owed AS (${mailOutbox!.insertSql(owed.key, STEP_OPENED_MAIL, owed.input)})` : Prisma.empty} ${auditSql({
    eventKey: `${i.subjectId}:tasks_opened:r${i.round}:${i.step}`, subjectType: i.chain, subjectId: i.subjectId,
    data: { type: 'tasks_opened', round: i.round, step: i.step, assignees: people.map((p) => p.user.id) },
  })}`);
      // 抄送 by the step's rule: read-only, never holding a task (an assignee is not also copied); recording is idempotent
      const copied = i.copy ? (await resolveAssignees(prisma, i.copy, subject)).map((p) => p.user.id).filter((id) => !people.some((p) => p.user.id === id)) : [];
      if (copied.length) await recordCopies(prisma, { chain: i.chain, subjectId: i.subjectId, round: i.round, step: i.step, userIds: copied });
      if (owed) mailOutbox!.dispatch(owed.key, STEP_OPENED_MAIL, owed.input, subject);
      else if (!i.mailSeparately || i.mailOutbox) await mailTasks({ ...i, actions: i.mailOutbox?.actions }, { kind: 'opened' }, subject);
      return { assignees: people.map((p) => p.user.id) };
    },

    async mail(raw: StepMailInput, name: ChainActivityName): Promise<void> {
      await mailTasks(normalized<StepMailInput>(name, raw), { kind: 'opened' });
    },

    /** Reminds whoever still holds the step's task open (once per task per day). */
    async remind(raw: StepMailInput, name: ChainActivityName): Promise<void> {
      const i = normalized<StepMailInput>(name, raw);
      const day = i.day ?? chinaDate(Date.now());
      const { taskIds } = await mailTasks({ ...i, day }, { kind: 'reminder' });
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
    async decide(raw: ChainDecisionInput, name: ChainActivityName): Promise<DecisionRecorded | void> {
      const { i, c } = resolved(name, raw);
      const columns = {
        comment: i.decision.comment ?? null, meetingKind: i.decision.meetingKind ?? null,
        meetingReference: i.decision.meetingReference ?? null, resolutionReference: i.decision.resolutionReference ?? null,
        ...c.decisionColumns?.(i),
      };
      const proceededAnyway = i.decision.proceedAnyway === true;
      const row: DecisionRow = {
        id: crypto.randomUUID(), subjectType: i.chain, subjectId: i.subjectId, round: i.round, step: i.step, actorId: i.actorId,
        action: i.decision.action, actorRole: i.actorRole, ...columns, onBehalfOfId: i.onBehalfOfId ?? null, proceededAnyway,
      };
      const audit = (onBehalfOfName?: string) => ({
        eventKey: `${i.subjectId}:decision:r${i.round}:${i.step}:${i.actorId}`, actorId: i.actorId, subjectType: i.chain, subjectId: i.subjectId,
        data: {
          type: 'decision_recorded' as const, round: i.round, step: i.step, action: i.decision.action, role: i.actorRole, next: i.next,
          ...present(columns),
          // both names stay in the record even if a name changes later
          ...(i.onBehalfOfId ? { onBehalfOf: i.onBehalfOfId, onBehalfOfName: onBehalfOfName ?? i.onBehalfOfId } : {}),
          ...(proceededAnyway ? { proceedAnyway: true } : {}),
        },
      });
      const closing = { ...i, actorId: i.onBehalfOfId ?? i.actorId, decidedById: i.actorId };
      // The applicant's mail of where the subject now stands, owed by the statement that records the decision.
      const owed = i.outcomeMail && mailOutbox
        ? { key: `outcome:${i.subjectId}:r${i.round}:${i.next}`, input: { chain: i.chain, subjectId: i.subjectId, round: i.round, step: i.next, ...(i.decision.comment ? { comment: i.decision.comment } : {}) } satisfies ChainOutcomeInput }
        : undefined;
      const owedSql = owed && mailOutbox!.insertSql(owed.key, OUTCOME_MAIL, owed.input);
      if (!i.effect && !i.onBehalfOfId && c.moveSql) {
        // Most decisions (acknowledgements, meetings) change nothing but the chain: one statement.
        await directSql(prisma, plainDecisionSql(row, closeStepTasksSql(closing, i.next !== i.step), c.moveSql(i), auditSql(audit()), owedSql));
      } else {
        const write = async (tx: SqlTx, effect: () => Promise<void>, move: () => Promise<void>) => {
          // The decision row first: one statement both writes it and finds that a retry already did (then nothing changes).
          if (!(await tx.$executeRaw(insertDecisionSql(row)))) return;
          await effect();
          await tx.$executeRaw(closeStepTasksSql(closing, i.next !== i.step));
          await move();
          const [represented] = i.onBehalfOfId ? await tx.$queryRaw<{ displayName: string }[]>(Prisma.sql`SELECT "displayName" FROM "User" WHERE id = ${i.onBehalfOfId}`) : [];
          await writeAudit(tx, audit(represented?.displayName));
          if (owedSql) await tx.$executeRaw(owedSql);
        };
        const effectOf = <X>(effects: Record<string, (tx: X, i: ChainDecisionInput) => Promise<void>>, tx: X) => async () => {
          if (!i.effect) return;
          const effect = effects[i.effect];
          if (!effect) throw new Error(`${i.chain} has no effect ${i.effect}`);
          await effect(tx, i);
        };
        if (c.sqlOnly) await sqlTransaction(prisma, (tx) => write(tx, effectOf(c.effects, tx), () => c.moveTo(tx, i)));
        else await prisma.$transaction((tx) => write(tx, effectOf(c.effects, tx), () => c.moveTo(tx, i)));
      }
      // Outside the transaction, and also on a retry: the mail is keyed, so it goes out once.
      if (owed) mailOutbox!.dispatch(owed.key, OUTCOME_MAIL, owed.input);
      else if (!i.mailSeparately) await c.mailOutcome?.(i.subjectId, i.next, i.decision.comment);
      return openNext(i, name);
    },

    /** Tells the applicant where the subject ended (once: the mail is keyed by chain and subject), with its 审批单 as it stands then. */
    async outcome(raw: ChainOutcomeInput, name: ChainActivityName): Promise<void> {
      const i = normalized<ChainOutcomeInput>(name, raw);
      const c = chainOf(i.chain);
      const subject = await c.load(prisma, i.subjectId);
      const applicant = await prisma.user.findUniqueOrThrow({ where: { id: subject.createdById } });
      const outcome = chainPositionLabel(c.definition, i.step);
      const decidedBy = await lastDeciderLine(prisma, i.subjectId);
      await mailer.send({ key: `${i.chain}:${i.subjectId}:outcome`, to: applicant.email, ...chainOutcomeMail({ facts: subject.facts, outcome, comment: i.comment, decidedBy, publicUrl }),
        ...(isSubjectKind(i.chain) ? withApprovalForm(prisma, i.chain, i.subjectId) : {}),
      });
    },

    /** Stores a resubmitted round: the chain's own rows, the applicant's decision row, the returned task done. */
    async resubmit(raw: ChainResubmissionInput, name: ChainActivityName): Promise<DecisionRecorded | void> {
      const { i, c } = resolved(name, raw);
      const previous = { subjectId: i.subjectId, round: i.round - 1, step: 'revision', actorId: i.actorId };
      await prisma.$transaction(async (tx) => {
        if (await tx.decision.findUnique({ where: { subjectId_round_step_actorId: previous } })) return;
        await tx.decision.create({ data: { id: crypto.randomUUID(), subjectType: i.chain, ...previous, action: 'resubmit', actorRole: 'dept_clerk' } });
        await tx.task.updateMany({ where: { subjectId: i.subjectId, round: i.round - 1, step: 'revision', status: 'open' }, data: { status: 'done', closedAt: new Date() } });
        await c.resubmit(tx, i);
      });
      return openNext(i, name);
    },
  };

  /** Opens the step a recorded decision or resubmission leads to, when the workflow asks; never fails what is already recorded. */
  async function openNext(i: ChainStepRef & { open?: NextStepOpening }, name: ChainActivityName): Promise<DecisionRecorded | void> {
    if (!i.open) return;
    try {
      return { opened: await generic.open({ ...i.open, chain: i.chain, subjectId: i.subjectId }, name) };
    } catch (err) {
      // What was recorded stands whatever happens here: the workflow opens the step itself, for as long as that takes.
      logger.warn({ err, subjectId: i.subjectId, step: i.open.step }, 'recorded; its next step is left for the workflow to open');
      return {};
    }
  }

  // Every name a workflow type schedules runs the same code (see CHAIN_ACTIVITY_ALIASES).
  const named = {} as Record<ChainActivityName, (arg: never) => Promise<unknown>>;
  for (const [name, kind] of Object.entries(CHAIN_ACTIVITY_ALIASES) as [ChainActivityName, keyof typeof generic][]) {
    named[name] = (arg: never) => (generic[kind] as (a: never, n: ChainActivityName) => Promise<unknown>)(arg, name);
  }

  /**
   * 催办: mails every open task of the subject again, with fresh decision links, saying who nudged.
   * Only once the API's nudge is recorded (its audit event is the nudge, and the interval counts from it).
   */
  async function nudgeChainTasks(i: NudgeInput): Promise<{ taskIds: string[] }> {
    const nudge = await prisma.auditEvent.findUnique({ where: { eventKey: nudgeEventKey(i.subjectId, i.nudgeId) } });
    // The API writes the event in the transaction that starts this: wait for its commit (it never commits if refused).
    if (!nudge) throw new Error(`nudge ${i.nudgeId} of ${i.subjectId} is not recorded yet`);
    const data = nudge.data as { round: number; step: string; role: Role; comment?: string };
    const actor = await prisma.user.findUniqueOrThrow({ where: { id: nudge.actorId! } });
    const by = { name: actor.displayName, role: ROLES[data.role] ?? { zh: data.role, en: data.role }, ...(data.comment ? { comment: data.comment } : {}) };
    return mailTasks({ chain: i.chain, subjectId: i.subjectId, round: data.round, step: data.step }, { kind: 'nudge', nudgeId: i.nudgeId, by });
  }

  return {
    ...(named as {
      [K in ChainActivityName]: (typeof CHAIN_ACTIVITY_ALIASES)[K] extends infer Kind extends keyof typeof generic
        ? (arg: Parameters<(typeof generic)[Kind]>[0]) => ReturnType<(typeof generic)[Kind]> : never;
    }),
    nudgeChainTasks,
    /** 抄送 by an approver (recorded by the API): mails whoever is copied on the subject and has not had the mail. */
    async mailChainCopies(i: { chain: string; subjectId: string }): Promise<number> {
      return mailCopies({ prisma, mailer, publicUrl }, chainOf(i.chain), { subjectId: i.subjectId });
    },
  };
}

/** The outbox's job of a step's task e-mails (its input a StepMailInput). */
const STEP_OPENED_MAIL = 'step_opened';
/** The outbox's job of the applicant's mail of where a subject ended (its input a ChainOutcomeInput, `step` the position). */
const OUTCOME_MAIL = 'chain_outcome';

/** How a task's mail came about (its key and wording depend on it). */
type TaskMailKind =
  | { kind: 'opened' }
  | { kind: 'reminder' }
  | { kind: 'nudge'; nudgeId: string; by: { name: string; role: { zh: string; en: string }; comment?: string } };

/** The audit event that is a nudge; the API writes it, the mail activity reads it. */
export const nudgeEventKey = (subjectId: string, nudgeId: string): string => `${subjectId}:nudge:${nudgeId}`;

/**
 * The task of `actorId` (the assignee decided for) is done, by `decidedById` when someone decided on their
 * behalf; when the step is decided (`stepDecided`), everyone else's is closed. One statement.
 */
export async function closeStepTasks(
  tx: Tx, i: { subjectId: string; round: number; step: string; actorId: string; decidedById?: string }, stepDecided = true,
): Promise<void> {
  await tx.$executeRaw(closeStepTasksSql(i, stepDecided));
}

/** closeStepTasks's statement (an UPDATE ending in its WHERE). */
export function closeStepTasksSql(i: { subjectId: string; round: number; step: string; actorId: string; decidedById?: string }, stepDecided: boolean): Prisma.Sql {
  const decidedBy = i.decidedById && i.decidedById !== i.actorId ? i.decidedById : null;
  return Prisma.sql`UPDATE "Task" SET status = CASE WHEN "assigneeId" = ${i.actorId} THEN 'done' ELSE 'closed' END, "closedAt" = now() AT TIME ZONE 'UTC',
      "decidedById" = CASE WHEN "assigneeId" = ${i.actorId} AND ${decidedBy}::text IS NOT NULL THEN ${decidedBy}::text ELSE "decidedById" END
    WHERE "subjectId" = ${i.subjectId} AND round = ${i.round} AND step = ${i.step} AND status = 'open' AND (${stepDecided}::boolean OR "assigneeId" = ${i.actorId})`;
}

/** The decision's fields that carry something, for the audit trail. */
function present<T extends Record<string, unknown>>(o: T): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
}
