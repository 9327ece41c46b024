import { z } from 'zod';

/** The people who use the engine (DOMAIN.md, "Actors"). A user may hold several roles. */
export const ROLES = {
  dept_clerk: { zh: '预算单位经办人', en: 'Budget-unit clerk' },
  finance_reviewer: { zh: '财政局预算股审核人', en: 'Finance reviewer' },
  finance_director: { zh: '财政局局长', en: 'Finance director' },
  leader_principal: { zh: '县委、县政府主要领导', en: 'Principal leader' },
  leader_in_charge: { zh: '分管领导', en: 'Leader in charge' },
  meeting_secretary: { zh: '县政府办（常务会议/办公会议）', en: 'Meeting secretary' },
  npc_liaison: { zh: '县人大常委会联络人', en: 'NPC standing committee liaison' },
  treasury_officer: { zh: '国库股', en: 'Treasury officer' },
  auditor: { zh: '审计/监督', en: 'Auditor' },
} as const;

export type Role = keyof typeof ROLES;
export const ZRole = z.enum(Object.keys(ROLES) as [Role, ...Role[]]);

/** Who is acting, as the API authenticated them. */
export interface Actor {
  userId: string;
  roles: Role[];
  unitId: string | null;
}

/** Roles that may read every request, not just their own unit's. */
export const BUREAU_WIDE_ROLES: readonly Role[] = [
  'finance_reviewer', 'finance_director', 'leader_principal', 'leader_in_charge',
  'meeting_secretary', 'npc_liaison', 'treasury_officer', 'auditor',
];

export const hasRole = (actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean =>
  roles.some((r) => actor.roles.includes(r));
