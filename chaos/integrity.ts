/**
 * The chaos run's verdict, read from the database and Temporal after every chain was driven to its
 * end: what the clients were told happened must be there exactly once, every row must have its
 * workflow, and nothing may be left open.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PrismaClient } from '../prisma/client';
import type { Tally } from './drive';

export interface Integrity {
  lost: number;
  doubled: number;
  orphaned: number;
  wedged: number;
  details: string[];
}

/** The county's R-L8 position, to compare before and after (every chaos loan is repaid in full). */
export const readPositions = (prisma: PrismaClient) =>
  prisma.$queryRaw<{ id: string; outstanding: string; reserved: string }[]>`SELECT id, outstanding::text, reserved::text FROM "AdvancesPosition" ORDER BY id`;

export async function checkIntegrity(prisma: PrismaClient, temporal: Client, tally: Tally, positionsBefore: Awaited<ReturnType<typeof readPositions>>): Promise<Integrity> {
  const details: string[] = [];
  let lost = 0; let doubled = 0; let orphaned = 0; let wedged = 0;
  const note = (what: string) => { if (details.length < 40) details.push(what); };

  // Requests: one row per Idempotency-Key the clients were answered for, none extra.
  const [requests, loans] = await Promise.all([prisma.budgetRequest.findMany(), prisma.loan.findMany()]);
  const rowIds = new Set([...requests.map((r) => r.id), ...loans.map((l) => l.id)]);
  for (const [key, id] of tally.filed) if (!rowIds.has(id)) { lost++; note(`filing ${key} answered ${id}, no such row`); }
  const answered = new Set(tally.filed.values());
  for (const id of rowIds) if (!answered.has(id)) { doubled++; note(`row ${id} was never answered to a client (a second filing?)`); }

  // Decisions the clients were told of are recorded, and each (subject, round, step, actor) once in the audit trail.
  const tasks = await prisma.task.findMany();
  const decisions = await prisma.decision.findMany();
  const decisionKey = (d: { subjectId: string; round: number; step: string; actorId: string }) => `${d.subjectId}|${d.round}|${d.step}|${d.actorId}`;
  const decided = new Set(decisions.map(decisionKey));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  for (const [taskId, action] of tally.decided) {
    const t = taskById.get(taskId);
    if (!t || !decided.has(decisionKey({ ...t, actorId: t.assigneeId }))) { lost++; note(`decision ${action} on task ${taskId} answered 200, not recorded`); }
  }
  const audit = await prisma.auditEvent.findMany({ where: { type: { in: ['decision_recorded', 'request_submitted', 'loan_applied', 'loan_disbursed', 'repayment_recorded'] } } });
  const count = new Map<string, number>();
  for (const e of audit) {
    const d = e.data as Record<string, unknown>;
    const k = e.type === 'decision_recorded' ? `${e.subjectId}|${d.round}|${d.step}|${e.actorId}` : `${e.subjectId}|${e.type}|${d.paymentId ?? ''}`;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  for (const [k, n] of count) if (n > 1) { doubled++; note(`audit ${k} written ${n} times`); }
  for (const d of decisions) {
    if (d.step === 'disbursement' || d.step === 'revision') continue;
    if (!count.has(decisionKey(d))) { lost++; note(`decision ${decisionKey(d)} has no audit event`); }
  }
  for (const id of rowIds) {
    const isLoan = loans.some((l) => l.id === id);
    if (!count.has(`${id}|${isLoan ? 'loan_applied' : 'request_submitted'}|`)) { lost++; note(`${id} has no filing audit event`); }
  }

  // Tasks: one per (subject, round, step, assignee) — the unique key holds it; none left open on a finished subject.
  const finished = new Set([...requests.filter((r) => ['executed', 'rejected', 'withdrawn'].includes(r.step)).map((r) => r.id), ...loans.filter((l) => l.step === 'closed' || l.step === 'rejected').map((l) => l.id)]);
  for (const t of tasks) if (t.status === 'open' && finished.has(t.subjectId)) { wedged++; note(`task ${t.id} still open on finished ${t.subjectId}`); }

  // Reservations (R-B3) and the advances position (R-L8): one per request, nothing held by finished ones.
  const reservations = await prisma.reservation.findMany();
  const perRequest = new Map<string, number>();
  for (const r of reservations) perRequest.set(r.requestId, (perRequest.get(r.requestId) ?? 0) + 1);
  for (const [id, n] of perRequest) if (n > 1) { doubled++; note(`request ${id} has ${n} reservations`); }
  for (const r of requests) {
    const res = reservations.find((x) => x.requestId === r.id);
    if (r.step === 'executed' && res?.status !== 'committed') { lost++; note(`executed ${r.id} has reservation ${res?.status ?? 'none'}`); }
  }
  const before = new Map(positionsBefore.map((p) => [p.id, p]));
  for (const p of await readPositions(prisma)) {
    const b = before.get(p.id);
    // numeric(18,2) as text: the same value is the same string
    if (p.outstanding !== (b?.outstanding ?? '0.00') || p.reserved !== (b?.reserved ?? '0.00')) {
      doubled++; note(`the county's advances position (${p.id}) is not back where it was after every loan was repaid: ${JSON.stringify(b)} → ${JSON.stringify(p)}`);
    }
  }

  // Every row has its workflow, and every chain reached its end.
  for (const r of [...requests.map((x) => ({ ...x, kind: 'budget' })), ...loans.map((x) => ({ ...x, kind: 'loan' }))]) {
    if (!r.workflowStartedAt) { orphaned++; note(`${r.kind} ${r.id} has no workflow started`); continue; }
    try {
      await temporal.workflow.getHandle(r.workflowId).describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) { orphaned++; note(`${r.kind} ${r.id}: workflow ${r.workflowId} not found`); } else throw err;
    }
    const end = r.kind === 'budget' ? 'executed' : 'closed';
    if (r.step !== end) { wedged++; note(`${r.kind} ${r.id} stuck at ${r.step}`); }
  }
  return { lost, doubled, orphaned, wedged, details };
}
