import { z } from 'zod';
import { fromFen, toFen, Yuan, ZYuan } from './money';
import { daysBetween, IsoDate, ZIsoDate } from './china-calendar';

/**
 * The county's reduction plan for its advances (暂付款消化方案, R-L11): milestones "the balance is at
 * most `target` by `dueOn`". Pure: the caller hands in the balance history and today's China date.
 */
export const ZReductionMilestone = z.object({
  dueOn: ZIsoDate,
  target: ZYuan,
  note: z.string().trim().max(500).default(''),
});
export type ReductionMilestone = z.infer<typeof ZReductionMilestone>;

/**
 * met: the due date passed with the balance at or under target; missed: over it; at_risk: the trend will
 * miss the next one; on_track: it will not (or it is further ahead); unknown: no balance recorded by then.
 */
export type MilestoneStatus = 'met' | 'missed' | 'at_risk' | 'on_track' | 'unknown';

export interface BalancePoint { day: IsoDate; outstanding: Yuan }

/** How far back the trend looks: the balance's change over the last 90 days, carried forward. */
export const TREND_DAYS = 90;

/** The balance on `day`: the last recorded point on or before it (null before the first point). */
export function balanceOn(history: BalancePoint[], day: IsoDate): Yuan | null {
  let found: Yuan | null = null;
  for (const p of history) if (p.day <= day) found = p.outstanding;
  return found;
}

/**
 * The balance the current trend reaches on `day`: today's balance plus its change over the last
 * TREND_DAYS (or since the first point), scaled to the days ahead, in whole fen (rounded toward zero).
 */
export function projectBalance(history: BalancePoint[], today: IsoDate, day: IsoDate): Yuan | null {
  const now = balanceOn(history, today);
  if (now === null) return null;
  const first = history.find((p) => p.day <= today);
  const since = history.filter((p) => p.day <= today && daysBetween(p.day, today) <= TREND_DAYS)[0] ?? first;
  if (!since || since.day === today) return now;
  const back = BigInt(daysBetween(since.day, today));
  const ahead = BigInt(Math.max(0, daysBetween(today, day)));
  const change = toFen(now) - toFen(since.outstanding);
  const projected = toFen(now) + (change * ahead) / back;
  return fromFen(projected < 0n ? 0n : projected);
}

/**
 * Each milestone's status on `today`. A passed milestone is judged on the balance of its due date; the
 * next one ahead is at risk when the trend's projected balance on its date is over the target.
 */
export function assessPlan(milestones: ReductionMilestone[], history: BalancePoint[], today: IsoDate) {
  const sorted = [...milestones].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const next = sorted.find((m) => m.dueOn >= today);
  return sorted.map((m) => {
    if (m.dueOn < today) {
      const balance = balanceOn(history, m.dueOn);
      const status: MilestoneStatus = balance === null ? 'unknown' : toFen(balance) > toFen(m.target) ? 'missed' : 'met';
      return { ...m, status, balance, projected: null as Yuan | null };
    }
    const projected = m === next ? projectBalance(history, today, m.dueOn) : null;
    const status: MilestoneStatus = projected !== null && toFen(projected) > toFen(m.target) ? 'at_risk' : 'on_track';
    return { ...m, status, balance: balanceOn(history, today), projected };
  });
}
