import type { PrismaClient } from '../prisma/client';
import { checkFiscalCapacity, missingFiguresViolation, normalizeYuan, RULES, violation } from '../domain';
import { writeAudit } from './audit';
import type { Mailer } from './mail';
import { ruleFailure } from './loan-cap';

export interface YearTurnDeps { prisma: PrismaClient; mailer: Mailer; publicUrl: string }

/** A request the director must decide at the year turn. */
export interface YearTurnItem {
  requestId: string; number: string; unitId: string; unitName: string; amount: string; status: string; step: string;
  /** whether it holds a reservation of the old year's available resources (R-B3) */
  reserved: boolean;
}

export interface YearTurnDecision { requestId: string; action: 'carry' | 'lapse' }

const OPEN_STATUSES = ['in_review', 'returned'];

/** The side effects of the year turn (R-B11); each is idempotent, so a retry changes nothing twice. */
export function createYearTurnActivities({ prisma, mailer, publicUrl }: YearTurnDeps) {
  const directors = () => prisma.user.findMany({ where: { roles: { has: 'finance_director' } }, orderBy: { username: 'asc' } });

  return {
    /**
     * Lists the old year's requests still in their chain (with their reservations), records the turn, and
     * gives every finance director one task listing them, by e-mail too. A turn already opened is returned as it is.
     */
    async openYearTurn({ fromYear, toYear }: { fromYear: number; toYear: number }): Promise<{ items: YearTurnItem[]; status: string }> {
      const existing = await prisma.yearTurn.findUnique({ where: { fromYear } });
      if (existing) return { items: existing.items as unknown as YearTurnItem[], status: existing.status };
      const open = await prisma.budgetRequest.findMany({
        where: { fiscalYear: fromYear, status: { in: OPEN_STATUSES } }, include: { unit: true, reservation: true }, orderBy: { createdAt: 'asc' },
      });
      const items: YearTurnItem[] = open.map((r) => ({
        requestId: r.id, number: r.number, unitId: r.unitId, unitName: r.unit.name, amount: normalizeYuan(r.amount), status: r.status, step: r.step,
        reserved: r.reservation?.status === 'reserved',
      }));
      const people = await directors();
      await prisma.$transaction(async (tx) => {
        await tx.yearTurn.createMany({ data: [{ fromYear, toYear, status: items.length ? 'open' : 'decided', items: items as object[], ...(items.length ? {} : { decidedAt: new Date(), decisions: [] }) }], skipDuplicates: true });
        if (items.length) {
          await tx.task.createMany({
            data: people.map((u) => ({ id: crypto.randomUUID(), subjectType: 'year_turn', subjectId: `year-turn-${fromYear}`, round: 1, step: 'year_turn', assigneeId: u.id, role: 'finance_director', status: 'open', priority: 1 })),
            skipDuplicates: true,
          });
        }
        await writeAudit(tx, {
          eventKey: `year_turn:${fromYear}:opened`, subjectType: 'fiscal_year', subjectId: String(fromYear),
          data: { type: 'year_turn_opened', fromYear, toYear, requests: items.length },
        });
      });
      if (items.length) {
        const list = items.map((i) => `- ${i.number} ${i.unitName} ${i.amount} 元${i.reserved ? '（已预留 reserved）' : ''}`).join('\n');
        for (const u of people) {
          await mailer.send({
            key: `year_turn:${fromYear}:opened:${u.id}`, to: u.email,
            subject: `${fromYear} 年度结束：${items.length} 项追加预算待决定结转或失效（R-B11） / Year turn: ${items.length} requests to carry over or let lapse`,
            text: `R-B11「${RULES['R-B11'].zh}」\n\n以下申请仍在审批中，请逐项决定结转到 ${toYear} 年（按 R-B3 重新核定可用财力）或失效（释放预留并通知单位）：\nThese requests are still in their chain; carry each into ${toYear} (re-checked under R-B3) or let it lapse:\n\n${list}\n\n${publicUrl}/year-turn/${fromYear}`,
          });
        }
      }
      return { items, status: items.length ? 'open' : 'decided' };
    },

    /** Reminds the directors while the turn waits for their decision (once per `day`). */
    async remindYearTurn({ fromYear, day }: { fromYear: number; day: string }): Promise<void> {
      for (const u of await directors()) {
        await mailer.send({
          key: `year_turn:${fromYear}:remind:${day}:${u.id}`, to: u.email,
          subject: `提醒：${fromYear} 年度结转事项仍待决定（R-B11） / Reminder: the year turn awaits your decision`,
          text: `${publicUrl}/year-turn/${fromYear}`,
        });
      }
    },

    /**
     * Applies the director's decisions in one transaction, or nothing: a carried request moves to the new
     * year and its reservation is taken from the new year's available resources by the same conditional
     * UPDATE as R-B3 (a refusal names the request); a lapsed one releases its reservation, closes its tasks
     * and ends as lapsed. Then the departments of lapsed requests are told by e-mail.
     */
    async applyYearTurn({ fromYear, toYear, actorId, decisions }: { fromYear: number; toYear: number; actorId: string; decisions: YearTurnDecision[] }): Promise<{ carried: number; lapsed: number }> {
      await prisma.$transaction(async (tx) => {
        const turn = await tx.yearTurn.findUniqueOrThrow({ where: { fromYear } });
        if (turn.status === 'decided') return; // a retry
        const items = turn.items as unknown as YearTurnItem[];
        if (!(await tx.fiscalYear.findUnique({ where: { year: toYear } })) && decisions.some((d) => d.action === 'carry')) {
          throw ruleFailure([missingFiguresViolation(toYear, 'R-B3')]);
        }
        for (const d of decisions) {
          const item = items.find((i) => i.requestId === d.requestId)!;
          const held = await tx.reservation.findUnique({ where: { requestId: d.requestId } });
          const reserved = held?.status === 'reserved' ? normalizeYuan(held.amount) : null;
          if (reserved) await tx.$executeRaw`UPDATE "FiscalYear" SET reserved = reserved - ${reserved}::numeric, "updatedAt" = now() WHERE year = ${held!.fiscalYear}`;
          if (d.action === 'carry') {
            if (reserved) {
              const moved = await tx.$executeRaw`
                UPDATE "FiscalYear" SET reserved = reserved + ${reserved}::numeric, "updatedAt" = now()
                WHERE year = ${toYear} AND "availableResources" - reserved - committed >= ${reserved}::numeric`;
              if (moved === 0) {
                const fy = await tx.fiscalYear.findUniqueOrThrow({ where: { year: toYear } });
                const found = checkFiscalCapacity(reserved, { availableResources: normalizeYuan(fy.availableResources), reserved: normalizeYuan(fy.reserved), committed: normalizeYuan(fy.committed) });
                throw ruleFailure((found.length ? found : [violation('R-B3', 'exceeds', 'amount')]).map((v) => ({ ...v, field: d.requestId, detail: `${item.number}: ${v.detail}` })));
              }
              await tx.reservation.update({ where: { requestId: d.requestId }, data: { fiscalYear: toYear } });
            }
            await tx.budgetRequest.update({ where: { id: d.requestId }, data: { fiscalYear: toYear } });
          } else {
            if (reserved) await tx.reservation.update({ where: { requestId: d.requestId }, data: { status: 'released' } });
            await tx.budgetRequest.update({ where: { id: d.requestId }, data: { status: 'lapsed', step: 'lapsed' } });
            await tx.task.updateMany({ where: { subjectId: d.requestId, status: 'open' }, data: { status: 'closed', closedAt: new Date() } });
          }
          await writeAudit(tx, {
            eventKey: `${d.requestId}:year_turn:${fromYear}`, actorId, subjectType: 'budget', subjectId: d.requestId,
            data: { type: 'year_turn_decided', fromYear, toYear, action: d.action, amount: item.amount },
          });
        }
        await tx.yearTurn.update({ where: { fromYear }, data: { status: 'decided', decisions: decisions as object[], decidedAt: new Date(), decidedById: actorId } });
        await tx.task.updateMany({ where: { subjectId: `year-turn-${fromYear}`, status: 'open' }, data: { status: 'closed', closedAt: new Date() } });
        await tx.task.updateMany({ where: { subjectId: `year-turn-${fromYear}`, assigneeId: actorId }, data: { status: 'done' } });
      });
      const lapsed = decisions.filter((d) => d.action === 'lapse');
      // Outside the transaction, and also on a retry: keyed mails go out once.
      for (const d of lapsed) {
        const r = await prisma.budgetRequest.findUniqueOrThrow({ where: { id: d.requestId } });
        const clerks = await prisma.user.findMany({ where: { OR: [{ id: r.createdById }, { unitId: r.unitId, roles: { has: 'dept_clerk' } }] } });
        for (const u of clerks) {
          await mailer.send({
            key: `budget:${d.requestId}:lapsed:${u.id}`, to: u.email,
            subject: `追加预算 ${r.number} 已随 ${fromYear} 年度结束失效（R-B11） / Request lapsed at the year turn`,
            text: `R-B11「${RULES['R-B11'].zh}」\n\n财政局局长决定：申请 ${r.number}（${normalizeYuan(r.amount)} 元）未在 ${fromYear} 年度内完成审批，不结转到 ${toYear} 年，预留的可用财力已释放。如仍需要，请在新年度重新提交。\nThe finance director let request ${r.number} lapse at the end of ${fromYear}; its reservation is released. File it again in ${toYear} if it is still needed.\n\n${publicUrl}/budget-requests/${d.requestId}`,
          });
        }
      }
      return { carried: decisions.length - lapsed.length, lapsed: lapsed.length };
    },
  };
}

export type YearTurnActivities = ReturnType<typeof createYearTurnActivities>;

