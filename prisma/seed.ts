import bcrypt from 'bcryptjs';
import type { PrismaClient } from './client';
import type { Role } from '../domain';

/** The password of every demo account (printed by npm start). */
export const DEMO_PASSWORD = 'demo1234';

export const DEMO_UNITS = [
  { id: 'unit-jyj', code: '101', name: '县教育局', nameEn: 'County Education Bureau', level: 'first_level', kind: 'administrative', leaderInChargeId: 'user-vice-edu' },
  { id: 'unit-wjw', code: '102', name: '县卫生健康委员会', nameEn: 'County Health Commission', level: 'first_level', kind: 'administrative', leaderInChargeId: 'user-vice-edu' },
  { id: 'unit-slj', code: '103', name: '县水利局', nameEn: 'County Water Resources Bureau', level: 'first_level', kind: 'administrative', leaderInChargeId: 'user-vice-infra' },
  { id: 'unit-zxxx', code: '101001', name: '县中心小学', nameEn: 'County Central Primary School', level: 'second_level', kind: 'institution', leaderInChargeId: 'user-vice-edu' },
  { id: 'unit-ctgs', code: '901', name: '县城市建设投资有限公司', nameEn: 'County Urban Construction Investment Co.', level: 'first_level', kind: 'enterprise', leaderInChargeId: 'user-vice-infra' },
] as const;

export const DEMO_USERS: { id: string; username: string; displayName: string; roles: Role[]; unitId?: string }[] = [
  { id: 'user-clerk-edu', username: 'clerk_edu', displayName: '王敏（教育局经办人）', roles: ['dept_clerk'], unitId: 'unit-jyj' },
  { id: 'user-clerk-health', username: 'clerk_health', displayName: '李静（卫健委经办人）', roles: ['dept_clerk'], unitId: 'unit-wjw' },
  { id: 'user-clerk-water', username: 'clerk_water', displayName: '赵强（水利局经办人）', roles: ['dept_clerk'], unitId: 'unit-slj' },
  { id: 'user-clerk-school', username: 'clerk_school', displayName: '孙丽（中心小学经办人）', roles: ['dept_clerk'], unitId: 'unit-zxxx' },
  { id: 'user-clerk-ctgs', username: 'clerk_ctgs', displayName: '周涛（城投公司经办人）', roles: ['dept_clerk'], unitId: 'unit-ctgs' },
  { id: 'user-reviewer', username: 'reviewer', displayName: '陈红（预算股审核人）', roles: ['finance_reviewer'] },
  { id: 'user-director', username: 'director', displayName: '刘洋（财政局局长）', roles: ['finance_director'] },
  { id: 'user-secretary', username: 'party_secretary', displayName: '张书记（县委书记）', roles: ['leader_principal'] },
  { id: 'user-mayor', username: 'county_mayor', displayName: '黄县长（县长）', roles: ['leader_principal'] },
  { id: 'user-vice-edu', username: 'vice_mayor_edu', displayName: '吴副县长（分管教育卫生）', roles: ['leader_in_charge'] },
  { id: 'user-vice-infra', username: 'vice_mayor_infra', displayName: '郑副县长（分管城建水利）', roles: ['leader_in_charge'] },
  { id: 'user-meeting', username: 'meeting_secretary', displayName: '冯秘书（县政府办）', roles: ['meeting_secretary'] },
  { id: 'user-npc', username: 'npc_liaison', displayName: '何主任（人大常委会联络人）', roles: ['npc_liaison'] },
  { id: 'user-treasury', username: 'treasury', displayName: '林会计（国库股）', roles: ['treasury_officer'] },
  { id: 'user-auditor', username: 'auditor', displayName: '高审计（审计局）', roles: ['auditor'] },
];

export const DEMO_FISCAL_YEARS = [
  { year: 2026, generalBudgetExpenditure: '3200000000.00', fundBudgetExpenditure: '800000000.00', availableResources: '50000000.00' },
  { year: 2027, generalBudgetExpenditure: '3350000000.00', fundBudgetExpenditure: '820000000.00', availableResources: '60000000.00' },
];

/** Seeds the demo county; running it again changes nothing that is already there. */
export async function seedDemo(prisma: PrismaClient, { mailDomain = 'county.local', bcryptRounds = 10 } = {}): Promise<void> {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, bcryptRounds);
  await prisma.$transaction(async (tx) => {
    await tx.user.createMany({
      data: DEMO_USERS.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, email: `${u.username}@${mailDomain}`, passwordHash, roles: u.roles, unitId: null })),
      skipDuplicates: true,
    });
    await tx.unit.createMany({ data: DEMO_UNITS.map((u) => ({ ...u })), skipDuplicates: true });
    for (const u of DEMO_USERS) if (u.unitId) await tx.user.updateMany({ where: { id: u.id, unitId: null }, data: { unitId: u.unitId } });
    await tx.fiscalYear.createMany({ data: DEMO_FISCAL_YEARS, skipDuplicates: true });
  });
}
