import type { PrismaClient } from '../../prisma/client';
import { hashActionToken } from '../../activities/email-action-links';
import { BudgetPosition, LOAN_POSITIONS, LoanPosition, positionLabel, positionLabels } from '../../domain';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

/** What a link's task is about: a budget request or a loan (the task's subjectType says which). */
export type LinkSubject = Loaded['subject'];

/** What an e-mail link stands for now: decidable, or why not. */
export type EmailActionState =
  | { kind: 'forged' }
  | ({ kind: 'used' | 'expired' } & Loaded)
  | ({ kind: 'superseded'; reason: string } & Loaded)
  | ({ kind: 'valid' } & Loaded);

/** Looks a link token up by its hash and says whether it can still decide its task. Reads only. */
export async function resolveEmailAction(prisma: PrismaClient, token: string, now = new Date()): Promise<EmailActionState> {
  if (!TOKEN_SHAPE.test(token)) return { kind: 'forged' };
  const found = await load(prisma, hashActionToken(token));
  if (!found) return { kind: 'forged' };
  const { link, task } = found;
  if (link.usedAt) return { kind: 'used', ...found };
  if (link.expiresAt <= now) return { kind: 'expired', ...found };
  if (task.status !== 'open') {
    const reason = task.status === 'done'
      ? '您已办理过此任务。 / You have already decided this task.'
      : '此环节已办结，无需您再办理。 / This step has been completed; nothing is left for you to decide.';
    return { kind: 'superseded', reason, ...found };
  }
  const movedOn = movedOnReason(found.subject, task);
  if (movedOn) return { kind: 'superseded', reason: movedOn, ...found };
  return { kind: 'valid', ...found };
}

/** Why the task's subject is no longer where the task was opened, or undefined if it still is. */
function movedOnReason(subject: LinkSubject, task: { step: string; round: number }): string | undefined {
  if (subject.type === 'loan') {
    const { loan } = subject;
    if (loan.step === task.step) return undefined;
    return `借款已进入「${LOAN_POSITIONS[loan.step as LoanPosition]?.zh ?? loan.step}」。 / The loan has moved on to ${loan.step}.`;
  }
  const { request } = subject;
  if (request.step === task.step && request.round === task.round) return undefined;
  return `申请已进入「${positionLabel(request.step as BudgetPosition)}」（第${request.round}轮）。 / The request has moved on to ${positionLabels(request.step as BudgetPosition).en} (round ${request.round}).`;
}

async function load(prisma: PrismaClient, tokenHash: string) {
  const link = await prisma.emailActionToken.findUnique({ where: { tokenHash } });
  if (!link) return null;
  const task = await prisma.task.findUnique({ where: { id: link.taskId }, include: { assignee: true } });
  if (!task || task.assigneeId !== link.userId) return null;
  // Step names repeat across the two chains, so the subject type decides what the task is about.
  const subject = task.subjectType === 'loan'
    ? { type: 'loan' as const, loan: await prisma.loan.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } }) }
    : { type: 'budget' as const, request: await prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } }) };
  return { link, task, subject, tokenHash };
}

/**
 * Marks the link used, atomically: of two confirmations at once only one gets `true`. The caller
 * gives it back with `releaseEmailAction` if nothing was decided.
 */
export async function claimEmailAction(prisma: PrismaClient, tokenHash: string, at: Date): Promise<boolean> {
  const { count } = await prisma.emailActionToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
  return count === 1;
}

export async function releaseEmailAction(prisma: PrismaClient, tokenHash: string, at: Date): Promise<void> {
  await prisma.emailActionToken.updateMany({ where: { tokenHash, usedAt: at }, data: { usedAt: null } });
}
