import { createTestDatabase } from '../support/db';
import { seedDemo } from '../../prisma/seed';
import { COUNTY, disburseAdvance, reserveAdvance } from '../../activities/loan-cap';
import { addYuan, compareYuan, DEFAULT_LOAN_LADDER, fiscalYearEnd, normalizeYuan } from '../../domain';
import type { PrismaClient } from '../../prisma/client';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  await seedDemo(prisma, { bcryptRounds: 4 });
});
afterAll(async () => { await db?.drop(); });

// The last second of 2030 and the first of 2031 in China (16:00 UTC on 31 December is midnight in Beijing).
const TURN = fiscalYearEnd(2030);
const OLD_YEAR_AT = TURN - 1000;
const NEW_YEAR_AT = TURN + 1000;

async function newLoans(prefix: string, n: number, amount: string) {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  await prisma.loan.createMany({
    data: ids.map((id, i) => ({
      id, number: `JK-T-${id}`, unitId: 'unit-jyj', fiscalYear: 2030, amount, purpose: 'temporary_turnover', purposeDetails: '跨年测试', repaymentSource: '跨年测试',
      termMonths: 3, noOnLendingDeclared: true, fundsNewSpending: false, status: 'in_review', step: 'finance_review', ladder: DEFAULT_LOAN_LADDER as object,
      createdById: 'user-clerk-edu', workflowId: `loan-${id}-${i}`,
    })),
  });
  return ids;
}

/** One approval's R-L8 reservation at `at`, in its own transaction as the activity runs it; true when admitted. */
async function approveAt(id: string, at: number): Promise<boolean> {
  try {
    await prisma.$transaction(async (tx) => {
      const loan = await tx.loan.findUniqueOrThrow({ where: { id } });
      await reserveAdvance(tx, loan, 'user-reviewer', at);
    });
    return true;
  } catch (err) {
    if ((err as { type?: string }).type === 'RuleViolation') return false;
    throw err;
  }
}

const position = async () => {
  const p = await prisma.advancesPosition.findUniqueOrThrow({ where: { id: COUNTY } });
  return { outstanding: normalizeYuan(p.outstanding), reserved: normalizeYuan(p.reserved) };
};

describe('R-L8 across the year turn: one county balance, the cap of the current China year', () => {
  it('approvals racing across midnight on 1 January are each held to the cap of their own moment, and the books stay exact', async () => {
    // 2030's cap 1,000.00; 2031's only 600.00 (5% of the two expenditures).
    await prisma.fiscalYear.createMany({
      data: [
        { year: 2030, generalBudgetExpenditure: '15000.00', fundBudgetExpenditure: '5000.00', availableResources: '0.00' },
        { year: 2031, generalBudgetExpenditure: '10000.00', fundBudgetExpenditure: '2000.00', availableResources: '0.00' },
      ],
    });
    // A 2030 advance of 400.00 is outstanding when the year turns: it still counts in 2031.
    const [carried] = await newLoans('carried', 1, '400.00');
    expect(await approveAt(carried, OLD_YEAR_AT)).toBe(true);
    await prisma.$transaction(async (tx) => {
      const loan = await tx.loan.findUniqueOrThrow({ where: { id: carried }, include: { unit: true } });
      await disburseAdvance(tx, loan, { at: OLD_YEAR_AT, dueDate: '2031-03-31', responsibleOfficerId: 'user-treasury' });
    });
    expect(await prisma.advance.findUniqueOrThrow({ where: { loanId: carried } })).toMatchObject({ fiscalYear: 2030, status: 'open' });

    const ids = await newLoans('race', 20, '100.00');
    const times = ids.map((_, i) => (i % 2 ? NEW_YEAR_AT : OLD_YEAR_AT));
    const admitted = await Promise.all(ids.map((id, i) => approveAt(id, times[i])));

    const p = await position();
    const admittedCount = admitted.filter(Boolean).length;
    const admittedNew = admitted.filter((ok, i) => ok && times[i] === NEW_YEAR_AT).length;
    // Exact to the fen: the position is the carried advance plus exactly what was admitted.
    expect(p).toEqual({ outstanding: '400.00', reserved: `${admittedCount * 100}.00` });
    // Never over 2030's cap; a 2031 approval needs held ≤ 600.00 after it, so at most two ever got in.
    expect(compareYuan(addYuan(p.outstanding, p.reserved), '1000.00')).toBeLessThanOrEqual(0);
    expect(admittedNew).toBeLessThanOrEqual(2);
    expect(admittedCount).toBeGreaterThan(0);
    // Every loan's hold agrees with the position.
    const held = await prisma.loan.findMany({ where: { id: { in: ids }, capHold: 'reserved' } });
    expect(held).toHaveLength(admittedCount);

    // After the turn every approval meets 2031's cap, whatever year the loan was filed in: held is already over 600.00.
    const [late] = await newLoans('late', 1, '0.01');
    expect(await approveAt(late, NEW_YEAR_AT)).toBe(compareYuan(addYuan(p.outstanding, p.reserved, '0.01'), '600.00') <= 0);
  });

  it('refuses an approval in a year the director has entered no figures for, naming what to enter', async () => {
    const [id] = await newLoans('nofig', 1, '1.00');
    await expect(prisma.$transaction(async (tx) => {
      await reserveAdvance(tx, await tx.loan.findUniqueOrThrow({ where: { id } }), 'user-reviewer', fiscalYearEnd(2033) + 1000);
    })).rejects.toMatchObject({
      type: 'RuleViolation',
      details: [[expect.objectContaining({ ruleId: 'R-L8', field: 'fiscalYear', detail: expect.stringContaining('2034 年度财政数据尚未录入') })]],
    });
  });
});
