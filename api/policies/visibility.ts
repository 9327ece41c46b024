import type { Prisma } from '../../prisma/client';
import type { AuthedUser } from '../context';
import { forbidden } from '../errors';
import { seesAllUnits } from '../budget-requests/visibility';

/**
 * A policy in force is the county's and every unit may implement it, so every clerk sees those;
 * one still in its chain (or ended) only its drafting unit's clerks and the bureau see.
 */
export function policyVisibility(actor: AuthedUser): Prisma.PolicyWhereInput {
  return seesAllUnits(actor) ? {} : { OR: [{ unitId: actor.unitId ?? '-' }, { status: 'in_force' }] };
}

export function assertMayReadPolicy(actor: AuthedUser, p: { unitId: string; status: string }): void {
  if (seesAllUnits(actor) || actor.unitId === p.unitId || p.status === 'in_force') return;
  throw forbidden('只能查看本单位起草或已生效的政策 / you can only see your own unit’s policies and those in force', 'not_own_unit');
}
