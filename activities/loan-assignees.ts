import type { PrismaClient } from '../prisma/client';
import type { LadderRecipient, Role } from '../domain';

type User = Awaited<ReturnType<PrismaClient['user']['findMany']>>[number];

/**
 * The people behind a ladder rung's recipient kinds, each once. The leader in charge is the
 * borrower unit's own, or every leader in charge when the unit names none.
 */
export async function ladderRecipients(
  prisma: PrismaClient,
  loan: { unitId: string; createdById: string; responsibleOfficerId: string | null },
  kinds: LadderRecipient[],
): Promise<User[]> {
  const withRole = (role: Role) => prisma.user.findMany({ where: { roles: { has: role } }, orderBy: { username: 'asc' } });
  const found: User[] = [];
  for (const kind of kinds) {
    switch (kind) {
      case 'borrower_clerks': {
        const clerks = await prisma.user.findMany({ where: { unitId: loan.unitId, roles: { has: 'dept_clerk' } }, orderBy: { username: 'asc' } });
        found.push(...(clerks.length ? clerks : await prisma.user.findMany({ where: { id: loan.createdById } })));
        break;
      }
      case 'responsible_officer':
        // Before disbursement names one, every treasury officer answers for the loan (R-L7).
        found.push(...(loan.responsibleOfficerId ? await prisma.user.findMany({ where: { id: loan.responsibleOfficerId } }) : await withRole('treasury_officer')));
        break;
      case 'leader_in_charge': {
        const unit = await prisma.unit.findUniqueOrThrow({ where: { id: loan.unitId }, include: { leaderInCharge: true } });
        found.push(...(unit.leaderInCharge ? [unit.leaderInCharge] : await withRole('leader_in_charge')));
        break;
      }
      default:
        found.push(...(await withRole(kind)));
    }
  }
  const seen = new Set<string>();
  return found.filter((u) => !seen.has(u.id) && !!seen.add(u.id));
}
