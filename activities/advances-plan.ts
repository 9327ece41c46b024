import type { PrismaClient } from '../prisma/client';
import { assessPlan, BalancePoint, dateColumn, normalizeYuan, RULES, toDateColumn } from '../domain';
import { writeAudit } from './audit';
import type { Mailer } from './mail';
import { COUNTY } from './loan-cap';

export interface AdvancesPlanDeps { prisma: PrismaClient; mailer: Mailer; publicUrl: string }

/** The balance history the plan is judged on: one point per China day, oldest first. */
export async function balanceHistory(prisma: PrismaClient): Promise<BalancePoint[]> {
  const rows = await prisma.advancesSnapshot.findMany({ orderBy: { day: 'asc' } });
  return rows.map((r) => ({ day: dateColumn(r.day), outstanding: normalizeYuan(r.outstanding) }));
}

/** The county's reduction plan (暂付款消化方案, R-L11) as of `today`: each milestone assessed. */
export async function assessReductionPlan(prisma: PrismaClient, today: string) {
  const [milestones, history] = await Promise.all([prisma.reductionMilestone.findMany({ orderBy: { dueOn: 'asc' } }), balanceHistory(prisma)]);
  const assessed = assessPlan(milestones.map((m) => ({ dueOn: dateColumn(m.dueOn), target: normalizeYuan(m.target), note: m.note ?? '' })), history, today);
  return { history, milestones: assessed.map((a, i) => ({ id: milestones[i].id, ...a, missedAt: milestones[i].missedAt, atRiskAt: milestones[i].atRiskAt })) };
}

/** The daily work of the advances schedule: record the day's balance, then escalate what the plan misses. */
export function createAdvancesPlanActivities({ prisma, mailer, publicUrl }: AdvancesPlanDeps) {
  return {
    /** Records the county's balance for China day `day` (a re-run that day records the latest balance). */
    async recordAdvancesSnapshot({ day }: { day: string }): Promise<string> {
      const p = await prisma.advancesPosition.findUnique({ where: { id: COUNTY } });
      const outstanding = normalizeYuan(p?.outstanding ?? '0');
      await prisma.advancesSnapshot.upsert({ where: { day: toDateColumn(day) }, create: { day: toDateColumn(day), outstanding }, update: { outstanding, takenAt: new Date() } });
      return outstanding;
    },

    /**
     * R-L11: e-mails the finance director and the principal leaders once per milestone when it is
     * missed, and once when the trend says the next one will be. The claim on missedAt/atRiskAt is a
     * conditional UPDATE and the mails are keyed, so a retried activity or a second run sends nothing twice.
     */
    async checkReductionPlan({ today }: { today: string }): Promise<{ missed: string[]; atRisk: string[] }> {
      const { milestones } = await assessReductionPlan(prisma, today);
      const people = await prisma.user.findMany({ where: { roles: { hasSome: ['finance_director', 'leader_principal'] } }, orderBy: { username: 'asc' } });
      const out = { missed: [] as string[], atRisk: [] as string[] };
      for (const m of milestones) {
        const kind = m.status === 'missed' ? 'missed' : m.status === 'at_risk' ? 'at_risk' : null;
        if (!kind) continue;
        const column = kind === 'missed' ? 'missedAt' : 'atRiskAt';
        const eventKey = `reduction:${m.id}:${kind}`;
        const claimed = await prisma.reductionMilestone.updateMany({ where: { id: m.id, [column]: null }, data: { [column]: new Date() } });
        // Told before: claimed earlier and the audit event (written after the mails) is there. A run that
        // died between the claim and the audit sends again; the mails are keyed, so each goes out once.
        if (claimed.count === 0 && await prisma.auditEvent.findUnique({ where: { eventKey } })) continue;
        (kind === 'missed' ? out.missed : out.atRisk).push(m.dueOn);
        const subject = kind === 'missed'
          ? `暂付款消化方案目标未完成：${m.dueOn} 余额应不超过 ${m.target} 元 / Reduction milestone missed`
          : `暂付款消化方案预警：按目前进度 ${m.dueOn} 的目标将无法完成 / Reduction milestone at risk`;
        const text = [
          `R-L11「${RULES['R-L11'].zh}」`,
          '',
          kind === 'missed'
            ? `截至 ${m.dueOn}，全县暂付款余额 ${m.balance} 元，高于消化目标 ${m.target} 元，超出部分须加快清收（违规出借优先）。`
            : `按近 90 天的消化进度推算，${m.dueOn} 全县暂付款余额约为 ${m.projected} 元，高于目标 ${m.target} 元（当前余额 ${m.balance} 元）。`,
          kind === 'missed'
            ? `By ${m.dueOn} the county's advances stood at ${m.balance}, above the plan's target of ${m.target}.`
            : `At the pace of the last 90 days the balance on ${m.dueOn} will be about ${m.projected}, above the target of ${m.target} (now ${m.balance}).`,
          m.note ? `\n方案说明 / Plan note: ${m.note}` : '',
          '',
          `${publicUrl}/advances`,
        ].join('\n');
        for (const u of people) await mailer.send({ key: `reduction:${m.id}:${kind}:${u.id}`, to: u.email, subject, text });
        await writeAudit(prisma, {
          eventKey, subjectType: 'advances', subjectId: COUNTY,
          data: { type: kind === 'missed' ? 'reduction_milestone_missed' : 'reduction_milestone_at_risk', dueOn: m.dueOn, target: m.target, balance: m.balance ?? '0.00', ...(m.projected ? { projected: m.projected } : {}) },
        });
      }
      return out;
    },
  };
}

export type AdvancesPlanActivities = ReturnType<typeof createAdvancesPlanActivities>;
