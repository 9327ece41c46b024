import { Prisma, type PrismaClient } from '../../prisma/client';
import {
  BUDGET_CHAIN_DEFINITION, budgetFlags, budgetStatus, BudgetPosition, BudgetRequestContent, disbursementSchedule, normalizeYuan, ZBudgetRequestContent,
} from '../../domain';
import { writeAudit } from '../audit';
import { commitFunds, releaseFunds, reserveFunds } from '../funds';
import type { Mailer } from '../mail';
import { budgetFactLines, outcomeMail, RequestFacts } from '../budget-mails';
import { lastDeciderLine } from '../approval/decided-by';
import type { SqlChainSubjects } from '../approval/subjects';
import { withApprovalForm } from '../approval-form-file';
import { directSql } from '../../prisma/direct-sql';

/**
 * What the R-B2 chain adds to the engine: its request, its effects on the year's available resources
 * (R-B3: reserve at finance approval, release on a return, objection or rejection, commit with the
 * R-B6 schedule at execution), its resubmitted rounds and the clerk's outcome mail.
 */
export function budgetSubjects({ prisma, mailer, publicUrl }: { prisma: PrismaClient; mailer: Mailer; publicUrl: string }): SqlChainSubjects & {
  mailBudgetOutcome(i: { requestId: string; position: BudgetPosition; comment?: string }): Promise<void>;
} {
  /** Tells the filing clerk how the request ended (once: the mail is keyed by request). */
  async function mailBudgetOutcome({ requestId, position, comment }: { requestId: string; position: BudgetPosition; comment?: string }): Promise<void> {
    const request = await readRequestFacts(prisma, requestId);
    const decidedBy = await lastDeciderLine(prisma, requestId);
    await mailer.send({
      key: `budget:${requestId}:outcome`, to: request.creatorEmail, ...outcomeMail({ request, position, comment, decidedBy, publicUrl }), ...withApprovalForm(prisma, 'budget', requestId),
    });
  }

  return {
    definition: BUDGET_CHAIN_DEFINITION,
    mailBudgetOutcome,

    async load(db, id) {
      const request = await readRequestFacts(db, id);
      return {
        unitId: request.unitId, createdById: request.createdById, priority: request.threeGuarantees ? 1 : 0,
        facts: { noun: BUDGET_CHAIN_DEFINITION.subject, number: request.number, lines: budgetFactLines(request), path: `/budget-requests/${id}` },
      };
    },

    // Raw statements only, so its decisions run in a transaction on the pg pool (SqlChainSubjects).
    sqlOnly: true,
    effects: {
      async reserve(tx, i) {
        const [request] = await tx.$queryRaw<{ fiscalYear: number; amount: string }[]>(Prisma.sql`
          SELECT "fiscalYear", amount::text AS amount FROM "BudgetRequest" WHERE id = ${i.subjectId}`);
        if (!request) throw new Error(`no budget request ${i.subjectId}`);
        await reserveFunds(tx, { requestId: i.subjectId, round: i.round, actorId: i.actorId, fiscalYear: request.fiscalYear, amount: normalizeYuan(request.amount) });
      },
      release: (tx, i) => releaseFunds(tx, { requestId: i.subjectId, round: i.round, actorId: i.actorId }),
      async commit(tx, i) {
        await commitFunds(tx, { requestId: i.subjectId, round: i.round, actorId: i.actorId });
        const [request] = await tx.$queryRaw<Parameters<typeof roundContent>[0][]>(Prisma.sql`
          SELECT amount::text AS amount, category, purpose, justification, "disbursementPlan" FROM "BudgetRequest" WHERE id = ${i.subjectId}`);
        if (!request) throw new Error(`no budget request ${i.subjectId}`);
        const schedule = disbursementSchedule(ZBudgetRequestContent.parse(roundContent(request)), i.executedOn.slice(0, 7));
        if (schedule.length) {
          await tx.$executeRaw(Prisma.sql`INSERT INTO "DisbursementSchedule" ("requestId", seq, month, amount)
            VALUES ${Prisma.join(schedule.map((s) => Prisma.sql`(${i.subjectId}, ${s.seq}::int, ${s.month}, ${s.amount}::numeric)`))}
            ON CONFLICT DO NOTHING`);
        }
        await writeAudit(tx, {
          eventKey: `${i.subjectId}:disbursement_scheduled`, actorId: i.actorId, subjectType: 'budget', subjectId: i.subjectId,
          data: { type: 'disbursement_scheduled', instalments: schedule },
        });
      },
    },

    async moveTo(tx, i) {
      await tx.$executeRaw(moveRequest(i));
    },
    moveSql: moveRequest,

    async resubmit(tx, i) {
      const content = i.content as BudgetRequestContent;
      await tx.budgetRound.createMany({ data: [{ requestId: i.subjectId, round: i.round, content: content as object, submittedBy: i.actorId }], skipDuplicates: true });
      await tx.budgetRequest.update({
        where: { id: i.subjectId },
        data: {
          round: i.round, step: 'finance_review', status: 'in_review', amount: content.amount, category: content.category,
          purpose: content.purpose, justification: content.justification, disbursementPlan: content.disbursementPlan ?? undefined, policyId: content.policyId ?? null,
          ...budgetFlags(content.category),
        },
      });
      await writeAudit(tx, {
        eventKey: `${i.subjectId}:resubmitted:r${i.round}`, actorId: i.actorId, subjectType: 'budget', subjectId: i.subjectId,
        data: { type: 'request_resubmitted', round: i.round, amount: content.amount, category: content.category },
      });
    },

    async mailOutcome(requestId, position, comment) {
      if (['executed', 'rejected', 'withdrawn'].includes(position)) await mailBudgetOutcome({ requestId, position: position as BudgetPosition, comment });
    },
  };
}

/**
 * The request's facts with its unit's name, its filer and their address: one statement on the pg pool,
 * read by every step's opening and mail and by the outcome mail.
 */
async function readRequestFacts(db: PrismaClient, id: string) {
  const [request] = await directSql<RequestFacts & { unitId: string; createdById: string; creatorEmail: string }>(db, Prisma.sql`
    SELECT r.id, r.number, r.amount::text AS amount, r.category, r.purpose, r."fiscalYear", r."threeGuarantees", r."generalPurpose",
           r."unitId", r."createdById", json_build_object('name', u.name) AS unit, c.email AS "creatorEmail"
    FROM "BudgetRequest" r JOIN "Unit" u ON u.id = r."unitId" JOIN "User" c ON c.id = r."createdById" WHERE r.id = ${id}`);
  if (!request) throw new Error(`no budget request ${id}`);
  return request;
}

/** The request's new step and status (its waiting time follows by trigger). */
const moveRequest = (i: { subjectId: string; next: string }): Prisma.Sql =>
  Prisma.sql`UPDATE "BudgetRequest" SET step = ${i.next}, status = ${budgetStatus(i.next as BudgetPosition)}, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = ${i.subjectId}`;

/** The request's current content in the shape the department filed it. */
export function roundContent(r: { amount: { toString(): string }; category: string; purpose: string; justification: string; disbursementPlan: unknown }) {
  return {
    amount: normalizeYuan(r.amount), category: r.category, purpose: r.purpose, justification: r.justification,
    ...(r.disbursementPlan ? { disbursementPlan: r.disbursementPlan } : {}),
  };
}
