import type { Stack } from './stack';

/**
 * A loan application that passes every rule (R-L1..R-L9) when a first-level unit's clerk files it.
 * Tests pass as overrides whatever they assert on: the amount, the purpose, the texts.
 */
export const loanApplication = (over: Record<string, unknown> = {}) => ({
  amount: '100000.00', purpose: 'temporary_turnover', purposeDetails: '工资发放临时周转',
  repaymentSource: '下月转移支付到账后归还', termMonths: 6, noOnLendingDeclared: true, fundsNewSpending: false, ...over,
});

/** The overrides for an emergency advance after the flood (R-L3), to be repaid from provincial relief funds in six months. */
export const FLOOD_ADVANCE = {
  purpose: 'emergency_advance', purposeDetails: '暴雨灾后学校校舍抢修垫款', repaymentSource: '省级救灾资金下达后归还', termMonths: 6,
} as const;

/** The executive meeting's approval of a loan (R-L6), minuted under `meetingReference`. */
export const executiveApproval = (meetingReference: string) => ({ action: 'approve', meetingKind: 'executive', meetingReference });

/** Finds `username`'s open task for the loan (at `step`, if given) and posts the decision; answers the response. */
export async function decideLoanTask(stack: Stack, username: string, loanId: string, decision: Record<string, unknown>, step?: string) {
  const user = await stack.as(username);
  const task = await user.taskFor(loanId, step);
  return user.post(`/tasks/${task.id}/decision`, decision);
}

/**
 * Moves a disbursed loan's due date, as if time had passed (the workflow's own timers are proven on the
 * time-skipping server): on the loan and on its row of the county's advances ledger, which the ageing reads.
 */
export async function setLoanDueDate(stack: Pick<Stack, 'prisma'>, loanId: string, dueDate: string) {
  const due = new Date(`${dueDate}T00:00:00Z`);
  await stack.prisma.loan.update({ where: { id: loanId }, data: { dueDate: due } });
  await stack.prisma.advance.update({ where: { loanId }, data: { dueDate: due } });
}
