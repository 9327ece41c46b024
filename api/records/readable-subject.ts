import type { Request } from 'express';
import type { PrismaClient } from '../../prisma/client';
import type { AuthedUser } from '../context';
import { notFound } from '../errors';
import { assertMayReadSubject } from '../approval/copies';

/** What the approval records (audit chain, attachments, 审批单) hang on: a budget request or a loan. */
export type SubjectKind = 'budget' | 'loan';

export interface ReadableSubject {
  kind: SubjectKind;
  id: string;
  number: string;
  unitId: string;
  round: number;
  step: string;
}

/** A request or loan by id, whoever asks (null when there is none). */
export async function findSubject(prisma: PrismaClient, kind: SubjectKind, id: string): Promise<ReadableSubject | null> {
  const select = { id: true, number: true, unitId: true, step: true } as const;
  const found = kind === 'budget'
    ? await prisma.budgetRequest.findUnique({ where: { id }, select: { ...select, round: true } })
    : await prisma.loan.findUnique({ where: { id }, select }).then((l) => l && { ...l, round: 1 });
  return found && { kind, ...found };
}

/** Loads a request or loan the actor may read, under the same rule as its own page (404, then 403). */
export async function loadReadableSubject(prisma: PrismaClient, kind: SubjectKind, id: string, actor: AuthedUser): Promise<ReadableSubject> {
  const found = await findSubject(prisma, kind, id);
  if (!found) throw notFound(kind === 'budget' ? '追加预算申请 / budget request' : '借款 / loan');
  await assertMayReadSubject(prisma, actor, found);
  return found;
}

/** The URL segment of each kind, as the request and loan pages use it. */
export const SUBJECT_PATHS: Record<SubjectKind, string> = { budget: 'budget-requests', loan: 'loans' };

/** The `:id` of a route whose path is built from a template (Express cannot type those params). */
export const idOf = (req: Request): string => String((req.params as Record<string, string>).id);
