import type { Prisma } from '../../prisma/client';

/** A task row with the people delegation names on it. */
export type HeldTaskRow = {
  assigneeId: string; assignee: { displayName: string };
  delegateId: string | null; delegate?: { displayName: string } | null; handedOverAt: Date | null;
};

export const HELD_TASK_INCLUDE = { assignee: { select: { displayName: true } }, delegate: { select: { displayName: true } } } as const;

/**
 * The tasks `viewerId` sees in the inbox: their own (unless handed over and still open), those handed
 * to them, those they decided for someone, and the open tasks of people they stand in for (`represented`).
 */
export function inboxWhere(viewerId: string, represented: string[]): Prisma.TaskWhereInput {
  return {
    OR: [
      { assigneeId: viewerId, OR: [{ delegateId: null }, { status: { not: 'open' } }] },
      { delegateId: viewerId },
      { decidedById: viewerId },
      ...(represented.length ? [{ assigneeId: { in: represented }, delegateId: null, status: 'open' }] : []),
    ],
  };
}

/** Whose task it is as `viewerId` sees it: "代 张三 办理" when they act for its assignee; where it was handed. */
export function delegationView(t: HeldTaskRow, viewerId: string) {
  return {
    assigneeName: t.assignee.displayName,
    ...(t.delegateId ? { handedOver: { toId: t.delegateId, toName: t.delegate?.displayName ?? t.delegateId, at: t.handedOverAt } } : {}),
    ...(t.assigneeId !== viewerId
      ? { onBehalfOf: { id: t.assigneeId, name: t.assignee.displayName, via: t.delegateId ? 'hand_over' as const : 'absence' as const } }
      : {}),
  };
}
