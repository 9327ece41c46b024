import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DecideArgs } from './approval/messages';
import type { Actor, ChainState, IsoDate, LendingOfficer, LoanLadder, LoanPosition, LoanTerms, Yuan } from '../domain';

/** Messages of the loan workflow besides the engine's decide, resubmit and withdraw (workflows/approval/messages.ts). */
export type LoanDecideArgs = DecideArgs;

export interface DisburseArgs {
  actor: Actor;
  /** R-L7: the lending officer who answers for collecting it (the API resolves their roles) */
  responsibleOfficer: LendingOfficer;
  /** a due date the treasury chooses; otherwise it follows from the application's term (R-L4) */
  dueDate?: IsoDate;
  reference?: string;
}

export interface RepaymentArgs {
  actor: Actor;
  /** the payment's own reference (bank slip, voucher): a repeat with the same id changes nothing */
  paymentId: string;
  amount: Yuan;
  paidOn: IsoDate;
  reference?: string;
}

export interface LoanOutcome {
  position: LoanPosition;
}
export interface DisburseOutcome {
  /** 'disbursed', or 'queued' while disbursements are suspended (R-M3): it goes out when they resume */
  status: 'disbursed' | 'queued';
  position: LoanPosition;
  dueDate?: IsoDate;
}
export interface RepaymentOutcome {
  outstanding: Yuan;
  closed: boolean;
  /** true when this paymentId had been recorded before and nothing changed */
  replayed: boolean;
}

/** R-M3 as the API broadcasts it; `version` orders the changes. */
export interface DisbursementControlChange {
  suspended: boolean;
  version: number;
}

/** The workflow's state, carried whole across continue-as-new. */
export interface LoanWorkflowState {
  loanId: string;
  unitId: string;
  fiscalYear: number;
  amount: Yuan;
  outstanding: Yuan;
  position: LoanPosition;
  terms: LoanTerms;
  /** the ladder snapshot taken when the loan was filed */
  ladder: LoanLadder;
  disbursedAt?: number;
  dueDate?: IsoDate;
  responsibleOfficerId?: string;
  /** the next ladder notice to send (its seq) */
  nextNotice?: number;
  /** every repayment by paymentId, so a retried one is recognised even after continue-as-new */
  payments: Record<string, { amount: Yuan; outstandingAfter: Yuan }>;
  /** a disbursement instruction waiting for a suspension to lift (R-M3) */
  queuedDisbursement?: Omit<DisburseArgs, 'dueDate'> & { dueDate?: IsoDate };
  control: DisbursementControlChange;
  /** where the loan stands on its approval chain (absent in runs from before the engine: round 1 at `position`) */
  chain?: ChainState;
}

/** The loan's decide update before the engine: still answered, so recorded histories replay (the API sends `decide`). */
export const loanDecideUpdate = defineUpdate<LoanOutcome, [LoanDecideArgs]>('loanDecide');
export const disburseUpdate = defineUpdate<DisburseOutcome, [DisburseArgs]>('disburse');
export const recordRepaymentUpdate = defineUpdate<RepaymentOutcome, [RepaymentArgs]>('recordRepayment');
export const disbursementControlSignal = defineSignal<[DisbursementControlChange]>('disbursementControl');
export const loanStateQuery = defineQuery<LoanWorkflowState>('loanState');

export const loanWorkflowId = (loanId: string): string => `loan-${loanId}`;
