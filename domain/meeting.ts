import { z } from 'zod';
import type { ChainDefinition } from './approval/definition';
import { ZDecisionInput, type DecisionInput } from './approval/decision';
import type { Role } from './roles';
import { ZIsoDate } from './china-calendar';
import { zText } from './text';

/**
 * A sitting that decides an agenda in one pass (issue 12 item 5): the county government's executive
 * (常务会议) or office (办公会议) meeting, kept by the meeting secretary, or a session of the NPC standing
 * committee (人大常委会会议), kept by the NPC liaison.
 */
export const SITTING_KINDS = {
  executive: { zh: '县政府常务会议', en: 'Executive meeting', role: 'meeting_secretary' },
  office: { zh: '县政府办公会议', en: 'Office meeting', role: 'meeting_secretary' },
  npc_session: { zh: '县人大常委会会议', en: 'NPC standing-committee session', role: 'npc_liaison' },
} as const satisfies Record<string, { zh: string; en: string; role: Role }>;
export type SittingKind = keyof typeof SITTING_KINDS;
export const ZSittingKind = z.enum(Object.keys(SITTING_KINDS) as [SittingKind, ...SittingKind[]]);

/**
 * The steps of a chain a sitting of `kind` decides: a meeting decides the steps that record a meeting
 * (they name `meetingKinds`; which kind each accepts is the step's own check, R-L6); a session decides
 * the NPC liaison's steps.
 */
export function agendaSteps(def: ChainDefinition, kind: SittingKind): string[] {
  return Object.entries(def.steps)
    .filter(([, s]) => (kind === 'npc_session' ? s.roles.includes('npc_liaison') : s.meetingKinds !== undefined) && Object.keys(s.actions).length > 0)
    .map(([name]) => name);
}

export const ZCreateMeeting = z.object({
  kind: ZSittingKind,
  number: zText({ min: 2, max: 200, minMessage: '请填写会议名称/文号，如“县政府第12次常务会议” / give the meeting number' }),
  /** the day it sits, a China date */
  date: ZIsoDate,
  attendees: z.array(zText({ min: 1, max: 100 })).min(1, '请填写出席人员 / name the attendees').max(200),
});
export type CreateMeeting = z.infer<typeof ZCreateMeeting>;

export const ZAgendaItems = z.object({
  items: z.array(z.object({ subjectType: z.enum(['budget', 'loan', 'policy']), subjectId: z.string().min(1).max(100) })).min(1).max(100),
});

/** One line of the outcome form: the item and what the sitting decided on it. */
export const ZItemOutcome = z.object({
  itemId: z.string().min(1).max(100),
  action: z.enum(['approve', 'reject', 'return']),
  comment: ZDecisionInput.shape.comment,
  /** the NPC session's resolution on the item (e.g. 县人大常委会〔2026〕8号批复) */
  resolutionReference: ZDecisionInput.shape.resolutionReference,
});
export const ZMeetingOutcomes = z.object({ items: z.array(ZItemOutcome).min(1).max(100) });
export type ItemOutcome = z.infer<typeof ZItemOutcome>;

/** The decision an item's outcome is on its own chain: the meeting's kind and number, or the session's resolution. */
export function sittingDecision(meeting: { kind: string; number: string }, o: ItemOutcome): DecisionInput {
  const base = { action: o.action, ...(o.comment ? { comment: o.comment } : {}) };
  if (meeting.kind === 'npc_session') return { ...base, ...(o.resolutionReference ? { resolutionReference: o.resolutionReference } : {}) };
  return { ...base, meetingKind: meeting.kind as 'executive' | 'office', meetingReference: meeting.number };
}
