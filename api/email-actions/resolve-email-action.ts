import type { PrismaClient } from '../../prisma/client';
import { hashActionToken } from '../../activities/email-action-links';
import { positionLabel, BudgetPosition } from '../../domain';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

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
  const { link, task, request } = found;
  if (link.usedAt) return { kind: 'used', ...found };
  if (link.expiresAt <= now) return { kind: 'expired', ...found };
  if (task.status !== 'open') {
    const reason = task.status === 'done'
      ? '您已办理过此任务。 / You have already decided this task.'
      : '此环节已办结，无需您再办理。 / This step has been completed; nothing is left for you to decide.';
    return { kind: 'superseded', reason, ...found };
  }
  if (request.step !== task.step || request.round !== task.round) {
    const label = positionLabel(request.step as BudgetPosition);
    return { kind: 'superseded', reason: `申请已进入「${label}」（第${request.round}轮）。 / The request has moved on to ${request.step} (round ${request.round}).`, ...found };
  }
  return { kind: 'valid', ...found };
}

async function load(prisma: PrismaClient, tokenHash: string) {
  const link = await prisma.emailActionToken.findUnique({ where: { tokenHash } });
  if (!link) return null;
  const task = await prisma.task.findUnique({ where: { id: link.taskId }, include: { assignee: true } });
  if (!task || task.assigneeId !== link.userId) return null;
  const request = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: task.subjectId }, include: { unit: true } });
  return { link, task, request, tokenHash };
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
