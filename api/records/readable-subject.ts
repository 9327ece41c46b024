import type { Request } from 'express';
import type { PrismaClient } from '../../prisma/client';
import type { AuthedUser } from '../context';
import { notFound } from '../errors';
import { assertMayReadSubject, isCopied } from '../approval/copies';
import { assertMayReadPolicy } from '../policies/visibility';

/** What the approval records (audit chain, attachments, 审批单) hang on: a budget request, a loan, an R-B9 policy or an R-B10 change of use. */
export type SubjectKind = 'budget' | 'loan' | 'policy' | 'change_of_use';

export interface ReadableSubject {
  kind: SubjectKind;
  id: string;
  number: string;
  unitId: string;
  round: number;
  step: string;
  status: string;
}

const SELECT = { id: true, number: true, unitId: true, step: true, status: true } as const;

/** Each kind's row; policies and changes of use are never returned for revision, so they stay in round 1, as loans do. */
const FIND: Record<SubjectKind, (prisma: PrismaClient, id: string) => Promise<Omit<ReadableSubject, 'kind'> | null>> = {
  budget: (prisma, id) => prisma.budgetRequest.findUnique({ where: { id }, select: { ...SELECT, round: true } }),
  loan: (prisma, id) => prisma.loan.findUnique({ where: { id }, select: SELECT }).then((l) => l && { ...l, round: 1 }),
  policy: (prisma, id) => prisma.policy.findUnique({ where: { id }, select: SELECT }).then((p) => p && { ...p, round: 1 }),
  change_of_use: (prisma, id) => prisma.changeOfUseRequest.findUnique({ where: { id }, select: SELECT }).then((c) => c && { ...c, round: 1 }),
};

const NOUNS: Record<SubjectKind, string> = {
  budget: '追加预算申请 / budget request', loan: '借款 / loan', policy: '重大增支政策 / policy', change_of_use: '预算调剂申请 / change-of-use request',
};

/** A subject by id, whoever asks (null when there is none). */
export async function findSubject(prisma: PrismaClient, kind: SubjectKind, id: string): Promise<ReadableSubject | null> {
  const found = await FIND[kind](prisma, id);
  return found && { kind, ...found };
}

/** Loads a subject the actor may read, under the same rule as its own page (404, then 403). */
export async function loadReadableSubject(prisma: PrismaClient, kind: SubjectKind, id: string, actor: AuthedUser): Promise<ReadableSubject> {
  const found = await findSubject(prisma, kind, id);
  if (!found) throw notFound(NOUNS[kind]);
  // a policy in force is every unit's (its page's rule); the others are their unit's and the bureau's
  if (kind === 'policy') {
    if (!(await isCopied(prisma, actor, found.id))) assertMayReadPolicy(actor, found);
  } else {
    await assertMayReadSubject(prisma, actor, found);
  }
  return found;
}

/** The URL segment of each kind, as its own pages use it. */
export const SUBJECT_PATHS: Record<SubjectKind, string> = { budget: 'budget-requests', loan: 'loans', policy: 'policies', change_of_use: 'changes-of-use' };

/** Whether a chain's subjects have their approval records (and so a 审批单). */
export const isSubjectKind = (kind: string): kind is SubjectKind => Object.hasOwn(SUBJECT_PATHS, kind);

/** The `:id` of a route whose path is built from a template (Express cannot type those params). */
export const idOf = (req: Request): string => String((req.params as Record<string, string>).id);
