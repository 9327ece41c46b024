import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { BUREAU_STAFF, chinaDate, CHINA_WORKING_DAY_CALENDAR, DEFAULT_DUTY_SETTINGS, hasRole, periodPattern, REPORT_RULE, REPORT_TITLE, ReportKind, ScheduledReportKind, ZReportKind } from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { withWorkflowDeadline } from '../workflow-calls';
import { idempotency } from '../idempotency';
import { XLSX_TYPE } from '../workbook';
import { reportRunWorkflow, reportWorkflowId, submitReportUpdate, timingOf } from '../../workflows/reports';
import { presentReport } from './presenter';

const ZReportRef = z.object({ kind: ZReportKind, period: z.string().min(1).max(64) });
const ZList = z.object({ kind: ZReportKind.optional(), status: z.enum(['due', 'submitted', 'late']).optional() });
const ZSubmit = z.object({ note: z.string().max(2000).optional() });
const ZFile = z.object({ seq: z.union([z.literal('latest'), z.coerce.number().int().min(1)]), format: z.enum(['pdf', 'xlsx']) });

/** A scheduled report's period must look like one ('2026-10', '2026-Q3') and not lie in the future. */
function checkPeriod(kind: ReportKind, period: string, today: string): void {
  if (kind === 'transfer') return;
  if (!periodPattern(kind as ScheduledReportKind).test(period)) {
    throw badRequest([{ field: 'period', message: kind === 'execution' ? '季度格式为 YYYY-Qn / a quarter as YYYY-Qn' : '月份格式为 YYYY-MM / a month as YYYY-MM' }]);
  }
  const current = kind === 'execution' ? `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}` : today.slice(0, 7);
  if (period > current) throw badRequest([{ field: 'period', message: '不能为将来的期间出具报告 / a report cannot cover a future period' }]);
}

/**
 * The plan's reports (R-M1, R-B8, R-M2, R-B7 notices): list, read, download their immutable files,
 * run a period on demand (a new run from the stored data), and mark one submitted.
 */
export function reportsRouter({ prisma, temporal, taskQueue, duties = DEFAULT_DUTY_SETTINGS, workingDayCalendar = CHINA_WORKING_DAY_CALENDAR }: ApiDeps): Router {
  const router = Router();
  const assertReader = (req: Parameters<typeof actorOf>[0]) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('报告仅供财政局、县领导及审计查看 / reports are for the bureau, the leaders and auditors', 'wrong_role');
  };
  const findReport = async (kind: ReportKind, period: string) => {
    const report = await prisma.report.findUnique({ where: { kind_period: { kind, period } }, include: { runs: { select: { seq: true, generatedAt: true, pdfSha256: true, xlsxSha256: true, figures: true, requestedById: true }, orderBy: { seq: 'asc' } } } });
    if (!report) throw notFound(`${REPORT_TITLE[kind].zh}（${period}）/ the ${kind} report of ${period}`);
    return report;
  };

  router.get('/reports', async (req, res) => {
    assertReader(req);
    const q = parse(ZList, req.query);
    const reports = await prisma.report.findMany({
      where: { ...(q.kind ? { kind: q.kind } : {}), ...(q.status === 'late' ? { late: true } : q.status ? { status: q.status } : {}) },
      include: { runs: { select: { seq: true, generatedAt: true, pdfSha256: true, xlsxSha256: true, figures: true, requestedById: true }, orderBy: { seq: 'asc' } } },
      orderBy: [{ dueAt: 'desc' }], take: 200,
    });
    const officers = await prisma.user.findMany({ where: { id: { in: reports.map((r) => r.responsibleOfficerId) } }, select: { id: true, displayName: true } });
    res.json({ items: reports.map((r) => presentReport(r, officers)) });
  });

  router.get('/reports/:kind/:period', async (req, res) => {
    assertReader(req);
    const { kind, period } = parse(ZReportRef, req.params);
    const report = await findReport(kind, period);
    const officers = await prisma.user.findMany({ where: { id: report.responsibleOfficerId }, select: { id: true, displayName: true } });
    res.json({ report: presentReport(report, officers, true) });
  });

  router.get('/reports/:kind/:period/runs/:seq/:format', async (req, res) => {
    assertReader(req);
    const { kind, period } = parse(ZReportRef, req.params);
    const { seq, format } = parse(ZFile, req.params);
    const id = `${kind}:${period}`;
    const run = seq === 'latest'
      ? await prisma.reportRun.findFirst({ where: { reportId: id }, orderBy: { seq: 'desc' } })
      : await prisma.reportRun.findUnique({ where: { reportId_seq: { reportId: id, seq } } });
    if (!run) throw notFound(`报告文件 / the report file`);
    const body = Buffer.from(format === 'pdf' ? run.pdf : run.xlsx);
    const name = `${REPORT_RULE[kind]}-${period}-${run.seq}.${format}`;
    res.set('Content-Type', format === 'pdf' ? 'application/pdf' : XLSX_TYPE);
    res.set('Content-Disposition', `attachment; filename="${name}"`);
    res.set('X-Content-SHA256', format === 'pdf' ? run.pdfSha256 : run.xlsxSha256);
    res.send(body);
  });

  router.post('/reports/:kind/:period/runs', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    if (!hasRole(actor, 'finance_reviewer', 'finance_director')) throw forbidden('报告由财政局审核人或局长出具 / reports are run by the finance reviewer or director', 'wrong_role');
    const { kind, period } = parse(ZReportRef, req.params);
    if (kind === 'transfer') {
      const t = await prisma.transfer.findUnique({ where: { id: period } });
      if (!t?.large) throw badRequest([{ field: 'period', message: 'R-B7 报告仅适用于金额较大的上级专项资金 / an R-B7 report is for a large transfer only' }]);
    }
    checkPeriod(kind, period, chinaDate(Date.now()));
    const run = await withWorkflowDeadline(temporal, () => temporal.workflow.execute(reportRunWorkflow, {
      workflowId: `report-run-${kind}-${period}-${crypto.randomUUID()}`, taskQueue, args: [{ kind, period, requestedById: actor.userId, timing: timingOf(duties, workingDayCalendar) }],
    }));
    const report = await findReport(kind, period);
    const officers = await prisma.user.findMany({ where: { id: report.responsibleOfficerId }, select: { id: true, displayName: true } });
    res.status(201).json({ seq: run.seq, report: presentReport(report, officers, true) });
  });

  router.post('/reports/:kind/:period/submit', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const { kind, period } = parse(ZReportRef, req.params);
    const { note } = parse(ZSubmit, req.body ?? {});
    const report = await findReport(kind, period);
    // The workflow's validator decides; a caller who can never submit is told without asking Temporal.
    if (!hasRole(actor, ...BUREAU_STAFF)) throw forbidden('报告由责任人或财政局局长报送 / only the responsible officer or the finance director submits the report', 'wrong_role');
    if (report.status === 'submitted') throw conflict('already_submitted', '报告已报送 / the report is already submitted');
    const outcome = await withWorkflowDeadline(temporal, () => temporal.workflow.getHandle(reportWorkflowId(kind, period)).executeUpdate(submitReportUpdate, { args: [{ actor, note }] }));
    const after = await findReport(kind, period);
    const officers = await prisma.user.findMany({ where: { id: after.responsibleOfficerId }, select: { id: true, displayName: true } });
    res.json({ outcome, report: presentReport(after, officers, true) });
  });

  return router;
}
