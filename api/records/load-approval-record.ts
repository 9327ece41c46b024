import { Prisma, type PrismaClient } from '../../prisma/client';
import { directSql } from '../../prisma/direct-sql';
import {
  ASSESSMENT_OUTCOMES, BUDGET_CATEGORIES, BUDGET_STEPS, BUDGET_TERMINALS, changeOfUsePositionLabel, chineseAmount, LOAN_POSITIONS, LOAN_PURPOSES, normalizeYuan,
  policyPositionLabel, type AuditEventData,
} from '../../domain';
import type { ApprovalRecord } from '../../documents/approval-form';
import { chinaTimeText } from '../../documents/approval-form';
import { readSubjectChain } from '../../activities/audit-chain';
import type { ReadableSubject, SubjectKind } from './readable-subject';

const label = (map: Record<string, { zh: string }>, key: string): string => map[key]?.zh ?? key;
const yuanText = (amount: { toString(): string }): string => `${normalizeYuan(amount)} 元（${chineseAmount(normalizeYuan(amount))}）`;

/**
 * Everything the 审批单 prints about one request, loan, policy or change of use, read from the records
 * and the audit trail. On the pg pool (prisma/direct-sql.ts): every chain's outcome mail carries one.
 */
export async function loadApprovalRecord(prisma: PrismaClient, subject: ReadableSubject, now: Date): Promise<ApprovalRecord> {
  const [trail, attachments, main] = await Promise.all([
    readSubjectChain(prisma, subject.kind, subject.id),
    directSql<ApprovalRecord['attachments'][number]>(prisma, Prisma.sql`
      SELECT a."fileName", a."contentType", a.size, a.sha256, a."uploadedAt" AT TIME ZONE 'UTC' AS "uploadedAt", a.comment, u."displayName" AS "uploadedBy"
      FROM "Attachment" a JOIN "User" u ON u.id = a."uploadedById" WHERE a."subjectType" = ${subject.kind} AND a."subjectId" = ${subject.id} ORDER BY a."uploadedAt"`),
    FACTS[subject.kind](prisma, subject.id),
  ]);
  const { events } = trail;
  const userIds = [...new Set([...events.map((e) => e.actorId), ...main.userIds].filter((id): id is string => !!id))];
  // the meetings its decisions name, so the form prints when each sat
  const references = events.map((e) => (e.data as { meetingReference?: string }).meetingReference).filter((r): r is string => !!r);
  const [users, meetings] = await Promise.all([
    directSql<{ id: string; displayName: string }>(prisma, Prisma.sql`SELECT id, "displayName" FROM "User" WHERE id = ANY(${userIds}::text[])`),
    references.length ? directSql<{ number: string; date: string }>(prisma, Prisma.sql`SELECT number, to_char(date, 'YYYY-MM-DD') AS date FROM "Meeting" WHERE number = ANY(${references}::text[])`) : [],
  ]);
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const name = (id: string | null) => (id ? names.get(id) ?? id : null);
  return {
    kind: subject.kind,
    number: subject.number,
    facts: main.facts,
    rounds: main.rounds.map((r) => ({ ...r, by: name(r.by) ?? '—' })),
    events: events.map((e) => ({ seq: e.seq, at: e.at, actorName: name(e.actorId), data: e.data as AuditEventData })),
    attachments,
    chain: trail.verdict,
    meetingDates: Object.fromEntries(meetings.map((m) => [m.number, m.date])),
    printedAt: now,
  };
}

async function budgetFacts(prisma: PrismaClient, id: string) {
  const [r] = await directSql<{
    number: string; unitName: string; amount: string; category: string; purpose: string; fiscalYear: number; status: string; step: string; round: number;
    createdAt: Date; createdById: string; rounds: { round: number; submittedAt: string; submittedBy: string; content: unknown }[];
  }>(prisma, Prisma.sql`
    SELECT r.number, u.name AS "unitName", r.amount::text AS amount, r.category, r.purpose, r."fiscalYear", r.status, r.step, r.round,
      r."createdAt" AT TIME ZONE 'UTC' AS "createdAt", r."createdById",
      (SELECT coalesce(json_agg(json_build_object('round', x.round, 'submittedAt', to_char(x."submittedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'submittedBy', x."submittedBy", 'content', x.content) ORDER BY x.round), '[]'::json)
        FROM "BudgetRound" x WHERE x."requestId" = r.id) AS rounds
    FROM "BudgetRequest" r JOIN "Unit" u ON u.id = r."unitId" WHERE r.id = ${id}`);
  if (!r) throw new Error(`no budget request ${id}`);
  return {
    userIds: [r.createdById, ...r.rounds.map((x) => x.submittedBy)],
    facts: [
      { label: '申请单位', value: r.unitName },
      { label: '金额', value: yuanText(r.amount) },
      { label: '类别', value: label(BUDGET_CATEGORIES, r.category) },
      { label: '用途', value: r.purpose },
      { label: '预算年度', value: String(r.fiscalYear) },
      { label: '状态', value: `${label({ ...BUDGET_STEPS, ...BUDGET_TERMINALS }, r.status === 'in_review' || r.status === 'returned' ? r.step : r.status)}（第 ${r.round} 轮）` },
      { label: '提交时间', value: chinaTimeText(r.createdAt) },
    ],
    rounds: r.rounds.map((x) => {
      const c = x.content as { amount?: string; purpose?: string; justification?: string; category?: string };
      return { round: x.round, submittedAt: new Date(x.submittedAt), by: x.submittedBy, summary: [c.amount && `金额 ${c.amount} 元`, c.category && label(BUDGET_CATEGORIES, c.category), c.purpose, c.justification].filter(Boolean).join('；') };
    }),
  };
}

