import { createHash, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../prisma/client';
import { Prisma } from '../../prisma/client';
import { ACCEPTED_FILE_LABELS, detectFileType } from '../../domain';
import { writeAudit } from '../../activities/audit';
import type { AuthedUser } from '../context';
import { AppError } from '../errors';
import type { ReadableSubject } from './readable-subject';

export interface AttachFileOptions {
  prisma: PrismaClient;
  actor: AuthedUser;
  /** a request or loan the actor may read, or another record that keeps files (a meeting's minutes) */
  subject: Pick<ReadableSubject, 'id' | 'round' | 'step'> & { kind: string };
  fileName: string;
  comment?: string;
  bytes: Buffer;
  idempotencyKey?: string;
}

export const ATTACHMENT_LISTING = {
  id: true, round: true, step: true, fileName: true, contentType: true, size: true, sha256: true, comment: true, uploadedAt: true,
  uploadedBy: { select: { id: true, displayName: true } },
} as const;

/**
 * Stores a file on the request's current step with its SHA-256 and writes `attachment_added` to the
 * audit chain in the same transaction. The type comes from the content (415 otherwise). A retry with
 * the same Idempotency-Key and the same bytes returns the first attachment; other bytes are refused.
 */
export async function attachFile({ prisma, actor, subject, fileName, comment, bytes, idempotencyKey }: AttachFileOptions) {
  const type = detectFileType(bytes);
  if (!type) {
    throw new AppError(415, 'unsupported_file_type', `不支持的文件类型（按文件内容识别），可上传：${ACCEPTED_FILE_LABELS.join('、')} / unsupported file type (judged by its content); accepted: ${ACCEPTED_FILE_LABELS.join(', ')}`, { field: 'file' });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (idempotencyKey) {
    const seen = await prisma.attachment.findUnique({ where: { uploadedById_idempotencyKey: { uploadedById: actor.userId, idempotencyKey } }, select: { ...ATTACHMENT_LISTING, subjectId: true } });
    if (seen) return { attachment: sameUpload(seen, subject.id, sha256), replayed: true };
  }
  const id = randomUUID();
  try {
    await prisma.$transaction(async (tx) => {
      await tx.attachment.create({
        data: { id, subjectType: subject.kind, subjectId: subject.id, round: subject.round, step: subject.step, fileName, contentType: type.contentType, size: bytes.length, sha256, content: new Uint8Array(bytes), comment, uploadedById: actor.userId, idempotencyKey },
      });
      await writeAudit(tx, {
        eventKey: `${subject.id}:attachment:${id}`, actorId: actor.userId, subjectType: subject.kind, subjectId: subject.id,
        data: { type: 'attachment_added', attachmentId: id, fileName, contentType: type.contentType, size: bytes.length, sha256, round: subject.round, step: subject.step, ...(comment ? { comment } : {}) },
      });
    });
  } catch (err) {
    // Two copies of one upload raced: the other one stored it; answer with it.
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002' && idempotencyKey)) throw err;
    const seen = await prisma.attachment.findUniqueOrThrow({ where: { uploadedById_idempotencyKey: { uploadedById: actor.userId, idempotencyKey } }, select: { ...ATTACHMENT_LISTING, subjectId: true } });
    return { attachment: sameUpload(seen, subject.id, sha256), replayed: true };
  }
  return { attachment: await prisma.attachment.findUniqueOrThrow({ where: { id }, select: ATTACHMENT_LISTING }), replayed: false };
}

function sameUpload<T extends { subjectId: string; sha256: string }>(seen: T, subjectId: string, sha256: string): Omit<T, 'subjectId'> {
  if (seen.subjectId !== subjectId || seen.sha256 !== sha256) {
    throw new AppError(422, 'idempotency_key_reused', '此 Idempotency-Key 已用于另一文件 / this Idempotency-Key was used for a different file');
  }
  const { subjectId: _omit, ...rest } = seen;
  return rest;
}
