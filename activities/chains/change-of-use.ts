import { BUDGET_CATEGORIES, BudgetCategory, CHANGE_OF_USE_CHAIN_DEFINITION } from '../../domain';
import type { PrismaChainSubjects } from '../approval/subjects';
import { rowChain } from './row-chain';
import { yuanText } from '../mail-format';

const category = (c: string) => BUDGET_CATEGORIES[c as BudgetCategory]?.zh ?? c;

/**
 * What the R-B10 chain adds to the engine: the change-of-use request, 三保 money's tasks first
 * (R-B5), and the change recorded (meeting reference, time) when the executive meeting approves it.
 */
export function changeOfUseSubjects(): PrismaChainSubjects {
  return rowChain({
    definition: CHANGE_OF_USE_CHAIN_DEFINITION,
    async find(db, id) {
      const c = await db.changeOfUseRequest.findUniqueOrThrow({ where: { id }, include: { unit: true } });
      return {
        unitId: c.unitId, createdById: c.createdById, priority: c.sourceThreeGuarantees ? 1 : 0, number: c.number, path: `/changes-of-use/${id}`,
        lines: [
          `单位 / Unit: ${c.unit.name}`, `金额 / Amount: ${yuanText(c.amount)}`,
          `调出 / From: ${c.fromUse}（${category(c.fromCategory)}）`, `调入 / To: ${c.toUse}（${category(c.toCategory)}）`,
        ],
      };
    },
    update: (tx, id, { step, status }) => tx.changeOfUseRequest.update({ where: { id }, data: { step, status } }),
    effects: {
      async record_change(tx, i) {
        await tx.changeOfUseRequest.update({ where: { id: i.subjectId }, data: { meetingReference: i.decision.meetingReference ?? null, recordedAt: new Date() } });
      },
    },
  });
}
