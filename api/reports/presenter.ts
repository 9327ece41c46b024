import { periodLabel, REPORT_RULE, REPORT_TITLE, ReportKind, RULES } from '../../domain';
import type { ReportFigures } from '../../activities/report-figures';

interface ReportRow {
  id: string; kind: string; period: string; periodStart: Date; periodEnd: Date; dueAt: Date; status: string; late: boolean; escalation: number;
  responsibleOfficerId: string; recipients: string[]; submittedAt: Date | null; submittedById: string | null; submissionNote: string | null; openedAt: Date;
  runs: { seq: number; generatedAt: Date; pdfSha256: string; xlsxSha256: string; figures: unknown; requestedById: string | null }[];
}

/** A report as the API shows it: its rule (with the plan's wording), deadline, status, runs and the latest figures. */
export function presentReport(r: ReportRow, officers: { id: string; displayName: string }[], withFigures = false) {
  const kind = r.kind as ReportKind;
  const ruleId = REPORT_RULE[kind];
  const latest = r.runs[r.runs.length - 1];
  const base = `/api/reports/${kind}/${encodeURIComponent(r.period)}`;
  return {
    id: r.id, kind, period: r.period, ruleId, rule: RULES[ruleId].zh, title: REPORT_TITLE[kind],
    /** the period in words, or a transfer's document number and purpose */
    subject: (latest?.figures as ReportFigures | undefined)?.subject ?? periodLabel(kind, r.period),
    periodStart: r.periodStart.toISOString().slice(0, 10), periodEnd: r.periodEnd.toISOString().slice(0, 10),
    dueAt: r.dueAt, status: r.status, late: r.late, escalation: r.escalation,
    responsibleOfficer: { id: r.responsibleOfficerId, name: officers.find((o) => o.id === r.responsibleOfficerId)?.displayName ?? null },
    recipients: r.recipients, submittedAt: r.submittedAt, submittedById: r.submittedById, submissionNote: r.submissionNote, openedAt: r.openedAt,
    runs: r.runs.map((x) => ({ seq: x.seq, generatedAt: x.generatedAt, pdfSha256: x.pdfSha256, xlsxSha256: x.xlsxSha256, requestedById: x.requestedById, pdf: `${base}/runs/${x.seq}/pdf`, xlsx: `${base}/runs/${x.seq}/xlsx` })),
    key: latest ? (latest.figures as ReportFigures).key : {},
    ...(withFigures && latest ? { figures: latest.figures as ReportFigures } : {}),
  };
}
