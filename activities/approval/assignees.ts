import type { PrismaClient } from '../../prisma/client';
import type { AssigneeRule, Role } from '../../domain';

type User = Awaited<ReturnType<PrismaClient['user']['findMany']>>[number];

/**
 * Who gets a task by a step's assignee rule: everyone holding a role; every principal leader plus the
 * unit's own leader in charge (every leader in charge when the unit names none); the unit's clerks
 * (the filing clerk when the unit has none). Each person once, tagged with the role they act in.
 */
export async function resolveAssignees(
  prisma: PrismaClient, rule: AssigneeRule, subject: { unitId: string; createdById: string },
): Promise<{ user: User; role: Role }[]> {
  const withRole = (role: Role) => prisma.user.findMany({ where: { roles: { has: role } }, orderBy: { username: 'asc' } });
  const tagged = (users: User[], role: Role) => users.map((user) => ({ user, role }));
  const unitLeader = async () => {
    const unit = await prisma.unit.findUniqueOrThrow({ where: { id: subject.unitId }, include: { leaderInCharge: true } });
    return tagged(unit.leaderInCharge ? [unit.leaderInCharge] : await withRole('leader_in_charge'), 'leader_in_charge');
  };
  switch (rule.kind) {
    case 'role':
      return tagged(await withRole(rule.role), rule.role);
    case 'principals_and_unit_leader': {
      const principals = tagged(await withRole('leader_principal'), 'leader_principal');
      const seen = new Set(principals.map((p) => p.user.id));
      return [...principals, ...(await unitLeader()).filter((p) => !seen.has(p.user.id))];
    }
    case 'unit_leader':
      return unitLeader();
    case 'unit_clerks': {
      const clerks = await prisma.user.findMany({ where: { unitId: subject.unitId, roles: { has: 'dept_clerk' } }, orderBy: { username: 'asc' } });
      return tagged(clerks.length ? clerks : await prisma.user.findMany({ where: { id: subject.createdById } }), 'dept_clerk');
    }
  }
}
