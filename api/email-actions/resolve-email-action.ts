import type { PrismaClient } from '../../prisma/client';
import { hashActionToken } from '../../activities/email-action-links';
import { chainPositionLabel } from '../../domain';
import { ChainApi, chainApiOf } from '../approval/chains';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

/** What a link's task is about: its chain (the task's subjectType says which) and the subject's row. */
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
function movedOnReason({ chain, row }: LinkSubject, task: { step: string; round: number }): string | undefined {
  const now = chain.standing(row);
  if (now.position === task.step && (now.round === undefined || now.round === task.round)) return undefined;
  const label = chainPositionLabel(chain.definition, now.position);
  const round = now.round === undefined ? '' : `（第${now.round}轮）`;
  return `${chain.definition.subject.zh}已进入「${label.zh}」${round}。 / The ${chain.definition.subject.en} has moved on to ${label.en}${now.round === undefined ? '' : ` (round ${now.round})`}.`;
}

async function load(prisma: PrismaClient, tokenHash: string) {
  const link = await prisma.emailActionToken.findUnique({ where: { tokenHash } });
  if (!link) return null;
  const [task, linkUser] = await Promise.all([
    prisma.task.findUnique({ where: { id: link.taskId }, include: { assignee: true } }),
    prisma.user.findUnique({ where: { id: link.userId } }),
  ]);
  // The link's user is its assignee, or whoever acted for them when it was mailed (a hand-over's holder, a
  // substitute); the decide command checks they still may.
  if (!task || !linkUser) return null;
  // Step names repeat across chains, so the subject type decides what the task is about.
  const chain: ChainApi | undefined = chainApiOf(task.subjectType);
  if (!chain) return null;
  const subject = { chain, row: await chain.load(prisma, task.subjectId) };
  return { link, task, linkUser, subject, tokenHash };
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
