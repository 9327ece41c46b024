import type { ApiDeps, AuthedUser } from '../context';
import { hasRole } from '../../domain';
import { disbursementControlSignal, loanWorkflowId } from '../../workflows/loan-messages';
import { forbidden } from '../errors';
import { writeAudit } from '../../activities/audit';

export interface SetSuspensionOptions {
  actor: AuthedUser;
  suspended: boolean;
  reason?: string;
}

/**
 * R-M3: the finance director suspends or resumes disbursements. The switch is versioned in the
 * database (the disbursement activity reads it under a share lock); every loan waiting to be
 * disbursed is then told, and a loan that misses the signal re-reads the switch on its own.
 */
export async function setDisbursementSuspension({ prisma, temporal }: ApiDeps, { actor, suspended, reason }: SetSuspensionOptions) {
  if (!hasRole(actor, 'finance_director')) throw forbidden('只有财政局局长可以暂停或恢复支付 / only the finance director suspends or resumes disbursements', 'wrong_role');
  const control = await prisma.$transaction(async (tx) => {
    await tx.disbursementControl.createMany({ data: [{ id: 'county' }], skipDuplicates: true });
    const changed = await tx.$executeRaw`
      UPDATE "DisbursementControl" SET suspended = ${suspended}, version = version + 1, reason = ${reason ?? null}, "changedById" = ${actor.userId}, "changedAt" = now()
      WHERE id = 'county' AND suspended <> ${suspended}`;
    const row = await tx.disbursementControl.findUniqueOrThrow({ where: { id: 'county' } });
    if (changed) {
      await writeAudit(tx, {
        eventKey: `disbursements:v${row.version}`, actorId: actor.userId, subjectType: 'disbursements', subjectId: 'county',
        data: { type: suspended ? 'disbursements_suspended' : 'disbursements_resumed', version: row.version, ...(reason ? { reason } : {}) },
      });
    }
    return row;
  });
  const waiting = await prisma.loan.findMany({ where: { step: 'disbursement' }, select: { id: true } });
  await Promise.allSettled(waiting.map((l) => temporal.workflow.getHandle(loanWorkflowId(l.id)).signal(disbursementControlSignal, { suspended: control.suspended, version: control.version })));
  return control;
}

export const presentControl = (c: { suspended: boolean; version: number; reason: string | null; changedById: string | null; changedAt: Date }) => ({
  suspended: c.suspended, version: c.version, reason: c.reason, changedById: c.changedById, changedAt: c.changedAt,
  label: c.suspended ? { zh: '已暂停支付（R-M3）', en: 'Disbursements suspended (R-M3)' } : { zh: '正常支付', en: 'Disbursements running' },
});
