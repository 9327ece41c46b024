import type { Request } from 'express';
import type { PrismaClient } from '../../prisma/client';
import type { AuthedUser } from '../context';
import { notFound } from '../errors';
import { assertMayRead } from '../budget-requests/visibility';

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

/** Loads a request or loan the actor may read, under the same rule as its own page (404, then 403). */
export async function loadReadableSubject(prisma: PrismaClient, kind: SubjectKind, id: string, actor: AuthedUser): Promise<ReadableSubject> {
  const select = { id: true, number: true, unitId: true, step: true } as const;
  const found = kind === 'budget'
    ? await prisma.budgetRequest.findUnique({ where: { id }, select: { ...select, round: true } })
    : await prisma.loan.findUnique({ where: { id }, select }).then((l) => l && { ...l, round: 1 });
  if (!found) throw notFound(kind === 'budget' ? '追加预算申请 / budget request' : '借款 / loan');
  assertMayRead(actor, found.unitId);
  return { kind, ...found };
}

/** The URL segment of each kind, as the request and loan pages use it. */
export const SUBJECT_PATHS: Record<SubjectKind, string> = { budget: 'budget-requests', loan: 'loans' };

/** The `:id` of a route whose path is built from a template (Express cannot type those params). */
export const idOf = (req: Request): string => String((req.params as Record<string, string>).id);
