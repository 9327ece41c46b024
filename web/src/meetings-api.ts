/** What the meetings API answers (api/meetings): sittings, their minutes, agenda and the outcome form's results. */
import type { Label } from './api';

export type SittingKind = 'executive' | 'office' | 'npc_session';
export interface MeetingHead { id: string; kind: SittingKind; kindLabel: Label; number: string; date: string; attendees: string[]; createdAt: string }
export interface MeetingListItem extends MeetingHead { hasMinutes: boolean; itemCount: number; decidedCount: number }
export interface AgendaAction { action: 'approve' | 'reject' | 'return'; requires: string[] }
/** A subject as an agenda line shows it, whatever its chain. */
export interface AgendaSubject {
  subjectType: 'budget' | 'loan' | 'policy'; subjectId: string; number: string; title: string; amount: string; unitName: string; path: string;
  step: string; stepLabel: Label; actions: AgendaAction[];
}
export interface AgendaItem extends AgendaSubject {
  id: string; status: 'pending' | 'decided';
  outcome: { action: string; comment: string | null; resolutionReference: string | null; decidedAt: string } | null;
}
export interface PendingItem extends AgendaSubject { onMeeting: { id: string; number: string } | null }
export interface Meeting extends MeetingHead {
  minutes: { id: string; fileName: string; contentType: string; size: number; sha256: string; uploadedAt: string; url: string } | null;
  items: AgendaItem[];
}
export type ItemResult =
  | { itemId: string; number: string; status: 'decided'; action: string; outcome: { position: string; positionLabel: Label } }
  | { itemId: string; number: string; status: 'already_decided'; action: string }
  | { itemId: string; number: string; status: 'refused' | 'pending'; error: { status: number; code: string; message: string; field?: string } };

/** Which sittings a user keeps: the meeting secretary the government's meetings, the NPC liaison the standing committee's sessions. */
export const keptKinds = (has: (...roles: string[]) => boolean): SittingKind[] => [
  ...(has('meeting_secretary') ? ['executive', 'office'] as const : []),
  ...(has('npc_liaison') ? ['npc_session'] as const : []),
];

