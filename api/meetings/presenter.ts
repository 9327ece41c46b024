import type { PrismaClient } from '../../prisma/client';
import { chainDefinition, chainPositionLabel, SITTING_KINDS, SittingKind } from '../../domain';
import type { AuthedUser } from '../context';
import { seesAllUnits } from '../budget-requests/visibility';
import { ATTACHMENT_LISTING } from '../records/attach-file';
import { loadAgendaSubjects } from './subjects';

export const MEETING_WITH_ITEMS = { items: { orderBy: { position: 'asc' } } } as const;
interface MeetingRow { id: string; kind: string; number: string; date: Date; attendees: string[]; minutesId: string | null; createdAt: Date }
interface ItemRow {
  id: string; subjectType: string; subjectId: string; round: number; step: string; status: string;
  action: string | null; comment: string | null; resolutionReference: string | null; decidedAt: Date | null;
}

/** The outcomes an item may get in the outcome form: its step's approve / reject / return, as its chain defines them. */
export function itemActions(subjectType: string, step: string) {
  const s = chainDefinition(subjectType)?.steps[step];
  return (['approve', 'reject', 'return'] as const).filter((a) => s?.actions[a]).map((a) => ({ action: a, requires: s!.actions[a]!.requires }));
}

export const presentMeetingHead = (m: MeetingRow) => ({
  id: m.id, kind: m.kind, kindLabel: { zh: SITTING_KINDS[m.kind as SittingKind].zh, en: SITTING_KINDS[m.kind as SittingKind].en },
  number: m.number, date: m.date.toISOString().slice(0, 10), attendees: m.attendees, createdAt: m.createdAt,
});

/**
 * A meeting with its minutes and agenda as `actor` may see it: every item for bureau-wide roles, a
 * clerk only their own unit's items (as on the request pages).
 */
export async function presentMeeting(prisma: PrismaClient, m: MeetingRow & { items: ItemRow[] }, actor: AuthedUser) {
  const [subjects, minutes] = await Promise.all([
    loadAgendaSubjects(prisma, m.items),
    m.minutesId ? prisma.attachment.findUnique({ where: { id: m.minutesId }, select: ATTACHMENT_LISTING }) : null,
  ]);
  const items = m.items.flatMap((i) => {
    const subject = subjects.get(i.subjectId);
    if (!subject || !(seesAllUnits(actor) || actor.unitId === subject.unitId)) return [];
    return [{
      id: i.id, subjectType: i.subjectType, subjectId: i.subjectId, ...subject, round: i.round, step: i.step,
      stepLabel: chainPositionLabel(chainDefinition(i.subjectType)!, i.step), status: i.status, actions: itemActions(i.subjectType, i.step),
      outcome: i.status === 'decided' ? { action: i.action, comment: i.comment, resolutionReference: i.resolutionReference, decidedAt: i.decidedAt } : null,
    }];
  });
  return { ...presentMeetingHead(m), minutes: minutes && { ...minutes, url: `/api/meetings/${m.id}/minutes` }, items };
}
