import type { PrismaClient, Tx } from '../../prisma/client';
import { ChainDefinition, isTerminal } from '../../domain';
import type { PrismaChainSubjects } from '../approval/subjects';

/** Where a row stands: in review at a step; at a terminal, that terminal is its status. */
export interface RowPosition { step: string; status: string; ended: boolean }

export interface RowChainOptions {
  definition: ChainDefinition;
  /** the subject as tasks and mails need it: whose it is, how urgent, its number and fact lines, its page */
  find(db: PrismaClient, id: string): Promise<{ unitId: string; createdById: string; priority: number; number: string; lines: string[]; path: string }>;
  /** writes the row's new step and status (and what ending means for it) */
  update(tx: Tx, id: string, position: RowPosition): Promise<unknown>;
  effects: PrismaChainSubjects['effects'];
}

/**
 * What a chain whose row is only its chain adds to the engine (policies, changes of use): the row's
 * step follows the chain's position, its status is `in_review` until a terminal names it. Such a
 * subject is never returned for revision.
 */
export function rowChain(o: RowChainOptions): PrismaChainSubjects {
  const def = o.definition;
  return {
    definition: def,
    async load(db, id) {
      const { number, lines, path, ...who } = await o.find(db, id);
      return { ...who, facts: { noun: def.subject, number, lines, path } };
    },
    effects: o.effects,
    async moveTo(tx, i) {
      const ended = isTerminal(def, i.next);
      await o.update(tx, i.subjectId, { step: i.next, status: ended ? i.next : 'in_review', ended });
    },
    async resubmit() {
      throw new Error(`a ${def.subject.en} is never returned for revision`);
    },
  };
}
