import { Prisma, type PrismaClient } from '../../prisma/client';
import type { AssigneeRule, Role } from '../../domain';
import { directSql } from '../../prisma/direct-sql';

type Person = { id: string };

/**
 * Who gets a task by a step's assignee rule: everyone holding a role; every principal leader plus the
 * unit's own leader in charge (every leader in charge when the unit names none); the unit's clerks
 * (the filing clerk when the unit has none). Each person once, tagged with the role they act in.
 * Read on the pg pool: every step's opening asks.
 */
export async function resolveAssignees(
  prisma: PrismaClient, rule: AssigneeRule, subject: { unitId: string; createdById: string },
): Promise<{ user: Person; role: Role }[]> {
  const people = (where: Prisma.Sql) => directSql<Person>(prisma, Prisma.sql`SELECT id FROM "User" WHERE ${where} ORDER BY username`);
  const withRole = (role: Role) => people(Prisma.sql`${role} = ANY(roles)`);
  const tagged = (users: Person[], role: Role) => users.map((user) => ({ user, role }));
  const unitLeader = async () => {
    const [unit] = await directSql<{ leaderInChargeId: string | null }>(prisma, Prisma.sql`SELECT "leaderInChargeId" FROM "Unit" WHERE id = ${subject.unitId}`);
    if (!unit) throw new Error(`no unit ${subject.unitId}`);
    return tagged(unit.leaderInChargeId ? [{ id: unit.leaderInChargeId }] : await withRole('leader_in_charge'), 'leader_in_charge');
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
      const clerks = await people(Prisma.sql`"unitId" = ${subject.unitId} AND 'dept_clerk' = ANY(roles)`);
      return tagged(clerks.length ? clerks : await people(Prisma.sql`id = ${subject.createdById}`), 'dept_clerk');
    }
  }
}
