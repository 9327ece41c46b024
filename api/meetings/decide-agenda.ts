import type { ApiDeps, AuthedUser } from '../context';
import { chainDefinition, chainPositionLabel, ItemOutcome, sittingDecision } from '../../domain';
import { AppError, badRequest, fromWorkflowError } from '../errors';
import { decideTask } from '../tasks/decide-task';
import { loadAgendaSubjects } from './subjects';

type Deps = Pick<ApiDeps, 'prisma' | 'temporal'> & Partial<Pick<ApiDeps, 'updateDeadlineMs'>>;
type Meeting = { id: string; kind: string; number: string };

/** An item's answer in the outcome form. */
export type ItemResult =
  | { itemId: string; number: string; status: 'decided'; action: string; outcome: { position: string; positionLabel: { zh: string; en: string } } }
  | { itemId: string; number: string; status: 'already_decided'; action: string }
  | { itemId: string; number: string; status: 'refused' | 'pending'; error: { status: number; code: string; message: string; field?: string; violations?: unknown[] } };

/**
 * Records the outcome form of a sitting: each item is decided through its own workflow's `decide`
 * update by the same command as the inbox (decideTask), on the keeper's own task at the item's step,
 * with the meeting's kind and number (or the session's resolution) filled in. Items are independent:
 * a refusal is answered against its item and the others stay decided. A second submission decides
 * nothing twice: an item decided already answers so (decideTask itself replays a landed decision
 * whose answer was lost), the rest are tried.
 */
export async function decideAgenda(deps: Deps, actor: AuthedUser, meeting: Meeting, outcomes: ItemOutcome[]): Promise<ItemResult[]> {
  const { prisma } = deps;
  const items = await prisma.meetingItem.findMany({ where: { meetingId: meeting.id, id: { in: outcomes.map((o) => o.itemId) } } });
  const unknown = outcomes.map((o, i) => ({ o, i })).filter(({ o }) => !items.some((it) => it.id === o.itemId));
  if (unknown.length) throw badRequest(unknown.map(({ i }) => ({ field: `items[${i}].itemId`, message: '不在本次会议的议程上 / not on this meeting’s agenda' })));
  if (new Set(outcomes.map((o) => o.itemId)).size !== outcomes.length) throw badRequest([{ field: 'items', message: '同一事项只能填写一次 / each item once' }]);
  const subjects = await loadAgendaSubjects(prisma, items);

  return Promise.all(outcomes.map(async (o): Promise<ItemResult> => {
    const item = items.find((it) => it.id === o.itemId)!;
    const number = subjects.get(item.subjectId)?.number ?? item.subjectId;
    const def = chainDefinition(item.subjectType)!;
    const label = (position: string) => chainPositionLabel(def, position);
    if (item.status === 'decided') {
      return { itemId: item.id, number, status: 'already_decided', action: item.action! };
    }
    const refused = (e: AppError): ItemResult => ({
      itemId: item.id, number, status: e.status === 503 ? 'pending' : 'refused',
      error: { status: e.status, code: e.code, message: e.message, ...(e.details.field ? { field: e.details.field } : {}), ...(e.details.violations ? { violations: e.details.violations } : {}) },
    });
    const task = await prisma.task.findUnique({ where: { subjectId_round_step_assigneeId: { subjectId: item.subjectId, round: item.round, step: item.step, assigneeId: actor.userId } } });
    if (!task) {
      return refused(new AppError(422, 'no_task', `您没有 ${number} 在「${label(item.step).zh}」环节的待办任务，不能由本次会议决定 / you have no task for ${number} at ${label(item.step).en}`));
    }
    try {
      const decision = sittingDecision(meeting, o);
      const answer = await decideTask(deps, { actor, taskId: task.id, task, decision });
      await prisma.meetingItem.update({
        where: { id: item.id },
        data: { status: 'decided', openKey: null, action: o.action, comment: o.comment ?? null, resolutionReference: decision.resolutionReference ?? null, decidedAt: new Date() },
      });
      if (answer.replayed) return { itemId: item.id, number, status: 'already_decided', action: o.action };
      return { itemId: item.id, number, status: 'decided', action: o.action, outcome: { position: answer.outcome.position, positionLabel: label(answer.outcome.position) } };
    } catch (err) {
      const known = err instanceof AppError ? err : fromWorkflowError(err);
      if (!known) throw err;
      return refused(known);
    }
  }));
}
