import { Response, Router } from 'express';
import { z } from 'zod';
import type { ApiDeps, AuthedUser } from '../context';
import { actorOf } from '../auth/session';
import { parse } from '../validate';
import { forbidden, notFound } from '../errors';
import { idempotency } from '../idempotency';
import { zText } from '../../domain';
import { writeAudit } from '../../activities/audit';
import { ATTACHMENT_LISTING, attachFile } from './attach-file';
import { readBody } from './read-body';
import { idOf, loadReadableSubject, SUBJECT_PATHS, type SubjectKind } from './readable-subject';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const ZAttachQuery = z.object({
  fileName: zText({ min: 1, max: 200, minMessage: '请给出文件名 / give the file name' }),
  comment: zText({ max: 2000 }).optional(),
});
const ZComment = z.object({ comment: zText({ min: 1, max: 2000, minMessage: '意见不能为空 / the comment must not be empty' }) });

/** Auditors read everything and write nothing; everyone else who may read a request may comment on it and attach files. */
function assertMayAnnotate(actor: AuthedUser): void {
  if (actor.roles.every((r) => r === 'auditor')) throw forbidden('审计人员只能查看 / auditors can only read', 'read_only');
}

/** Comments and files on the steps of a budget request or loan, and their download under the request's own read rule. */
export function attachmentsRouter({ prisma, attachmentMaxBytes = DEFAULT_MAX_BYTES }: ApiDeps): Router {
  const router = Router();
  for (const kind of Object.keys(SUBJECT_PATHS) as SubjectKind[]) {
    const base = `/${SUBJECT_PATHS[kind]}/:id`;

    // The file is the raw body (any Content-Type but JSON); its name and an optional comment ride in the query.
    router.post(`${base}/attachments`, async (req, res) => {
      const actor = actorOf(req);
      const subject = await loadReadableSubject(prisma, kind, idOf(req), actor);
      assertMayAnnotate(actor);
      const q = parse(ZAttachQuery, req.query);
      const bytes = await readBody(req, attachmentMaxBytes);
      const { attachment, replayed } = await attachFile({ prisma, actor, subject, fileName: q.fileName, comment: q.comment || undefined, bytes, idempotencyKey: req.get('idempotency-key') });
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.status(replayed ? 200 : 201).json({ attachment });
    });

    router.get(`${base}/attachments`, async (req, res) => {
      const subject = await loadReadableSubject(prisma, kind, idOf(req), actorOf(req));
      const items = await prisma.attachment.findMany({ where: { subjectType: kind, subjectId: subject.id }, select: ATTACHMENT_LISTING, orderBy: { uploadedAt: 'asc' } });
      res.json({ items, maxBytes: attachmentMaxBytes });
    });

    router.post(`${base}/comments`, idempotency(prisma), async (req, res) => {
      const actor = actorOf(req);
      const subject = await loadReadableSubject(prisma, kind, idOf(req), actor);
      assertMayAnnotate(actor);
      const { comment } = parse(ZComment, req.body);
      const key = req.get('idempotency-key');
      await writeAudit(prisma, {
        eventKey: `${subject.id}:comment:${actor.userId}:${key ?? crypto.randomUUID()}`, actorId: actor.userId, subjectType: kind, subjectId: subject.id,
        data: { type: 'comment_added', round: subject.round, step: subject.step, comment },
      });
      res.status(201).json({ comment: { round: subject.round, step: subject.step, comment, by: { id: actor.userId, displayName: actor.displayName } } });
    });
  }

  router.get('/attachments/:id', async (req, res) => {
    const file = await prisma.attachment.findUnique({ where: { id: String(req.params.id) } });
    if (!file) throw notFound('附件 / attachment');
    await loadReadableSubject(prisma, file.subjectType as SubjectKind, file.subjectId, actorOf(req));
    sendAttachment(res, file);
  });
  return router;
}

/** A stored file as the download it was uploaded as, its SHA-256 in X-Content-SHA256. */
export function sendAttachment(res: Response, file: { contentType: string; fileName: string; sha256: string; content: Uint8Array }): void {
  res.set({
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'X-Content-SHA256': file.sha256,
  }).send(Buffer.from(file.content));
}
