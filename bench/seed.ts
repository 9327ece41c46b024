import type { PrismaClient } from '../prisma/client';

/**
 * Bulk-writes a county's worth of history straight into PostgreSQL (one INSERT … SELECT per table,
 * seconds not hours): `requests` budget requests of 2026 in every state, with the tasks each step
 * opened (open ones for those still waiting) and their reservations, and `loans` loans in every
 * state. Ids start with `seed-` so they never meet the bench's own requests.
 */
export async function seedCounty(prisma: PrismaClient, { requests, loans }: { requests: number; loans: number }) {
  // Bulk rows skip the row triggers that keep "waitingSince" and the year totals (one lock and update
  // per task would triple the seeding time); they are filled once at the end by the functions the
  // triggers use.
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await insertHistory(tx, { requests, loans });
    await tx.$executeRawUnsafe(`UPDATE "BudgetRequest" SET "waitingSince" = budget_waiting_since(id, status, step, round) WHERE id LIKE 'seed-r-%' AND status = 'in_review'`);
    await tx.$executeRawUnsafe(`UPDATE "Loan" SET "waitingSince" = loan_waiting_since(id, status, step) WHERE id LIKE 'seed-l-%' AND status IN ('in_review', 'approved')`);
    await tx.$executeRawUnsafe(`SELECT rebuild_year_totals()`);
  }, { timeout: 1_800_000 });
  // What autovacuum would have done by the time a county has this much history.
  for (const t of ['BudgetRequest', 'Task', 'Reservation', 'Loan', 'Advance']) await prisma.$executeRawUnsafe(`VACUUM ANALYZE "${t}"`);
}

