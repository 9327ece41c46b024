import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden } from '../errors';
import { addDays, chinaTime, dateColumn, periodLabel, REPORT_RULE, REPORT_TITLE, ReportKind, RISK_KINDS, RiskKind } from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { transferSubject } from '../../activities/report-figures';

const ZDuties = z.object({ withinDays: z.coerce.number().int().min(1).max(366).optional(), mine: z.enum(['true', 'false']).optional() });

/** One open duty with its deadline, whatever its kind. */
export interface DutyItem { type: 'report' | 'transfer' | 'risk_event'; id: string; ruleId: string; title: string; dueAt: Date; late: boolean; responsibleId: string | null; link: string; keyUnit?: boolean }

/**
 * The duties list: every report not yet submitted, every transfer not yet passed on and every risk
 * event not yet reported, soonest deadline first; `withinDays` keeps those due by then (late ones always).
 */
export function dutiesListRouter({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/duties', async (req, res) => {
    const actor = actorOf(req);
    if (!seesAllUnits(actor)) throw forbidden('仅供财政局、县领导及审计查看 / for the bureau, leaders and auditors', 'wrong_role');
    const q = parse(ZDuties, req.query);
    const now = Date.now();
    const [reports, transfers, events] = await Promise.all([
      prisma.report.findMany({ where: { status: 'due' } }),
      prisma.transfer.findMany({ where: { status: 'open' } }),
      prisma.riskEvent.findMany({ where: { reportedAt: null } }),
    ]);
    // a transfer's report is named by its document, not by the transfer's id
    const keyUnits = new Set((await prisma.unit.findMany({ where: { monitored: true, id: { in: events.flatMap((e) => e.unitIds) } }, select: { id: true } })).map((u) => u.id));
    const reported = await prisma.transfer.findMany({ where: { id: { in: reports.filter((r) => r.kind === 'transfer').map((r) => r.period) } }, select: { id: true, documentNumber: true, purpose: true } });
    const subjectOf = (kind: ReportKind, period: string) => {
      const t = kind === 'transfer' ? reported.find((x) => x.id === period) : undefined;
      return t ? transferSubject(t) : periodLabel(kind, period);
    };
    const items: DutyItem[] = [
      ...reports.map((r) => ({
        type: 'report' as const, id: r.id, ruleId: REPORT_RULE[r.kind as ReportKind], title: `${REPORT_TITLE[r.kind as ReportKind].zh}（${subjectOf(r.kind as ReportKind, r.period)}）`,
        dueAt: r.dueAt, late: r.late || r.dueAt.getTime() < now, responsibleId: r.responsibleOfficerId, link: `/duties/reports/${r.kind}/${encodeURIComponent(r.period)}`,
      })),
      ...transfers.map((t) => {
        const dueAt = new Date(chinaTime(addDays(dateColumn(t.onwardDeadline), 1)));
        return { type: 'transfer' as const, id: t.id, ruleId: 'R-B7', title: `上级专项资金下达：${t.documentNumber}`, dueAt, late: t.late || dueAt.getTime() < now, responsibleId: t.responsibleOfficerId, link: `/duties/transfers/${t.id}` };
      }),
      ...events.map((e) => ({
        type: 'risk_event' as const, id: e.id, ruleId: 'R-M4', title: `风险事件上报：${e.number}（${RISK_KINDS[e.kind as RiskKind].zh}）`,
        dueAt: e.reportDueAt, late: e.reportLate || e.reportDueAt.getTime() < now, responsibleId: null, link: `/duties/risk-events/${e.id}`,
        keyUnit: e.unitIds.some((id) => keyUnits.has(id)),
      })),
    ]
      .filter((i) => !q.withinDays || i.late || i.dueAt.getTime() <= now + q.withinDays * 86_400_000)
      .filter((i) => q.mine !== 'true' || i.responsibleId === actor.userId || i.responsibleId === null)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    res.json({ items });
  });
  return router;
}
