import type { Prisma, PrismaClient, Tx } from '../../prisma/client';
import type { ChainDefinition } from '../../domain';
import type { SqlTx } from '../../prisma/direct-sql';
import type { ChainDecisionInput, ChainResubmissionInput } from './contract';

/** What every e-mail about a subject repeats: what it is, its number, its key facts, where to see it. */
export interface SubjectFacts {
  /** e.g. 追加预算 / supplementary budget */
  noun: { zh: string; en: string };
  number: string;
  /** the key facts, one line each, Chinese first */
  lines: string[];
  /** the subject's page in the web app (relative) */
  path: string;
}

/** A subject as the engine's activities need it: whose unit, who filed it, how urgent its tasks are, what mails say of it. */
export interface LoadedSubject {
  unitId: string;
  createdById: string;
  /** task priority (R-B5: the three guarantees first) */
  priority: number;
  facts: SubjectFacts;
}

/**
 * What one chain adds to the engine's generic task activities: loading its subject, the effects its
 * definition names, moving its row, its resubmission, and the mail telling the applicant how it ended.
 * Everything else (tasks, decisions, reminders, links, audit) is the engine's.
 */
export type ChainSubjects = PrismaChainSubjects | SqlChainSubjects;

/** A chain whose effects and move use Prisma's models: its decisions run in a Prisma transaction. */
export interface PrismaChainSubjects extends ChainSubjectsBase {
  sqlOnly?: false;
  /** the transition's named effects, run inside the decision's transaction (a refusal there rolls everything back) */
  effects: Record<string, (tx: Tx, i: ChainDecisionInput) => Promise<void>>;
  /** the subject row's new position (and status), inside the same transaction */
  moveTo(tx: Tx, i: ChainDecisionInput): Promise<void>;
}

/**
 * A chain whose effects and move are raw statements only: its decisions run in a transaction on the
 * pg pool (prisma/direct-sql.ts), which costs a fraction of the CPU of Prisma's.
 */
export interface SqlChainSubjects extends ChainSubjectsBase {
  sqlOnly: true;
  effects: Record<string, (tx: SqlTx, i: ChainDecisionInput) => Promise<void>>;
  moveTo(tx: SqlTx, i: ChainDecisionInput): Promise<void>;
}

interface ChainSubjectsBase {
  /** the chain's current definition: labels for mails, and the assignee rule for activities scheduled before workflows carried theirs */
  definition: ChainDefinition;
  load(prisma: PrismaClient, subjectId: string): Promise<LoadedSubject>;
  /**
   * The same write as one UPDATE (no trailing semicolon, its WHERE last), when the chain has one: a
   * decision with no effect is then recorded in a single statement (activities/approval/plain-decision.ts).
   */
  moveSql?(i: ChainDecisionInput): Prisma.Sql;
  /** extra columns of the decision row (the loan's meeting is always the executive meeting) */
  decisionColumns?(i: ChainDecisionInput): { meetingKind?: string | null };
  /** stores a resubmitted round in the subject's rows (inside the engine's transaction) */
  resubmit(tx: Tx, i: ChainResubmissionInput & { content: unknown }): Promise<void>;
  /** what a step whose task is decided by its own command tells its assignee instead of decision links */
  ownCommand?(step: string, subjectId: string, publicUrl: string): string[] | undefined;
  /** tells the applicant how it ended, for decisions recorded by code that mailed inside the decision activity */
  mailOutcome?(subjectId: string, position: string, comment?: string): Promise<void>;
}
