import type { PrismaClient } from '../prisma/client';
import type { BudgetStep, Role } from '../domain';

/**
 * Who gets a task at each step: everyone holding the step's role; for the briefing every principal
 * leader plus the unit's own leader in charge; for a revision the unit's clerks.
 */
export async function stepAssignees(prisma: PrismaClient, step: BudgetStep, unitId: string, fallbackUserId: string) {
  const withRole = (role: Role) => prisma.user.findMany({ where: { roles: { has: role } }, orderBy: { username: 'asc' } });
  switch (step) {
    case 'finance_review':
      return tagged(await withRole('finance_reviewer'), 'finance_reviewer');
    case 'executive_meeting':
      return tagged(await withRole('meeting_secretary'), 'meeting_secretary');
    case 'npc_approval':
      return tagged(await withRole('npc_liaison'), 'npc_liaison');
    case 'leader_briefing': {
      const principals = tagged(await withRole('leader_principal'), 'leader_principal');
      const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId }, include: { leaderInCharge: true } });
      const inCharge = unit.leaderInCharge ? [unit.leaderInCharge] : await withRole('leader_in_charge');
      const seen = new Set(principals.map((p) => p.user.id));
      return [...principals, ...tagged(inCharge.filter((u) => !seen.has(u.id)), 'leader_in_charge')];
    }
    case 'revision': {
      const clerks = await prisma.user.findMany({ where: { unitId, roles: { has: 'dept_clerk' } }, orderBy: { username: 'asc' } });
      if (clerks.length) return tagged(clerks, 'dept_clerk');
      return tagged(await prisma.user.findMany({ where: { id: fallbackUserId } }), 'dept_clerk');
    }
  }
}

const tagged = <U>(users: U[], role: Role) => users.map((user) => ({ user, role }));
