import type { PrismaClient } from '../../prisma/client';
import { ChainDefinition, chainDefinition } from '../../domain';
import { budgetWorkflowId } from '../../workflows/budget-messages';
import { loanWorkflowId } from '../../workflows/loan-messages';
import { presentBudgetRequest } from '../budget-requests/presenter';
import { BudgetRequestRow, loadBudgetRequestRow } from '../budget-requests/request-row';
import { LOAN_WITH_FLAGS, presentLoan } from '../loans/presenter';
import { budgetFacts } from '../email-actions/pages';
import { loanFacts } from '../email-actions/loan-pages';
import { changeOfUseFacts, policyFacts } from '../email-actions/chain-facts';
import { presentPolicy } from '../policies/presenter';
import { presentChangeOfUse } from '../changes-of-use/presenter';
import { policyWorkflowId } from '../policies/file-policy';
import { changeOfUseWorkflowId } from '../changes-of-use/file-change-of-use';

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

const loadPolicy = (prisma: PrismaClient, id: string) => prisma.policy.findUniqueOrThrow({ where: { id }, include: { unit: true } });
const loadChangeOfUse = (prisma: PrismaClient, id: string) => prisma.changeOfUseRequest.findUniqueOrThrow({ where: { id }, include: { unit: true } });
const loadLoan = (prisma: PrismaClient, id: string) => prisma.loan.findUniqueOrThrow({ where: { id }, include: LOAN_WITH_FLAGS });

export const CHAIN_APIS: Record<string, ChainApi> = {
  budget: chainApi<BudgetRequestRow>({
    definition: chainDefinition('budget')!, workflowId: budgetWorkflowId, subjectKey: 'request', load: loadBudgetRequestRow,
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
  policy: chainApi<Awaited<ReturnType<typeof loadPolicy>>>({
    definition: chainDefinition('policy')!, workflowId: policyWorkflowId, subjectKey: 'policy', load: loadPolicy,
    loadMany: (prisma, ids) => prisma.policy.findMany({ where: { id: { in: ids } }, include: { unit: true } }),
    present: presentPolicy,
    standing: (p) => ({ position: p.step }),
    facts: policyFacts(chainDefinition('policy')!),
  }),
  change_of_use: chainApi<Awaited<ReturnType<typeof loadChangeOfUse>>>({
    definition: chainDefinition('change_of_use')!, workflowId: changeOfUseWorkflowId, subjectKey: 'changeOfUse', load: loadChangeOfUse,
    loadMany: (prisma, ids) => prisma.changeOfUseRequest.findMany({ where: { id: { in: ids } }, include: { unit: true } }),
    present: presentChangeOfUse,
    standing: (c) => ({ position: c.step }),
    facts: changeOfUseFacts(chainDefinition('change_of_use')!),
  }),
};

/** The API side of a task's chain, or undefined for a task outside every chain (the year turn's). */
export const chainApiOf = (subjectType: string): ChainApi | undefined =>
  Object.prototype.hasOwnProperty.call(CHAIN_APIS, subjectType) ? CHAIN_APIS[subjectType] : undefined;
