import type { PrismaClient } from '../prisma/client';
import { DECISION_ACTIONS, DecisionAction } from '../domain';
import { DECISION_PEOPLE, onBehalfOfView } from './delegation/decision-people';
import { subjectConsultations } from './consultations/present';

type Label = { zh: string; en: string };

/**
 * The decisions, tasks and audit trail of one subject of a chain (a policy, a change of use), with
 * step names from `stepLabel`, for its page.
 */
export async function chainHistory(prisma: PrismaClient, subjectId: string, stepLabel: (step: string) => Label) {
  const [decisions, tasks, audit, consultations] = await Promise.all([
    prisma.decision.findMany({ where: { subjectId }, include: DECISION_PEOPLE, orderBy: { decidedAt: 'asc' } }),
    prisma.task.findMany({ where: { subjectId }, include: { assignee: true }, orderBy: { openedAt: 'asc' } }),
    prisma.auditEvent.findMany({ where: { subjectId }, orderBy: { id: 'asc' } }),
    subjectConsultations(prisma, subjectId),
  ]);
  return {
    consultations,
    decisions: decisions.map((d) => ({
      id: d.id, round: d.round, step: d.step, stepLabel: stepLabel(d.step), action: d.action,
      actionLabel: DECISION_ACTIONS[d.action as DecisionAction] ?? { zh: d.action, en: d.action },
      actorId: d.actorId, actorName: d.actor.displayName, actorRole: d.actorRole, comment: d.comment, decidedAt: d.decidedAt, ...onBehalfOfView(d),
      ...(d.meetingReference ? { meetingReference: d.meetingReference } : {}),
      ...(d.resolutionReference ? { resolutionReference: d.resolutionReference } : {}),
    })),
    tasks: tasks.map((t) => ({
      id: t.id, step: t.step, stepLabel: stepLabel(t.step), round: t.round, status: t.status, role: t.role,
      assigneeId: t.assigneeId, assigneeName: t.assignee.displayName, openedAt: t.openedAt, closedAt: t.closedAt,
    })),
    audit: audit.map((e) => ({ id: String(e.id), at: e.at, actorId: e.actorId, type: e.type, data: e.data })),
  };
}