async function insertHistory(prisma: Pick<PrismaClient, '$executeRawUnsafe'>, { requests, loans }: { requests: number; loans: number }) {
  // i % 100: 0–2 finance review, 3–4 leader briefing, 5 meeting, 6 NPC, 7 returned, 8–9 rejected, 10 withdrawn, else executed
  await prisma.$executeRawUnsafe(`
    INSERT INTO "BudgetRequest" (id, number, "unitId", "fiscalYear", amount, category, purpose, justification, "threeGuarantees", "generalPurpose",
                                 status, step, round, "createdById", "workflowId", "createdAt", "updatedAt")
    SELECT 'seed-r-' || i, 'ZJ-2026-S' || lpad(i::text, 7, '0'), (ARRAY['unit-jyj','unit-wjw','unit-slj'])[1 + i % 3], 2026, 1000.00,
           CASE WHEN i % 4 = 0 THEN 'three_guarantees_personnel' ELSE 'project' END, '基准数据 ' || i, '',
           i % 4 = 0, false,
           CASE WHEN i % 100 <= 6 THEN 'in_review' WHEN i % 100 = 7 THEN 'returned' WHEN i % 100 <= 9 THEN 'rejected' WHEN i % 100 = 10 THEN 'withdrawn' ELSE 'executed' END,
           CASE WHEN i % 100 <= 2 THEN 'finance_review' WHEN i % 100 <= 4 THEN 'leader_briefing' WHEN i % 100 = 5 THEN 'executive_meeting'
                WHEN i % 100 = 6 THEN 'npc_approval' WHEN i % 100 = 7 THEN 'revision' WHEN i % 100 <= 9 THEN 'rejected' WHEN i % 100 = 10 THEN 'withdrawn' ELSE 'executed' END,
           1, (ARRAY['user-clerk-edu','user-clerk-health','user-clerk-water'])[1 + i % 3], 'seed-budget-' || i,
           now() - make_interval(days => i % 300, secs => i), now() - make_interval(days => i % 300, secs => i)
    FROM generate_series(1, ${requests}) AS i`);
  // Every step a request has reached opened its tasks; the current step's are open, earlier ones done.
  await prisma.$executeRawUnsafe(`
    WITH steps(step, ord, assignee, role) AS (VALUES
      ('finance_review', 1, 'user-reviewer', 'finance_reviewer'),
      ('leader_briefing', 2, 'user-secretary', 'leader_principal'), ('leader_briefing', 2, 'user-mayor', 'leader_principal'),
      ('leader_briefing', 2, 'leader', 'leader_in_charge'),
      ('executive_meeting', 3, 'user-meeting', 'meeting_secretary'), ('npc_approval', 4, 'user-npc', 'npc_liaison'),
      ('revision', 5, 'clerk', 'dept_clerk')),
    r AS (SELECT id, "unitId", "createdById", "createdAt", step AS at,
                 CASE step WHEN 'finance_review' THEN 1 WHEN 'leader_briefing' THEN 2 WHEN 'executive_meeting' THEN 3 WHEN 'npc_approval' THEN 4
                           WHEN 'revision' THEN 2 WHEN 'rejected' THEN 2 WHEN 'withdrawn' THEN 2 ELSE 5 END AS reached
          FROM "BudgetRequest" WHERE id LIKE 'seed-r-%')
    INSERT INTO "Task" (id, "subjectType", "subjectId", round, step, "assigneeId", role, status, priority, "openedAt", "closedAt")
    SELECT r.id || ':' || s.step || ':' || s.assignee, 'budget', r.id, 1, s.step,
           CASE s.assignee WHEN 'leader' THEN CASE r."unitId" WHEN 'unit-slj' THEN 'user-vice-infra' ELSE 'user-vice-edu' END
                           WHEN 'clerk' THEN r."createdById" ELSE s.assignee END,
           s.role, CASE WHEN s.step = r.at THEN 'open' ELSE 'done' END, 0,
           r."createdAt" + make_interval(hours => s.ord), CASE WHEN s.step = r.at THEN NULL ELSE r."createdAt" + make_interval(hours => s.ord + 1) END
    FROM r JOIN steps s ON (s.ord < r.reached OR s.step = r.at) AND (s.step <> 'revision' OR r.at = 'revision')`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Reservation" ("requestId", "fiscalYear", amount, status, "createdAt", "updatedAt")
    SELECT id, 2026, amount, CASE status WHEN 'executed' THEN 'committed' WHEN 'in_review' THEN 'reserved' ELSE 'released' END, "createdAt", "createdAt"
    FROM "BudgetRequest" WHERE id LIKE 'seed-r-%' AND step NOT IN ('finance_review', 'revision')`);
  // i % 100: 0–1 finance review, 2 meeting, 3 disbursement, 4 rejected, 5–69 disbursed (due from 200 days ago to 100 ahead), else closed
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Loan" (id, number, "unitId", "fiscalYear", amount, outstanding, purpose, "purposeDetails", "repaymentSource", "termMonths",
                        "noOnLendingDeclared", "fundsNewSpending", status, step, "capHold", "dueDate", "disbursedAt", ladder, "createdById", "workflowId", "createdAt", "updatedAt")
    SELECT 'seed-l-' || i, 'JK-2026-S' || lpad(i::text, 7, '0'), (ARRAY['unit-jyj','unit-wjw','unit-slj'])[1 + i % 3], 2026, 1000.00,
           CASE WHEN i % 100 BETWEEN 5 AND 69 THEN 1000.00 ELSE 0 END, 'temporary_turnover', '基准数据', '基准数据', 6, true, false,
           CASE WHEN i % 100 <= 2 THEN 'in_review' WHEN i % 100 = 3 THEN 'approved' WHEN i % 100 = 4 THEN 'rejected' WHEN i % 100 <= 69 THEN 'disbursed' ELSE 'closed' END,
           CASE WHEN i % 100 <= 1 THEN 'finance_review' WHEN i % 100 = 2 THEN 'executive_meeting' WHEN i % 100 = 3 THEN 'disbursement'
                WHEN i % 100 = 4 THEN 'rejected' WHEN i % 100 <= 69 THEN 'repayment' ELSE 'closed' END,
           CASE WHEN i % 100 = 3 THEN 'reserved' WHEN i % 100 BETWEEN 5 AND 69 THEN 'outstanding' WHEN i % 100 >= 70 THEN 'repaid' ELSE 'none' END,
           CASE WHEN i % 100 >= 5 THEN (now() AT TIME ZONE 'Asia/Shanghai')::date + (i % 300) - 200 END,
           CASE WHEN i % 100 >= 5 THEN now() - make_interval(days => 30) END,
           '{"version":"seed"}'::jsonb, 'user-clerk-edu', 'seed-loan-' || i, now() - make_interval(secs => i), now() - make_interval(secs => i)
    FROM generate_series(1, ${loans}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Task" (id, "subjectType", "subjectId", round, step, "assigneeId", role, status, priority, "openedAt")
    SELECT id || ':' || step, 'loan', id, 1, step,
           CASE step WHEN 'finance_review' THEN 'user-reviewer' WHEN 'executive_meeting' THEN 'user-meeting' ELSE 'user-treasury' END,
           CASE step WHEN 'finance_review' THEN 'finance_reviewer' WHEN 'executive_meeting' THEN 'meeting_secretary' ELSE 'treasury_officer' END,
           'open', 0, "createdAt"
    FROM "Loan" WHERE id LIKE 'seed-l-%' AND step IN ('finance_review', 'executive_meeting', 'disbursement')`);
  // Every disbursed loan is a row of the county's advances ledger, which the position and its ageing read.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Advance" (id, number, origin, "loanId", debtor, "debtorKind", "unitId", kind, amount, outstanding, "arisenOn", "fiscalYear", "dueDate", status, "createdAt", "updatedAt")
    SELECT 'seed-a-' || id, number, 'loan', id, '基准数据单位', 'unit', "unitId", 'compliant', amount, outstanding,
           ("disbursedAt" AT TIME ZONE 'Asia/Shanghai')::date, 2026, "dueDate", CASE WHEN outstanding > 0 THEN 'open' ELSE 'closed' END, now(), now()
    FROM "Loan" WHERE id LIKE 'seed-l-%' AND "disbursedAt" IS NOT NULL`);
}
