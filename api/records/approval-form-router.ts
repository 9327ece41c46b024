import { Router } from 'express';
import type { ApiDeps } from '../context';
import { actorOf } from '../auth/session';
import { renderPdfOffThread } from '../../documents/pdf-thread';
import { approvalFormDocument } from '../../documents/approval-form';
import { loadApprovalRecord } from './load-approval-record';
import { idOf, loadReadableSubject, SUBJECT_PATHS, type SubjectKind } from './readable-subject';

/** The printable 审批单 (PDF) of a budget request or loan, for whoever may read it. */
export function approvalFormRouter({ prisma }: ApiDeps): Router {
  const router = Router();
  for (const kind of Object.keys(SUBJECT_PATHS) as SubjectKind[]) {
    router.get(`/${SUBJECT_PATHS[kind]}/:id/approval-form.pdf`, async (req, res) => {
      const subject = await loadReadableSubject(prisma, kind, idOf(req), actorOf(req));
      const record = await loadApprovalRecord(prisma, subject, new Date());
      const pdf = await renderPdfOffThread(approvalFormDocument(record));
      res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`审批单-${subject.number}.pdf`)}` }).send(pdf);
    });
  }
  return router;
}