async function loanFacts(prisma: PrismaClient, id: string) {
  const l = await prisma.loan.findUniqueOrThrow({ where: { id }, include: { unit: true } });
  return {
    userIds: [l.createdById, l.responsibleOfficerId],
    facts: [
      { label: '借款单位', value: l.unit.name },
      { label: '金额', value: yuanText(l.amount) },
      { label: '借款性质', value: label(LOAN_PURPOSES, l.purpose) },
      { label: '用途说明', value: l.purposeDetails },
      { label: '还款来源', value: l.repaymentSource },
      { label: '未还余额', value: `${normalizeYuan(l.outstanding)} 元` },
      { label: '状态', value: label(LOAN_POSITIONS, l.step) },
      { label: '提交时间', value: chinaTimeText(l.createdAt) },
    ],
    rounds: [{ round: 1, submittedAt: l.createdAt, by: l.createdById, summary: `金额 ${normalizeYuan(l.amount)} 元；${l.purposeDetails}；还款来源：${l.repaymentSource}` }],
  };
}

async function policyFacts(prisma: PrismaClient, id: string) {
  const p = await prisma.policy.findUniqueOrThrow({ where: { id }, include: { unit: true } });
  return {
    userIds: [p.createdById],
    facts: [
      { label: '政策名称', value: p.title },
      { label: '起草单位', value: p.unit.name },
      { label: '每年所需经费', value: yuanText(p.yearlyCost) },
      { label: '政策内容', value: p.summary },
      ...(p.scope ? [{ label: '实施范围', value: p.scope }] : []),
      { label: '预算年度', value: String(p.fiscalYear) },
      ...(p.assessmentOutcome ? [{ label: '可承受能力评估', value: [label(ASSESSMENT_OUTCOMES, p.assessmentOutcome), p.assessmentReference, p.assessmentNote].filter(Boolean).join('；') }] : []),
      ...(p.meetingReference ? [{ label: '常务会议', value: p.meetingReference }] : []),
      ...(p.filingReference ? [{ label: '上级政府备案文号', value: [p.filingReference, p.filingAuthority].filter(Boolean).join('；') }] : []),
      { label: '状态', value: policyPositionLabel(p.status === 'in_review' ? p.step : p.status).zh },
      { label: '报送时间', value: chinaTimeText(p.createdAt) },
    ],
    rounds: [{ round: 1, submittedAt: p.createdAt, by: p.createdById, summary: `${p.title}；每年所需经费 ${normalizeYuan(p.yearlyCost)} 元；${p.summary}` }],
  };
}

async function changeOfUseFacts(prisma: PrismaClient, id: string) {
  const c = await prisma.changeOfUseRequest.findUniqueOrThrow({ where: { id }, include: { unit: true } });
  const from = `${c.fromUse}（${label(BUDGET_CATEGORIES, c.fromCategory)}）`;
  const to = `${c.toUse}（${label(BUDGET_CATEGORIES, c.toCategory)}）`;
  return {
    userIds: [c.createdById],
    facts: [
      { label: '申请单位', value: c.unit.name },
      { label: '调剂金额', value: yuanText(c.amount) },
      { label: '调出', value: from },
      { label: '调入', value: to },
      { label: '调剂理由', value: c.reason },
      { label: '预算年度', value: String(c.fiscalYear) },
      ...(c.meetingReference ? [{ label: '常务会议', value: c.meetingReference }] : []),
      { label: '状态', value: changeOfUsePositionLabel(c.status === 'in_review' ? c.step : c.status).zh },
      { label: '提交时间', value: chinaTimeText(c.createdAt) },
    ],
    rounds: [{ round: 1, submittedAt: c.createdAt, by: c.createdById, summary: `金额 ${normalizeYuan(c.amount)} 元；由 ${from} 调入 ${to}；${c.reason}` }],
  };
}

type Facts = { userIds: (string | null)[]; facts: ApprovalRecord['facts']; rounds: { round: number; submittedAt: Date; by: string; summary: string }[] };
const FACTS: Record<SubjectKind, (prisma: PrismaClient, id: string) => Promise<Facts>> = {
  budget: budgetFacts, loan: loanFacts, policy: policyFacts, change_of_use: changeOfUseFacts,
};
