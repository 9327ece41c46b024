import type { PrismaClient } from '../prisma/client';
import { renderPdfOffThread } from '../documents/pdf-thread';
import { approvalFormDocument } from '../documents/approval-form';
import { loadApprovalRecord } from '../api/records/load-approval-record';
import { findSubject, type SubjectKind } from '../api/records/readable-subject';
import type { MailAttachment } from './mail';

/** The 审批单 PDF of a request or loan as it stands now: the same bytes the download gives at this moment. */
export async function approvalFormFile(prisma: PrismaClient, kind: SubjectKind, id: string): Promise<MailAttachment> {
  const subject = await findSubject(prisma, kind, id);
  if (!subject) throw new Error(`no ${kind} ${id} for its 审批单`);
  const content = await renderPdfOffThread(approvalFormDocument(await loadApprovalRecord(prisma, subject, new Date())));
  return { filename: `审批单-${subject.number}.pdf`, contentType: 'application/pdf', content };
}

/** The outcome e-mail's attachments: the 审批单, made when the mail is sent. */
export const withApprovalForm = (prisma: PrismaClient, kind: SubjectKind, id: string) => ({
  attachments: async () => [await approvalFormFile(prisma, kind, id)],
});
