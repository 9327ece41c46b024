import { ApplicationFailure } from '@temporalio/common';
import {
  addDays, chinaDate, CHINA_WORKING_DAY_CALENDAR, dateColumn, chinaDateTime, periodBounds, REPORT_RULE, REPORT_TITLE, reportDueAt, ReportKind, toDateColumn,
} from '../domain';
import { writeAudit } from './audit';
import { gatherReportFigures, reportRuleLine, type ReportFigures } from './report-figures';
import { renderReportPdf, renderReportWorkbook, sha256 } from './report-files';
import { DutyDeps, mailEscalation, recordLateDuty, responsibleOfficer, usersWithRoles } from './duty-people';
import { FAILURE_DECISION_REFUSED } from '../workflows/budget-messages';

export const reportId = (kind: ReportKind, period: string) => `${kind}:${period}`;
const reportLink = (kind: ReportKind, period: string) => `/reports/${kind}/${encodeURIComponent(period)}`;

/** What the report's workflow needs to know to watch its deadline. */
export interface OpenedReport { reportId: string; dueAt: number; status: string; responsibleOfficerId: string }

/** The side effects of the reports (R-M1, R-B8, R-M2, R-B7 notices); each is idempotent. */
export function createReportActivities(d: DutyDeps) {
  const { prisma, mailer, publicUrl, duties } = d;
  // a deadline in working days is counted in the configured calendar, here where the due instant is fixed once
  const calendar = d.workingDayCalendar ?? CHINA_WORKING_DAY_CALENDAR;
  /** The report's title as its files print it (a transfer's by its document number, not its id). */
  const titleOf = async (id: string): Promise<string> => {
    const run = await prisma.reportRun.findFirst({ where: { reportId: id }, orderBy: { seq: 'desc' }, select: { figures: true } });
    return (run?.figures as ReportFigures | undefined)?.title ?? id;
  };

  /** Gathers the figures, renders both files and stores them as run `runId` (a retry finds the run it wrote). */
  async function generate(kind: ReportKind, period: string, runId: string, requestedById: string | null): Promise<{ seq: number; figures: ReportFigures }> {
    const done = await prisma.reportRun.findUnique({ where: { id: runId } });
    if (done) return { seq: done.seq, figures: done.figures as unknown as ReportFigures };
    const figures = await gatherReportFigures(prisma, kind, period);
    const [pdf, xlsx] = await Promise.all([renderReportPdf(figures), renderReportWorkbook(figures)]);
    const id = reportId(kind, period);
    const seq = await prisma.$transaction(async (tx) => {
      // One run at a time per report: the row lock orders concurrent runs of the same period.
      await tx.$queryRaw`SELECT id FROM "Report" WHERE id = ${id} FOR UPDATE`;
      const last = await tx.reportRun.findFirst({ where: { reportId: id }, orderBy: { seq: 'desc' } });
      const n = (last?.seq ?? 0) + 1;
      await tx.reportRun.create({
        data: { id: runId, reportId: id, seq: n, figures: figures as object, pdf: new Uint8Array(pdf), pdfSha256: sha256(pdf), xlsx: new Uint8Array(xlsx), xlsxSha256: sha256(xlsx), requestedById },
      });
      await writeAudit(tx, {
        eventKey: `report-run:${runId}`, actorId: requestedById, subjectType: 'report', subjectId: id,
        data: { type: 'report_generated', kind, period, seq: n, pdfSha256: sha256(pdf), xlsxSha256: sha256(xlsx) },
      });
      return n;
    });
    return { seq, figures };
  }

  return {
    /**
     * Opens the duty for a period once: its deadline (the period's, or `dueDays` from today when a past
     * period is opened by hand after its deadline), the responsible officer, the recipients; writes the
     * first run if there is none and mails the officer the "review and submit" task.
     */
    async openReport({ kind, period, workflowId, now }: { kind: ReportKind; period: string; workflowId: string; now: number }): Promise<OpenedReport> {
      const id = reportId(kind, period);
      const existing = await prisma.report.findUnique({ where: { id } });
      if (!existing) {
        const setting = duties.reports[kind];
        let periodStart: string;
        let periodEnd: string;
        let dueAt: number;
        if (kind === 'transfer') {
          const t = await prisma.transfer.findUniqueOrThrow({ where: { id: period } });
          periodStart = dateColumn(t.receivedOn);
          periodEnd = addDays(periodStart, 1);
          dueAt = reportDueAt(periodStart, setting.dueDays, calendar);
        } else {
          const f = periodBounds(kind, period);
          periodStart = f.start;
          periodEnd = f.end;
          dueAt = reportDueAt(periodEnd, setting.dueDays, calendar);
          if (dueAt < now) dueAt = reportDueAt(chinaDate(now), setting.dueDays, calendar);
        }
        const officer = await responsibleOfficer(prisma, duties);
        const roleUsers = await usersWithRoles(prisma, setting.recipientRoles);
        const recipients = [...new Set([...roleUsers.map((u) => u.email), ...setting.recipients])];
        await prisma.$transaction(async (tx) => {
          await tx.report.createMany({
            data: [{ id, kind, period, periodStart: toDateColumn(periodStart), periodEnd: toDateColumn(periodEnd), dueAt: new Date(dueAt), responsibleOfficerId: officer.id, recipients, status: 'due', workflowId }],
            skipDuplicates: true,
          });
          await writeAudit(tx, {
            eventKey: `report:${id}:opened`, subjectType: 'report', subjectId: id,
            data: { type: 'report_opened', kind, period, dueAt: new Date(dueAt).toISOString(), responsibleOfficerId: officer.id },
          });
        });
      }
      const report = await prisma.report.findUniqueOrThrow({ where: { id } });
      if (!(await prisma.reportRun.findFirst({ where: { reportId: id } }))) await generate(kind, period, `${id}:first`, null);
      if (report.status === 'due') {
        const officer = await prisma.user.findUniqueOrThrow({ where: { id: report.responsibleOfficerId } });
        await mailer.send({
          key: `report:${id}:opened:${officer.id}`, to: officer.email,
          subject: `待审核报送：${await titleOf(id)}，${chinaDateTime(report.dueAt.getTime())} 前 / Review and submit by the deadline`,
          text: [
            reportRuleLine({ ruleId: REPORT_RULE[kind] }), '',
            `报告已生成（PDF 与 Excel），请核对数字后于 ${chinaDateTime(report.dueAt.getTime())}（北京时间）前报送并在系统中标记为已报送。`,
            `The report has been generated (PDF and Excel). Check its figures, send it and mark it submitted by ${chinaDateTime(report.dueAt.getTime())} (China time).`,
            '', `${publicUrl}${reportLink(kind, period)}`,
          ].join('\n'),
        });
      }
      return { reportId: id, dueAt: report.dueAt.getTime(), status: report.status, responsibleOfficerId: report.responsibleOfficerId };
    },

    /** Writes one more run of a period (on demand): the figures again from the stored data, new files, a new SHA-256. */
    async generateReportRun({ kind, period, runId, requestedById }: { kind: ReportKind; period: string; runId: string; requestedById: string | null }): Promise<{ seq: number }> {
      const id = reportId(kind, period);
      if (!(await prisma.report.findUnique({ where: { id } }))) return { seq: 0 }; // the duty's own opening writes the first run
      return { seq: (await generate(kind, period, runId, requestedById)).seq };
    },

    /** Reminds the responsible officer before the deadline (once per report). */
    async remindReport({ reportId: id }: { reportId: string }): Promise<void> {
      const r = await prisma.report.findUniqueOrThrow({ where: { id } });
      if (r.status !== 'due') return;
      const officer = await prisma.user.findUniqueOrThrow({ where: { id: r.responsibleOfficerId } });
      await mailer.send({
        key: `report:${id}:remind:${officer.id}`, to: officer.email,
        subject: `提醒：${await titleOf(id)} 将于 ${chinaDateTime(r.dueAt.getTime())} 到期 / Reminder: a report is due soon`,
        text: `${reportRuleLine({ ruleId: REPORT_RULE[r.kind as ReportKind] })}\n\n${publicUrl}${reportLink(r.kind as ReportKind, r.period)}`,
      });
    },

    /** A report not submitted by its deadline: level 1 marks it late (R-M4 record) and tells the director; level 2 the principal leaders. */
    async escalateReport({ reportId: id, level }: { reportId: string; level: 1 | 2 }): Promise<void> {
      const r = await prisma.report.findUniqueOrThrow({ where: { id } });
      if (r.status !== 'due') return;
      const what = await titleOf(id);
      if (level === 1) await recordLateDuty(prisma, { subjectType: 'report', subjectId: id, dueAt: r.dueAt, reason: `${what} 逾期未报送` });
      await prisma.report.updateMany({ where: { id, escalation: { lt: level } }, data: { escalation: level, late: true } });
      const recipients = await mailEscalation(d, { key: `report:${id}`, level, what, dueAt: r.dueAt, link: reportLink(r.kind as ReportKind, r.period) });
      await writeAudit(prisma, { eventKey: `report:${id}:escalated:${level}`, subjectType: 'report', subjectId: id, data: { type: 'duty_escalated', duty: what, level, recipients } });
    },

    /**
     * Marks the report submitted (once: a second submission is refused) and e-mails its recipients the
     * headline figures, the files' SHA-256 and the link to them.
     */
    async submitReport({ reportId: id, actorId, note, at }: { reportId: string; actorId: string; note?: string; at: number }): Promise<{ late: boolean }> {
      const claimed = await prisma.report.updateMany({ where: { id, status: 'due' }, data: { status: 'submitted', submittedAt: new Date(at), submittedById: actorId, submissionNote: note ?? null } });
      const r = await prisma.report.findUniqueOrThrow({ where: { id } });
      if (claimed.count === 0 && r.submittedById !== actorId) {
        throw ApplicationFailure.create({ type: FAILURE_DECISION_REFUSED, nonRetryable: true, message: '报告已报送 / already submitted', details: [{ code: 'already_submitted', status: 409, message: '报告已报送 / the report is already submitted' }] });
      }
      const late = r.submittedAt!.getTime() > r.dueAt.getTime();
      const run = await prisma.reportRun.findFirstOrThrow({ where: { reportId: id }, orderBy: { seq: 'desc' } });
      const f = run.figures as unknown as ReportFigures;
      const what = f.title;
      for (const to of r.recipients) {
        await mailer.send({
          key: `report:${id}:submitted:${to}`, to,
          subject: `${what} / ${REPORT_TITLE[r.kind as ReportKind].en}`,
          text: [
            reportRuleLine(f), `报送：${f.addressee}`, '',
            ...f.facts.map((x) => `${x.label}：${x.value}${x.money ? ' 元' : ''}`), '',
            `PDF SHA-256: ${run.pdfSha256}`, `Excel SHA-256: ${run.xlsxSha256}`,
            r.submissionNote ? `\n说明 Note: ${r.submissionNote}` : '',
            '', `${publicUrl}${reportLink(r.kind as ReportKind, r.period)}`,
          ].join('\n'),
        });
      }
      await writeAudit(prisma, { eventKey: `report:${id}:submitted`, actorId, subjectType: 'report', subjectId: id, data: { type: 'report_submitted', kind: r.kind, period: r.period, late, recipients: r.recipients } });
      return { late };
    },
  };
}

export type ReportActivities = ReturnType<typeof createReportActivities>;
