import type { AssigneeRule, DecisionAction, DecisionInput, Role } from '../../domain';

/**
 * What the engine's workflows hand the chain activities. Workflow types keep the activity type names
 * their recorded histories hold (the budget's `openStepTasks`, the loan's `openLoanTasks`, …); a new
 * chain uses the generic names. Every name runs the same code, keyed by `chain`.
 */
export const CHAIN_ACTIVITY_ALIASES = {
  openChainTasks: 'open', mailChainTasks: 'mail', remindChainTasks: 'remind', recordChainDecision: 'decide', recordChainResubmission: 'resubmit',
  mailChainOutcome: 'outcome',
  // the budget-request workflow's names (R-B2)
  openStepTasks: 'open', mailStepTasks: 'mail', remindOpenTasks: 'remind', recordDecision: 'decide', recordResubmission: 'resubmit',
  // the loan workflow's names (R-L6)
  openLoanTasks: 'open', mailLoanTasks: 'mail', remindLoanTasks: 'remind', recordLoanDecision: 'decide',
} as const;
export type ChainActivityName = keyof typeof CHAIN_ACTIVITY_ALIASES;

/** The chain a legacy name served before activities took a `chain` (retries of activities scheduled by older code). */
export const LEGACY_CHAIN_OF: Partial<Record<ChainActivityName, string>> = {
  openStepTasks: 'budget', mailStepTasks: 'budget', remindOpenTasks: 'budget', recordDecision: 'budget', recordResubmission: 'budget',
  openLoanTasks: 'loan', mailLoanTasks: 'loan', remindLoanTasks: 'loan', recordLoanDecision: 'loan',
};

export interface ChainStepRef {
  /** the chain's id, which is also its tasks' subjectType */
  chain: string;
  subjectId: string;
  round: number;
  step: string;
}

export interface OpenTasksInput extends ChainStepRef {
  /** how the step's assignees are found, from the workflow's own definition */
  assignees?: AssigneeRule;
  /** the workflow mails the tasks in an activity of its own (absent in histories from before that) */
  mailSeparately?: boolean;
  /** 抄送: who the step copies, from the workflow's own definition (absent before steps could copy) */
  copy?: AssigneeRule;
  /** the tasks' mails are owed in the opening's own statement and sent by the worker's mail outbox (STEP_MAIL_OUTBOX); the step's link actions */
  mailOutbox?: { actions: string[] };
}

export interface StepMailInput extends ChainStepRef {
  /** the actions the step offers as e-mail links, from the workflow's own definition */
  actions?: string[];
  /** the China day of a reminder (one per task per day) */
  day?: string;
}

export interface ChainDecisionInput extends ChainStepRef {
  /** who decided */
  actorId: string;
  /** the assignee they decided for (a hand-over's holder or an absence's substitute deciding) */
  onBehalfOfId?: string;
  actorRole: Role;
  decision: Omit<DecisionInput, 'action'> & { action: DecisionAction };
  /** the position the decision leads to */
  next: string;
  /** the named effect of the transition, carried out in the decision's transaction */
  effect?: string;
  /** the day of the decision in workflow time (the R-B6 schedule defaults to its month) */
  executedOn: string;
  mailSeparately?: boolean;
  /** the step the decision leads to, opened after it is recorded (OPEN_WITH_DECISION) */
  open?: NextStepOpening;
  /** the applicant's mail of where the subject now stands is owed by the decision's own statement (OUTCOME_MAIL_OUTBOX) */
  outcomeMail?: boolean;
}

/** A step a decision opens: what `open` takes, but the chain and subject are the decision's. */
export type NextStepOpening = Omit<OpenTasksInput, 'chain' | 'subjectId'>;

/** What recording a decision or a resubmission answers: the next step's assignees when it opened that step too. */
export interface DecisionRecorded { opened?: { assignees: string[] } }

/** Where a subject ended, for the applicant's mail (`step` is the terminal). */
export interface ChainOutcomeInput extends ChainStepRef {
  comment?: string;
}

/** A nudge (催办) the API recorded: its mails go out from the worker. */
export interface NudgeInput {
  chain: string;
  subjectId: string;
  nudgeId: string;
}

export interface ChainResubmissionInput extends ChainStepRef {
  /** the new round */
  round: number;
  actorId: string;
  content: unknown;
  /** the round's first step, opened after the resubmission is stored (RESUBMIT_OPENS) */
  open?: NextStepOpening;
}

/** Arguments as older code scheduled them: ids named per chain, no `chain`, loans without a round. */
type Legacy<T> = Partial<T> & { requestId?: string; loanId?: string; funds?: string };

/** An activity's input in today's shape, whatever code scheduled it. */
export function normalized<T extends ChainStepRef>(name: ChainActivityName, a: Legacy<T>): T {
  const subjectId = a.subjectId ?? a.requestId ?? a.loanId;
  const chain = a.chain ?? LEGACY_CHAIN_OF[name];
  if (!subjectId || !chain) throw new Error(`${name}: no subject or chain in its input`);
  const effect = (a as Legacy<ChainDecisionInput>).effect ?? (a.funds && a.funds !== 'none' ? a.funds : undefined);
  return { ...a, subjectId, chain, round: a.round ?? 1, ...(effect ? { effect } : {}) } as T;
}
