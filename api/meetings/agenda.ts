import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import { Prisma } from '../../prisma/client';
import { agendaSteps, chainDefinition, chainPositionLabel, SITTING_KINDS, SittingKind } from '../../domain';
import type { AuthedUser } from '../context';
import { AppError, conflict, FieldError } from '../errors';
import { loadAgendaSubjects } from './subjects';
import { itemActions } from './presenter';

type MeetingHead = { id: string; kind: string; number: string };

/** "subjectId:round:step": held by the one pending agenda line of a subject at a step. */
const openKeyOf = (subjectId: string, round: number, step: string) => `${subjectId}:${round}:${step}`;

/** Where each subject waits at a step this kind of sitting decides: its open task there (any assignee's). */
async function waitingAt(prisma: PrismaClient, kind: SittingKind, items: { subjectType: string; subjectId: string }[]) {
  const tasks = await prisma.task.findMany({
    where: { status: 'open', OR: items.map((i) => ({ subjectType: i.subjectType, subjectId: i.subjectId, step: { in: agendaSteps(chainDefinition(i.subjectType)!, kind) } })) },
    select: { subjectId: true, round: true, step: true },
  });
  return new Map(tasks.map((t) => [t.subjectId, t]));
}

/**
 * Puts subjects on a meeting's agenda at the step they wait at. All or nothing: every subject not
 * waiting at a step this sitting decides, or already on another open agenda, is refused (422, one
 * line per item naming it and why) and nothing is added. A subject already on this agenda is kept.
 */
export async function addToAgenda(prisma: PrismaClient, meeting: MeetingHead, items: { subjectType: string; subjectId: string }[]) {
  const kind = meeting.kind as SittingKind;
  const [subjects, waiting, held, existing] = await Promise.all([
    loadAgendaSubjects(prisma, items),
    waitingAt(prisma, kind, items),
    prisma.meetingItem.findMany({ where: { subjectId: { in: items.map((i) => i.subjectId) }, openKey: { not: null } }, include: { meeting: { select: { id: true, number: true } } } }),
    prisma.meetingItem.findMany({ where: { meetingId: meeting.id }, select: { subjectId: true, position: true } }),
  ]);
  const mine = new Set(existing.map((e) => e.subjectId));
  const fields: FieldError[] = [];
  const adding: { subjectType: string; subjectId: string; round: number; step: string }[] = [];
  items.forEach((item, i) => {
    const field = `items[${i}]`;
    const subject = subjects.get(item.subjectId);
    if (!subject) return void fields.push({ field, message: `未找到此事项 / no such ${item.subjectType} ${item.subjectId}` });
    if (mine.has(item.subjectId)) return;
    const at = waiting.get(item.subjectId);
    if (!at) {
      const steps = agendaSteps(chainDefinition(item.subjectType)!, kind).map((s) => chainPositionLabel(chainDefinition(item.subjectType)!, s).zh).join('、');
      return void fields.push({ field, message: `${subject.number} 当前不在${SITTING_KINDS[kind].zh}审议的环节（${steps || '无'}），不能列入议程 / ${subject.number} is not waiting at a step a ${SITTING_KINDS[kind].en} decides` });
    }
    const other = held.find((h) => h.openKey === openKeyOf(item.subjectId, at.round, at.step) && h.meetingId !== meeting.id);
    if (other) return void fields.push({ field, message: `${subject.number} 已列入${other.meeting.number}的议程，一个事项同时只能列入一次会议 / ${subject.number} is already on the agenda of ${other.meeting.number}` });
    if (!adding.some((a) => a.subjectId === item.subjectId)) adding.push({ ...item, ...at });
  });
  if (fields.length) {
    throw new AppError(422, 'not_for_agenda', `以下事项不能列入议程 / these items cannot go on the agenda: ${fields.map((f) => f.message).join('; ')}`, { fields });
  }
  let position = existing.reduce((max, e) => Math.max(max, e.position), 0);
  try {
    await prisma.meetingItem.createMany({
      data: adding.map((a) => ({ id: randomUUID(), meetingId: meeting.id, ...a, openKey: openKeyOf(a.subjectId, a.round, a.step), position: ++position })),
    });
  } catch (err) {
    // another agenda took one of them meanwhile
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw conflict('agenda_changed', '有事项刚被列入另一次会议的议程，请刷新后重试 / an item was just put on another agenda; reload and retry');
    throw err;
  }
}

/** Takes a pending item off the agenda (a decided one stays, as the record of what the sitting decided). */
export async function removeFromAgenda(prisma: PrismaClient, meetingId: string, itemId: string) {
  const removed = await prisma.meetingItem.deleteMany({ where: { id: itemId, meetingId, status: 'pending' } });
  if (removed.count === 0) throw conflict('item_not_pending', '只能移除尚未决定的议程事项 / only an undecided agenda item can be removed');
}

/**
 * What the actor may put on a sitting of `kind`: the subjects of their own open tasks at the steps it
 * decides, each with the agenda it is already on, if any.
 */
export async function pendingForAgenda(prisma: PrismaClient, actor: AuthedUser, kind: SittingKind) {
  const tasks = await prisma.task.findMany({
    where: {
      assigneeId: actor.userId, status: 'open',
      OR: ['budget', 'loan', 'policy'].map((type) => ({ subjectType: type, step: { in: agendaSteps(chainDefinition(type)!, kind) } })),
    },
    orderBy: { openedAt: 'asc' },
  });
  const [subjects, held] = await Promise.all([
    loadAgendaSubjects(prisma, tasks),
    prisma.meetingItem.findMany({ where: { openKey: { in: tasks.map((t) => openKeyOf(t.subjectId, t.round, t.step)) } }, include: { meeting: { select: { id: true, number: true } } } }),
  ]);
  return tasks.flatMap((t) => {
    const subject = subjects.get(t.subjectId);
    if (!subject) return [];
    const on = held.find((h) => h.subjectId === t.subjectId)?.meeting ?? null;
    return [{
      subjectType: t.subjectType, subjectId: t.subjectId, ...subject, round: t.round, step: t.step,
      stepLabel: chainPositionLabel(chainDefinition(t.subjectType)!, t.step), taskId: t.id, actions: itemActions(t.subjectType, t.step), onMeeting: on,
    }];
  });
}


