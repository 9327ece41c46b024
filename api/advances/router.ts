import { createHash } from 'node:crypto';
import express, { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { AppError, forbidden, notFound } from '../errors';
import { idempotency } from '../idempotency';
import { withWorkflowDeadline } from '../workflow-calls';
import { chinaDate, checkStockEntry, hasRole, normalizeYuan, parseStockRows, toDateColumn, ZOpeningStockEntry, ZReductionMilestone } from '../../domain';
import { assessReductionPlan } from '../../activities/advances-plan';
import { COUNTY } from '../../activities/loan-cap';
import { writeAudit } from '../../activities/audit';
import { seesAllUnits } from '../budget-requests/visibility';
import { XLSX_TYPE } from '../workbook';
import { ZAdvanceMovement, ZLedgerQuery } from './schema';
import { enterOpeningStock } from './enter-opening-stock';
import { openingStockTemplate, readStockWorkbook } from './stock-workbook';
import { recordAdvanceMovement } from './record-advance-movement';
import { listLedger } from './list-ledger';
import { presentAdvance, presentMovement, presentRecoveryCase } from './presenter';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * The county's advances ledger (R-L8, R-L11): read by the bureau, leaders and auditors; opening stock
 * (存量暂付款) entered by the finance director by form or Excel import; its repayments and write-offs.
 */
export function advancesRouter({ prisma, temporal, taskQueue }: ApiDeps): Router {
  const router = Router();
  const assertReader = (req: express.Request) => {
    if (!seesAllUnits(actorOf(req))) throw forbidden('暂付款台账仅供财政局、县领导及审计查看 / the advances ledger is for the bureau, leaders and auditors', 'wrong_role');
  };
  const assertDirector = (req: express.Request) => {
    if (!hasRole(actorOf(req), 'finance_director')) throw forbidden('存量暂付款由财政局局长录入 / only the finance director enters the opening stock', 'wrong_role');
  };

  router.get('/advances/ledger', async (req, res) => {
    assertReader(req);
    const q = parse(ZLedgerQuery, req.query);
    const { rows, ...totals } = await listLedger(prisma, q);
    res.json({ items: rows.map(presentAdvance), ...totals });
  });

  // R-L11: every recovery case with its trace-back (倒查), open ones first, for the director, leaders and auditors.
  router.get('/advances/recovery-cases', async (req, res) => {
    assertReader(req);
    const cases = await prisma.recoveryCase.findMany({ include: { advance: { include: { recoveryCases: { select: { id: true, status: true, findingId: true } } } } }, orderBy: [{ status: 'asc' }, { openedAt: 'asc' }] });
    res.json({ items: cases.map((c) => ({ ...presentRecoveryCase(c), advance: presentAdvance(c.advance) })) });
  });

  router.get('/advances/ledger/:id', async (req, res) => {
    assertReader(req);
    const a = await prisma.advance.findUnique({
      where: { id: String(req.params.id) },
      include: { movements: { orderBy: { recordedAt: 'asc' } }, recoveryCases: { orderBy: { openedAt: 'asc' } } },
    });
    if (!a) throw notFound('暂付款 / advance');
    res.json({ advance: presentAdvance(a), movements: a.movements.map(presentMovement), recoveryCases: a.recoveryCases.map(presentRecoveryCase) });
  });

  router.get('/advances/opening-stock/template', async (req, res) => {
    assertDirector(req);
    res.setHeader('content-type', XLSX_TYPE);
    res.setHeader('content-disposition', `attachment; filename="opening-stock-template.xlsx"; filename*=UTF-8''${encodeURIComponent('存量暂付款导入模板.xlsx')}`);
    res.send(await openingStockTemplate());
  });

  // One advance entered by form; a retry with the same Idempotency-Key answers the same.
  router.post('/advances/opening-stock', idempotency(prisma), async (req, res) => {
    assertDirector(req);
    const entry = parse(ZOpeningStockEntry, req.body);
    const problems = checkStockEntry(entry, chinaDate(Date.now()));
    if (problems.length) throw new AppError(400, 'invalid_input', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });
    const { added } = await enterOpeningStock({ prisma, actor: actorOf(req), entries: [entry], source: 'form' });
    if (!added.length) throw new AppError(409, 'already_entered', '这笔存量暂付款已登记过（内容完全相同） / this advance is already in the ledger');
    res.status(201).json({ advance: presentAdvance(added[0]) });
  });

  // The whole file or nothing: every bad row and column is named; rows already in the ledger are skipped.
  router.post('/advances/opening-stock/import', express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }), async (req, res) => {
    assertDirector(req);
    const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const sheet = file.length ? await readStockWorkbook(file) : null;
    if (!sheet) throw new AppError(400, 'invalid_file', '请上传由模板填写的 Excel 文件（.xlsx） / upload the .xlsx file filled from the template');
    const { entries, errors } = parseStockRows(sheet.rows, chinaDate(Date.now()), sheet.rowNumbers);
    if (errors.length) {
      throw new AppError(422, 'invalid_rows', `文件有 ${new Set(errors.map((e) => e.row)).size} 行不合格，整份未导入 / ${errors.length} problems; nothing was imported: `
        + errors.map((e) => `第${e.row}行「${e.column}」${e.message}`).join('; '), { rows: errors });
    }
    const fileHash = createHash('sha256').update(file).digest('hex');
    const { added, skipped, amount } = await enterOpeningStock({ prisma, actor: actorOf(req), entries, source: 'import', fileHash });
    res.status(added.length ? 201 : 200).json({ added: added.length, skipped, amount, items: added.map(presentAdvance) });
  });

  // R-L11: the reduction plan (暂付款消化方案): milestones assessed against the balance history.
  router.get('/advances/reduction-plan', async (req, res) => {
    assertReader(req);
    const today = chinaDate(Date.now());
    const [plan, position] = await Promise.all([assessReductionPlan(prisma, today), prisma.advancesPosition.findUnique({ where: { id: COUNTY } })]);
    const balance = normalizeYuan(position?.outstanding ?? '0');
    // The chart ends on today's live balance, whatever the last daily snapshot said.
    const history = [...plan.history.filter((p) => p.day < today), { day: today, outstanding: balance }];
    res.json({ today, balance, history, milestones: plan.milestones.map(({ missedAt, atRiskAt, ...m }) => ({ ...m, missedAt, atRiskAt })) });
  });

  router.post('/advances/reduction-plan/milestones', idempotency(prisma), async (req, res) => {
    assertDirector(req);
    const m = parse(ZReductionMilestone, req.body);
    const actor = actorOf(req);
    const row = await prisma.$transaction(async (tx) => {
      const saved = await tx.reductionMilestone.upsert({
        where: { dueOn: toDateColumn(m.dueOn) },
        create: { id: crypto.randomUUID(), dueOn: toDateColumn(m.dueOn), target: m.target, note: m.note || null, createdById: actor.userId },
        // a changed target is judged afresh, so its e-mails can go out again
        update: { target: m.target, note: m.note || null, missedAt: null, atRiskAt: null },
      });
      await writeAudit(tx, {
        eventKey: `reduction_milestone:${crypto.randomUUID()}`, actorId: actor.userId, subjectType: 'advances', subjectId: COUNTY,
        data: { type: 'reduction_milestone_set', dueOn: m.dueOn, target: m.target },
      });
      return saved;
    });
    res.status(201).json({ milestone: { id: row.id, dueOn: m.dueOn, target: normalizeYuan(row.target), note: row.note ?? '' } });
  });

  router.delete('/advances/reduction-plan/milestones/:id', async (req, res) => {
    assertDirector(req);
    const gone = await prisma.reductionMilestone.deleteMany({ where: { id: String(req.params.id) } });
    if (!gone.count) throw notFound('消化目标 / milestone');
    res.status(204).end();
  });

  // Runs the daily check now (the schedule runs it at 00:30 China time): records today's balance, e-mails misses.
  router.post('/advances/reduction-plan/check', async (req, res) => {
    assertDirector(req);
    const result = await withWorkflowDeadline(temporal, () => temporal.workflow.execute('advancesDailyWorkflow', {
      workflowId: `advances-daily-manual-${crypto.randomUUID()}`, taskQueue, args: [],
    }));
    res.json({ result });
  });

  for (const [path, kind] of [['repayments', 'repayment'], ['write-offs', 'write_off']] as const) {
    router.post(`/advances/ledger/:id/${path}`, async (req, res) => {
      const movement = parse(ZAdvanceMovement, req.body);
      const r = await recordAdvanceMovement({ prisma, actor: actorOf(req), advanceId: String(req.params.id), kind, movement });
      res.status(r.replayed ? 200 : 201).json({ movement: presentMovement(r.movement), advance: { id: r.advance.id, outstanding: r.advance.outstanding, status: r.advance.status } });
    });
  }

  return router;
}
