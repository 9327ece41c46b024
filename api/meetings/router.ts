import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps, AuthedUser } from '../context';
import { Prisma } from '../../prisma/client';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { conflict, forbidden, notFound } from '../errors';
import { idempotency } from '../idempotency';
import { hasRole, SITTING_KINDS, SittingKind, ZAgendaItems, ZCreateMeeting, ZMeetingOutcomes, ZSittingKind, zText } from '../../domain';
import { seesAllUnits } from '../budget-requests/visibility';
import { attachFile } from '../records/attach-file';
import { readBody } from '../records/read-body';
import { DEFAULT_MAX_BYTES, sendAttachment } from '../records/attachments-router';
import { MEETING_WITH_ITEMS, presentMeeting, presentMeetingHead } from './presenter';
import { addToAgenda, pendingForAgenda, removeFromAgenda } from './agenda';
import { decideAgenda } from './decide-agenda';

export const ZListMeetings = z.object({ kind: ZSittingKind.optional(), number: zText({ max: 200 }).optional() });
export const ZPendingQuery = z.object({ kind: ZSittingKind });
const ZMinutesQuery = z.object({ fileName: zText({ min: 1, max: 200, minMessage: '请给出文件名 / give the file name' }) });

/** Only the sitting's keeper (the meeting secretary, or the NPC liaison for a session) creates it and records its agenda and outcomes. */
function assertKeeper(actor: AuthedUser, kind: string): void {
  const { role, zh, en } = SITTING_KINDS[kind as SittingKind];
  if (!hasRole(actor, role)) throw forbidden(`只有${role === 'npc_liaison' ? '人大常委会联络人' : '县政府办会议秘书'}可以办理${zh} / only the ${role} keeps a ${en}`, 'not_meeting_keeper');
}

/** Meetings and NPC sessions: their minutes, their agenda of pending items, and the one outcome form deciding them. */
export function meetingsRouter(deps: ApiDeps): Router {
  const { prisma, attachmentMaxBytes = DEFAULT_MAX_BYTES } = deps;
  const router = Router();

  const load = async (id: string) => {
    const m = await prisma.meeting.findUnique({ where: { id }, include: MEETING_WITH_ITEMS });
    if (!m) throw notFound('会议 / meeting');
    return m;
  };
  const answer = async (id: string, actor: AuthedUser) => presentMeeting(prisma, await load(id), actor);

  router.get('/meetings', async (req, res) => {
    const { kind, number } = parse(ZListMeetings, req.query);
    const rows = await prisma.meeting.findMany({
      where: { ...(kind ? { kind } : {}), ...(number ? { number } : {}) }, orderBy: [{ date: 'desc' }, { createdAt: 'desc' }], take: 200,
      include: { items: { select: { status: true } } },
    });
    res.json({
      items: rows.map((m) => ({ ...presentMeetingHead(m), hasMinutes: m.minutesId !== null, itemCount: m.items.length, decidedCount: m.items.filter((i) => i.status === 'decided').length })),
    });
  });

  router.post('/meetings', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const body = parse(ZCreateMeeting, req.body);
    assertKeeper(actor, body.kind);
    const id = randomUUID();
    try {
      await prisma.meeting.create({ data: { id, ...body, date: new Date(`${body.date}T00:00:00Z`), createdById: actor.userId } });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw conflict('meeting_number_taken', `已有名为“${body.number}”的会议 / a meeting numbered ${body.number} exists`);
      throw err;
    }
    res.status(201).json({ meeting: await answer(id, actor) });
  });

  router.get('/meetings/pending-items', async (req, res) => {
    const actor = actorOf(req);
    const { kind } = parse(ZPendingQuery, req.query);
    assertKeeper(actor, kind);
    res.json({ items: await pendingForAgenda(prisma, actor, kind) });
  });

  router.get('/meetings/:id', async (req, res) => {
    res.json({ meeting: await answer(String(req.params.id), actorOf(req)) });
  });

  // The minutes are the raw body (PDF, Office or image, judged by content); a new upload replaces the listed one.
  router.post('/meetings/:id/minutes', async (req, res) => {
    const actor = actorOf(req);
    const m = await load(String(req.params.id));
    assertKeeper(actor, m.kind);
    const { fileName } = parse(ZMinutesQuery, req.query);
    const bytes = await readBody(req, attachmentMaxBytes);
    const { attachment, replayed } = await attachFile({
      prisma, actor, subject: { kind: 'meeting', id: m.id, round: 1, step: 'minutes' }, fileName, bytes, idempotencyKey: req.get('idempotency-key'),
    });
    await prisma.meeting.update({ where: { id: m.id }, data: { minutesId: attachment.id } });
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(replayed ? 200 : 201).json({ meeting: await answer(m.id, actor) });
  });

  // The minutes cover every unit's items: the bureau-wide roles read them.
  router.get('/meetings/:id/minutes', async (req, res) => {
    const m = await load(String(req.params.id));
    if (!seesAllUnits(actorOf(req))) throw forbidden('会议纪要仅供财政局、县领导及会议相关人员查看 / the minutes are for bureau-wide roles', 'not_own_unit');
    const file = m.minutesId ? await prisma.attachment.findUnique({ where: { id: m.minutesId } }) : null;
    if (!file) throw notFound('会议纪要 / minutes');
    sendAttachment(res, file);
  });

  router.post('/meetings/:id/items', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const m = await load(String(req.params.id));
    assertKeeper(actor, m.kind);
    await addToAgenda(prisma, m, parse(ZAgendaItems, req.body).items);
    res.json({ meeting: await answer(m.id, actor) });
  });

  router.delete('/meetings/:id/items/:itemId', async (req, res) => {
    const actor = actorOf(req);
    const m = await load(String(req.params.id));
    assertKeeper(actor, m.kind);
    await removeFromAgenda(prisma, m.id, String(req.params.itemId));
    res.json({ meeting: await answer(m.id, actor) });
  });

  router.post('/meetings/:id/outcomes', idempotency(prisma), async (req, res) => {
    const actor = actorOf(req);
    const m = await load(String(req.params.id));
    assertKeeper(actor, m.kind);
    const results = await decideAgenda(deps, actor, m, parse(ZMeetingOutcomes, req.body).items);
    res.json({ results, meeting: await answer(m.id, actor) });
  });

  return router;
}
