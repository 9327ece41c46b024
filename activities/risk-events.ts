import { ApplicationFailure } from '@temporalio/common';
import { chinaDateTime, RISK_KINDS, RiskKind, RULES } from '../domain';
import { writeAudit } from './audit';
import { DutyDeps, mailEscalation, recordLateDuty, usersWithRoles } from './duty-people';
import { FAILURE_DECISION_REFUSED } from '../workflows/budget-messages';

export const riskEventLink = (id: string) => `/duties/risk-events/${id}`;

/** R-M4: the side effects of a risk event (保运转风险事件); each is idempotent. */
export function createRiskEventActivities(d: DutyDeps) {
  const { prisma, mailer, publicUrl, duties } = d;

  return {
    async readRiskEvent({ eventId }: { eventId: string }): Promise<{ eventId: string; reportDueAt: number; reported: boolean; closed: boolean }> {
      const e = await prisma.riskEvent.findUniqueOrThrow({ where: { id: eventId } });
      return { eventId, reportDueAt: e.reportDueAt.getTime(), reported: e.reportedAt !== null, closed: e.status === 'closed' };
    },

    /**
     * Marks the event reported (once) and e-mails the report to 县委县政府 (the principal leaders and the
     * leaders in charge) and, for kinds the province and prefecture must hear of, to 省州 finance.
     */
    async reportRiskEvent({ eventId, actorId, note, at }: { eventId: string; actorId: string; note: string; at: number }): Promise<{ late: boolean }> {
      await prisma.riskEvent.updateMany({ where: { id: eventId, reportedAt: null }, data: { reportedAt: new Date(at), reportedById: actorId, reportNote: note } });
      const e = await prisma.riskEvent.findUniqueOrThrow({ where: { id: eventId } });
      const late = e.reportedAt!.getTime() > e.reportDueAt.getTime();
      if (late && !e.reportLate) await prisma.riskEvent.update({ where: { id: eventId }, data: { reportLate: true } });
      const kind = RISK_KINDS[e.kind as RiskKind];
      const leaders = await usersWithRoles(prisma, ['leader_principal', 'leader_in_charge']);
      const recipients = [...leaders.map((u) => u.email), ...(kind.upper ? duties.reports.operations.recipients : [])];
      const units = await prisma.unit.findMany({ where: { id: { in: e.unitIds } }, select: { name: true } });
      for (const to of recipients) {
        await mailer.send({
          key: `risk:${eventId}:reported:${to}`, to,
          subject: `保运转风险事件报告 ${e.number}：${kind.zh} / Risk event report: ${kind.en}`,
          text: [
            `R-M4「${RULES['R-M4'].zh}」`, '',
            `发生时间 When: ${chinaDateTime(e.occurredAt.getTime())}`, `涉及单位 Units: ${units.map((u) => u.name).join('、') || '—'}`,
            `情况 What: ${e.description}`, `报告 Report: ${note}`, '', `${publicUrl}${riskEventLink(eventId)}`,
          ].join('\n'),
        });
      }
      await writeAudit(prisma, { eventKey: `risk:${eventId}:reported`, actorId, subjectType: 'risk_event', subjectId: eventId, data: { type: 'risk_event_reported', late, recipients } });
      return { late };
    },

    /** Not reported in time: flagged 从重问责 in the accountability records, the director and the principal leaders told. */
    async flagLateRiskReport({ eventId }: { eventId: string }): Promise<void> {
      const e = await prisma.riskEvent.findUniqueOrThrow({ where: { id: eventId } });
      if (e.reportedAt && e.reportedAt <= e.reportDueAt) return;
      const what = `风险事件 ${e.number}（${RISK_KINDS[e.kind as RiskKind].zh}）未按时上报`;
      await recordLateDuty(prisma, { subjectType: 'risk_event', subjectId: eventId, dueAt: e.reportDueAt, reason: what });
      await prisma.riskEvent.update({ where: { id: eventId }, data: { reportLate: true } });
      for (const level of [1, 2] as const) await mailEscalation(d, { key: `risk:${eventId}`, level, what, dueAt: e.reportDueAt, link: riskEventLink(eventId) });
    },

    /** Closes the event with the closing note (once). */
    async closeRiskEvent({ eventId, actorId, note, at }: { eventId: string; actorId: string; note: string; at: number }): Promise<void> {
      const e = await prisma.riskEvent.findUniqueOrThrow({ where: { id: eventId } });
      if (!e.reportedAt) throw ApplicationFailure.create({ type: FAILURE_DECISION_REFUSED, nonRetryable: true, message: 'not reported', details: [{ code: 'not_reported', status: 409, message: '风险事件须先上报再结案 / report the event before closing it' }] });
      await prisma.riskEvent.updateMany({ where: { id: eventId, status: 'open' }, data: { status: 'closed', closedAt: new Date(at), closedById: actorId, closingNote: note } });
      await writeAudit(prisma, { eventKey: `risk:${eventId}:closed`, actorId, subjectType: 'risk_event', subjectId: eventId, data: { type: 'risk_event_closed', note } });
    },
  };
}

export type RiskEventActivities = ReturnType<typeof createRiskEventActivities>;
