import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { migrate } from '../../main/postgres';
import { createPrisma } from '../../prisma/client';
import { writeAudit } from '../../activities/audit';
import { requireEnv } from '../support/db';
import { startStack, call } from '../support/stack';

describe('migrations', () => {
  it('migrate an empty database, and every model can be written and read back', async () => {
    const admin = requireEnv('TEST_PG_ADMIN_URL');
    const name = `m_${randomBytes(5).toString('hex')}`;
    const pg = new Client({ connectionString: admin });
    await pg.connect();
    await pg.query(`CREATE DATABASE ${name}`);
    const url = admin.replace(/\/postgres$/, `/${name}`);
    const prisma = createPrisma(url);
    try {
      await migrate(url);
      await migrate(url); // applying again is a no-op
      const user = await prisma.user.create({ data: { id: 'u1', username: 'u1', displayName: '甲', email: 'u1@x', passwordHash: 'h', roles: ['dept_clerk', 'auditor'] } });
      await prisma.unit.create({ data: { id: 'unit1', code: '1', name: '单位', level: 'first_level', kind: 'administrative', leaderInChargeId: 'u1' } });
      await prisma.session.create({ data: { tokenHash: 'th', userId: user.id, expiresAt: new Date(Date.now() + 1000) } });
      await prisma.fiscalYear.create({ data: { year: 2026, generalBudgetExpenditure: '1.10', fundBudgetExpenditure: '2.20', availableResources: '3.30' } });
      await prisma.budgetRequest.create({
        data: {
          id: 'r1', number: 'ZJ-2026-000001', unitId: 'unit1', fiscalYear: 2026, amount: '0.01', category: 'project', purpose: 'p', justification: '',
          threeGuarantees: false, generalPurpose: false, status: 'in_review', step: 'finance_review', createdById: 'u1', workflowId: 'budget-r1',
          rounds: { create: { round: 1, content: { amount: '0.01' }, submittedBy: 'u1' } },
          reservation: { create: { fiscalYear: 2026, amount: '0.01', status: 'reserved' } },
          disbursements: { create: { seq: 1, month: '2026-12', amount: '0.01' } },
        },
      });
      await prisma.decision.create({ data: { id: 'd1', subjectType: 'budget', subjectId: 'r1', round: 1, step: 'finance_review', action: 'approve', actorId: 'u1', actorRole: 'finance_reviewer' } });
      await prisma.task.create({ data: { id: 't1', subjectType: 'budget', subjectId: 'r1', round: 1, step: 'finance_review', assigneeId: 'u1', role: 'finance_reviewer', status: 'open' } });
      await writeAudit(prisma, { eventKey: 'k1', subjectType: 'budget', subjectId: 'r1', data: { type: 'request_submitted', round: 1, amount: '0.01', category: 'project' } });
      await prisma.idempotencyRecord.create({ data: { userId: 'u1', key: 'k', fingerprint: 'f' } });
      await prisma.emailMessage.create({ data: { key: 'e1', to: 'a@b', subject: 's', body: 'b' } });
      const [{ seq }] = await prisma.$queryRaw<{ seq: bigint }[]>`SELECT nextval('budget_request_number_seq') AS seq`;
      expect(seq).toBe(1n);
      await prisma.emailActionToken.create({ data: { tokenHash: 'h1', taskId: 't1', userId: 'u1', action: 'approve', expiresAt: new Date(Date.now() + 1000) } });
      await prisma.loginThrottle.create({ data: { key: 'login_user:u1', points: 1, expire: new Date(Date.now() + 1000) } });
      await prisma.loan.create({
        data: {
          id: 'l1', number: 'JK-2026-000001', unitId: 'unit1', fiscalYear: 2026, amount: '0.02', outstanding: '0.01', purpose: 'temporary_turnover',
          purposeDetails: 'd', repaymentSource: 's', termMonths: 6, noOnLendingDeclared: true, fundsNewSpending: false, status: 'disbursed', step: 'repayment',
          capHold: 'outstanding', dueDate: new Date('2027-05-01T00:00:00Z'), disbursedAt: new Date(), ladder: { version: 'v1' }, createdById: 'u1', workflowId: 'loan-l1',
          repayments: { create: { id: 'p1', paymentId: 'YH-1', amount: '0.01', paidOn: new Date('2026-12-01T00:00:00Z'), outstandingAfter: '0.01', recordedById: 'u1' } },
          notices: { create: { id: 'n1', seq: 0, rungId: 'r30', kind: 'reminder', noticeDate: new Date('2027-04-01T00:00:00Z'), daysFromDue: -30, recipients: ['u1'], outstanding: '0.01' } },
          findings: { create: { id: 'f1', ruleId: 'R-L2', description: 'd', enterprise: '某公司', amount: '0.01', foundOn: new Date('2026-12-02T00:00:00Z'), recordedById: 'u1' } },
        },
      });
      // the migration creates the county's one R-L8 position; the ledger holds the loan from its disbursement
      await prisma.advancesPosition.update({ where: { id: 'county' }, data: { outstanding: '0.01', reserved: '0.00' } });
      await prisma.advance.create({
        data: {
          id: 'a1', number: 'JK-2026-000001', origin: 'loan', loanId: 'l1', debtor: '单位', debtorKind: 'unit', unitId: 'unit1', kind: 'compliant', amount: '0.02',
          outstanding: '0.01', arisenOn: new Date('2026-06-01T00:00:00Z'), fiscalYear: 2026, status: 'open',
          movements: { create: { id: 'm1', kind: 'write_off', paymentId: 'W-1', amount: '0.01', on: new Date('2026-07-01T00:00:00Z'), outstandingAfter: '0.01', recordedById: 'u1' } },
          recoveryCases: { create: { id: 'rc1', findingId: 'f1', status: 'open', approvers: [] } },
        },
      });
      await prisma.reductionMilestone.create({ data: { id: 'rm1', dueOn: new Date('2027-06-30T00:00:00Z'), target: '0.00', createdById: 'u1' } });
      await prisma.advancesSnapshot.create({ data: { day: new Date('2026-06-01T00:00:00Z'), outstanding: '0.01' } });
      // the migration creates the county's one switch (R-M3), not suspended
      expect(await prisma.disbursementControl.findUniqueOrThrow({ where: { id: 'county' } })).toMatchObject({ suspended: false, version: 0 });
      await prisma.disbursementControl.update({ where: { id: 'county' }, data: { suspended: true, version: 1, reason: 'r', changedById: 'u1' } });
      const [{ seq: loanSeq }] = await prisma.$queryRaw<{ seq: bigint }[]>`SELECT nextval('loan_number_seq') AS seq`;
      expect(loanSeq).toBe(1n);

      const r = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: 'r1' }, include: { rounds: true, reservation: true, disbursements: true, unit: { include: { leaderInCharge: true } } } });
      expect(r.amount.toString()).toBe('0.01');
      expect(r.unit.leaderInCharge?.roles).toEqual(['dept_clerk', 'auditor']);
      expect(r.rounds).toHaveLength(1);
      expect(r.reservation?.status).toBe('reserved');
      expect(r.disbursements[0].month).toBe('2026-12');
      expect((await prisma.fiscalYear.findUniqueOrThrow({ where: { year: 2026 } })).availableResources.toString()).toBe('3.3');
      expect(await prisma.decision.count()).toBe(1);
      expect(await prisma.task.count({ where: { status: 'open' } })).toBe(1);
      expect(await prisma.auditEvent.count()).toBe(1);
      expect(await prisma.session.count()).toBe(1);
      expect(await prisma.idempotencyRecord.count()).toBe(1);
      expect(await prisma.emailMessage.count()).toBe(1);
      expect(await prisma.emailActionToken.count()).toBe(1);
      expect((await prisma.loginThrottle.findUniqueOrThrow({ where: { key: 'login_user:u1' } })).points).toBe(1);
      expect((await prisma.session.findFirstOrThrow()).lastSeenAt).toBeInstanceOf(Date);
      const loan = await prisma.loan.findUniqueOrThrow({ where: { id: 'l1' }, include: { repayments: true, notices: true, findings: true } });
      expect([loan.amount.toString(), loan.repayments[0].amount.toString(), loan.notices[0].recipients, loan.findings[0].enterprise]).toEqual(['0.02', '0.01', ['u1'], '某公司']);
      expect((await prisma.advancesPosition.findUniqueOrThrow({ where: { id: 'county' } })).outstanding.toString()).toBe('0.01');
      const advance = await prisma.advance.findUniqueOrThrow({ where: { loanId: 'l1' }, include: { movements: true, recoveryCases: true } });
      expect([advance.movements[0].kind, advance.recoveryCases[0].findingId]).toEqual(['write_off', 'f1']);
      expect(await prisma.reductionMilestone.count()).toBe(1);
      expect(await prisma.advancesSnapshot.count()).toBe(1);
      expect((await prisma.disbursementControl.findUniqueOrThrow({ where: { id: 'county' } })).suspended).toBe(true);

      // R-B9 policies (a budget request names the one it implements) and R-B10 changes of use
      await prisma.policy.create({
        data: {
          id: 'po1', number: 'ZC-2026-000001', unitId: 'unit1', fiscalYear: 2026, title: '政策', summary: '内容', yearlyCost: '0.03', status: 'in_force', step: 'in_force',
          assessmentOutcome: 'affordable', assessmentReference: '评估1号', meetingReference: '常务会议1次', filingReference: '备案1号', inForceAt: new Date(), createdById: 'u1', workflowId: 'policy-po1',
        },
      });
      await prisma.budgetRequest.update({ where: { id: 'r1' }, data: { policyId: 'po1' } });
      await prisma.changeOfUseRequest.create({
        data: {
          id: 'cu1', number: 'TJ-2026-000001', unitId: 'unit1', fiscalYear: 2026, amount: '0.04', fromUse: '甲', fromCategory: 'project', toUse: '乙', toCategory: 'emergency',
          sourceThreeGuarantees: false, reason: '理由', status: 'in_review', step: 'finance_review', createdById: 'u1', workflowId: 'change-of-use-cu1',
        },
      });
      const policy = await prisma.policy.findUniqueOrThrow({ where: { id: 'po1' }, include: { budgetRequests: true, unit: true } });
      expect([policy.yearlyCost.toString(), policy.budgetRequests.map((b) => b.id), policy.unit.name]).toEqual(['0.03', ['r1'], '单位']);
      expect((await prisma.changeOfUseRequest.findUniqueOrThrow({ where: { id: 'cu1' } })).amount.toString()).toBe('0.04');
      const [{ p, c }] = await prisma.$queryRaw<{ p: bigint; c: bigint }[]>`SELECT nextval('policy_number_seq') AS p, nextval('change_of_use_number_seq') AS c`;
      expect([p, c]).toEqual([1n, 1n]);

      // Delegation (an absence, a task handed over, a decision on someone's behalf) and consultation
      await prisma.user.create({ data: { id: 'u2', username: 'u2', displayName: '乙', email: 'u2@x', passwordHash: 'h', roles: ['finance_reviewer'] } });
      await prisma.absence.create({ data: { id: 'ab1', userId: 'u1', substituteId: 'u2', startsAt: new Date(), endsAt: new Date(Date.now() + 1000) } });
      await prisma.task.update({ where: { id: 't1' }, data: { delegateId: 'u2', handedOverAt: new Date(), decidedById: 'u2' } });
      await prisma.decision.update({ where: { id: 'd1' }, data: { onBehalfOfId: 'u2', proceededAnyway: true } });
      await prisma.consultation.create({ data: { id: 'c1', subjectType: 'budget', subjectId: 'r1', round: 1, step: 'finance_review', taskId: 't1', askedById: 'u1', consulteeId: 'u2', question: '?' } });
      expect((await prisma.task.findUniqueOrThrow({ where: { id: 't1' }, include: { delegate: true } })).delegate?.displayName).toBe('乙');
      expect((await prisma.decision.findUniqueOrThrow({ where: { id: 'd1' }, include: { onBehalfOf: true } })).onBehalfOf?.id).toBe('u2');
      expect((await prisma.absence.findUniqueOrThrow({ where: { id: 'ab1' }, include: { substitute: true } })).substitute.id).toBe('u2');
      expect((await prisma.consultation.findUniqueOrThrow({ where: { id: 'c1' }, include: { consultee: true } })).consultee.id).toBe('u2');
    } finally {
      await prisma.$disconnect();
      await pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await pg.end();
    }
  });
});

describe('OpenAPI', () => {
  it('serves a document generated from the zod schemas, and a docs page', async () => {
    const stack = await startStack();
    try {
      const doc = await call(stack.baseUrl, 'GET', '/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      const submit = doc.body.paths['/budget-requests'].post.requestBody.content['application/json'].schema;
      expect(submit.required).toEqual(expect.arrayContaining(['amount', 'category', 'purpose']));
      expect(submit.required).not.toContain('fiscalYear'); // derived from the China date of filing
      expect(submit.properties.category.enum).toContain('three_guarantees_personnel');
      expect(doc.body.paths['/tasks/{id}/decision'].post.responses['422']).toBeDefined();
      const page = await fetch(stack.baseUrl.replace(/\/api$/, '/api/docs'));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger-ui-bundle.js');
      const asset = await fetch(stack.baseUrl.replace(/\/api$/, '/api/docs/assets/swagger-ui-bundle.js'));
      expect(asset.status).toBe(200);
    } finally {
      await stack.stop();
    }
  });
});
