import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireEnv } from '../support/db';

const MIGRATIONS = join(__dirname, '..', '..', 'prisma', 'migrations');
const LEDGER = readdirSync(MIGRATIONS).find((d) => d.endsWith('_advances_ledger'))!;

describe('the advances-ledger migration carries existing data over', () => {
  it('sums the per-year R-L8 positions into the county row and turns every disbursed loan into a ledger row of the China year it was disbursed in', async () => {
    const admin = requireEnv('TEST_PG_ADMIN_URL');
    const name = `m_${randomBytes(5).toString('hex')}`;
    const root = new Client({ connectionString: admin });
    await root.connect();
    await root.query(`CREATE DATABASE ${name}`);
    const db = new Client({ connectionString: admin.replace(/\/postgres$/, `/${name}`) });
    await db.connect();
    try {
      const before = readdirSync(MIGRATIONS).filter((d) => !d.endsWith('.toml') && d < LEDGER).sort();
      for (const d of before) await db.query(readFileSync(join(MIGRATIONS, d, 'migration.sql'), 'utf8'));
      await db.query(`
        INSERT INTO "User" (id, username, "displayName", email, "passwordHash", roles) VALUES ('u-t', 'treasury', '国库股 王会计', 't@x', 'h', '{treasury_officer}');
        INSERT INTO "Unit" (id, code, name, level, kind) VALUES ('unit1', '101', '县教育局', 'first_level', 'administrative');
        INSERT INTO "Loan" (id, number, "unitId", "fiscalYear", amount, outstanding, purpose, "purposeDetails", "repaymentSource", "noOnLendingDeclared",
          "fundsNewSpending", status, step, "capHold", "dueDate", "disbursedAt", "responsibleOfficerId", ladder, "createdById", "workflowId", "updatedAt") VALUES
          -- disbursed at 01:00 on 1 January 2027 in China (still 31 December in UTC): a 2027 advance
          ('l1', 'JK-2026-000001', 'unit1', 2026, 1000.00, 400.00, 'temporary_turnover', 'd', 's', true, false, 'disbursed', 'repayment', 'outstanding',
           '2027-06-30', '2026-12-31 17:00:00', 'u-t', '{}', 'u-t', 'loan-l1', now()),
          ('l2', 'JK-2026-000002', 'unit1', 2026, 300.00, 0.00, 'temporary_turnover', 'd', 's', true, false, 'closed', 'closed', 'repaid',
           '2026-09-30', '2026-03-01 02:00:00', 'u-t', '{}', 'u-t', 'loan-l2', now()),
          ('l3', 'JK-2026-000003', 'unit1', 2026, 500.00, 0.00, 'temporary_turnover', 'd', 's', true, false, 'approved', 'disbursement', 'reserved',
           NULL, NULL, NULL, '{}', 'u-t', 'loan-l3', now());
        INSERT INTO "AdvancesPosition" ("fiscalYear", outstanding, reserved, "updatedAt") VALUES (2026, 400.00, 500.00, now()), (2025, 0.00, 0.00, now());
        INSERT INTO "User" (id, username, "displayName", email, "passwordHash", roles) VALUES ('u-r', 'reviewer', '陈红', 'r@x', 'h', '{finance_reviewer}');
        INSERT INTO "Decision" (id, "subjectType", "subjectId", round, step, action, "actorId", "actorRole", "meetingReference", "decidedAt") VALUES
          ('d1', 'loan', 'l1', 1, 'finance_review', 'approve', 'u-r', 'finance_reviewer', NULL, '2026-12-20 02:00:00'),
          ('d2', 'loan', 'l1', 1, 'disbursement', 'disburse', 'u-t', 'treasury_officer', NULL, '2026-12-31 17:00:00');
        INSERT INTO "LoanFinding" (id, "loanId", "ruleId", description, enterprise, amount, "foundOn", "recordedById") VALUES
          ('f1', 'l1', 'R-L2', 'd', '某公司', 100.00, '2027-02-01', 'u-r');
      `);
      await db.query(readFileSync(join(MIGRATIONS, LEDGER, 'migration.sql'), 'utf8'));

      const position = await db.query(`SELECT id, outstanding::text, reserved::text FROM "AdvancesPosition"`);
      expect(position.rows).toEqual([{ id: 'county', outstanding: '400.00', reserved: '500.00' }]);
      const ledger = await db.query(`SELECT number, "loanId", origin, debtor, amount::text, outstanding::text, "arisenOn"::text, "fiscalYear", "responsibleOfficer", status
        FROM "Advance" ORDER BY number`);
      expect(ledger.rows).toEqual([
        { number: 'JK-2026-000001', loanId: 'l1', origin: 'loan', debtor: '县教育局', amount: '1000.00', outstanding: '400.00', arisenOn: '2027-01-01', fiscalYear: 2027, responsibleOfficer: '国库股 王会计', status: 'open' },
        { number: 'JK-2026-000002', loanId: 'l2', origin: 'loan', debtor: '县教育局', amount: '300.00', outstanding: '0.00', arisenOn: '2026-03-01', fiscalYear: 2026, responsibleOfficer: '国库股 王会计', status: 'closed' },
      ]);
      const cases = await db.query(`SELECT "findingId", status, approvers FROM "RecoveryCase"`);
      expect(cases.rows).toHaveLength(1);
      expect(cases.rows[0]).toMatchObject({ findingId: 'f1', status: 'open' });
      expect(cases.rows[0].approvers.map((a: { step: string; actorName: string }) => `${a.step}:${a.actorName}`)).toEqual([
        'finance_review:陈红', 'disbursement:国库股 王会计', 'responsible_officer:国库股 王会计',
      ]);
      const years = await db.query(`SELECT id, "fiscalYear" FROM "Loan" ORDER BY id`);
      expect(years.rows).toEqual([{ id: 'l1', fiscalYear: 2027 }, { id: 'l2', fiscalYear: 2026 }, { id: 'l3', fiscalYear: 2026 }]);
    } finally {
      await db.end();
      await root.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await root.end();
    }
  });
});
