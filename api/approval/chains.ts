import type { PrismaClient } from '../../prisma/client';
import { ChainDefinition, chainDefinition } from '../../domain';
import { budgetWorkflowId } from '../../workflows/budget-messages';
import { loanWorkflowId } from '../../workflows/loan-messages';
import { presentBudgetRequest } from '../budget-requests/presenter';
import { LOAN_WITH_FLAGS, presentLoan } from '../loans/presenter';
import { budgetFacts } from '../email-actions/pages';
import { loanFacts } from '../email-actions/loan-pages';

/**
 * What the API needs of each chain to decide its tasks (the inbox and the e-mail links alike): its
 * workflow, its subject row and how it is presented, where the subject stands, and its facts on the
 * e-mail link pages. A new chain adds one entry.
 */
export interface ChainApi<Row = unknown> {
  definition: ChainDefinition;
  workflowId(subjectId: string): string;
  /** the key the subject is answered under beside its task ("request", "loan") */
  subjectKey: string;
  load(prisma: PrismaClient, subjectId: string): Promise<Row>;
  /** several at once, for the inbox */
  loadMany(prisma: PrismaClient, ids: string[]): Promise<(Row & { id: string })[]>;
  present(row: Row): object;
  /** where the subject stands; `round` where the subject row keeps one */
  standing(row: Row): { position: string; round?: number };
  /** the subject's key facts on the e-mail link pages (HTML), with the task's step when given */
  facts(row: Row, task?: { step: string; round: number }): string;
}

const chainApi = <Row>(c: ChainApi<Row>): ChainApi => c as ChainApi;

const loadRequest = (prisma: PrismaClient, id: string) => prisma.budgetRequest.findUniqueOrThrow({ where: { id }, include: { unit: true } });
const loadLoan = (prisma: PrismaClient, id: string) => prisma.loan.findUniqueOrThrow({ where: { id }, include: LOAN_WITH_FLAGS });

export const CHAIN_APIS: Record<string, ChainApi> = {
  budget: chainApi<Awaited<ReturnType<typeof loadRequest>>>({
    definition: chainDefinition('budget')!, workflowId: budgetWorkflowId, subjectKey: 'request', load: loadRequest,
    loadMany: (prisma, ids) => prisma.budgetRequest.findMany({ where: { id: { in: ids } }, include: { unit: true } }),
    present: presentBudgetRequest,
    standing: (r) => ({ position: r.step, round: r.round }),
    facts: budgetFacts,
  }),
  loan: chainApi<Awaited<ReturnType<typeof loadLoan>>>({
    definition: chainDefinition('loan')!, workflowId: loanWorkflowId, subjectKey: 'loan', load: loadLoan,
    loadMany: (prisma, ids) => prisma.loan.findMany({ where: { id: { in: ids } }, include: LOAN_WITH_FLAGS }),
    present: (l) => presentLoan(l),
    standing: (l) => ({ position: l.step }),
    facts: loanFacts,
  }),
};

/** The API side of a task's chain, or undefined for a task outside every chain (the year turn's). */
export const chainApiOf = (subjectType: string): ChainApi | undefined =>
  Object.prototype.hasOwnProperty.call(CHAIN_APIS, subjectType) ? CHAIN_APIS[subjectType] : undefined;
