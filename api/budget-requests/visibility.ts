import { BUREAU_WIDE_ROLES, hasRole } from '../../domain';
import type { AuthedUser } from '../context';
import { forbidden } from '../errors';

/** Clerks see only their own unit; bureau roles and auditors see everything. */
export const seesAllUnits = (actor: AuthedUser): boolean => hasRole(actor, ...BUREAU_WIDE_ROLES);

export function assertMayRead(actor: AuthedUser, unitId: string): void {
  if (seesAllUnits(actor) || actor.unitId === unitId) return;
  throw forbidden('只能查看本单位的申请 / you can only see your own unit’s requests', 'not_own_unit');
}
