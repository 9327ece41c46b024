import type { ChainDefinition } from '../approval/definition';
import { BUDGET_CHAIN_DEFINITION } from './budget';
import { LOAN_CHAIN_DEFINITION } from './loan';

export * from './budget';
export * from './loan';

/** Every chain the engine runs today, by subject type (Task.subjectType). A new chain adds its definition here. */
export const CHAIN_DEFINITIONS: Record<string, ChainDefinition> = {
  budget: BUDGET_CHAIN_DEFINITION,
  loan: LOAN_CHAIN_DEFINITION,
};

/** The current definition of a subject type's chain, or undefined for tasks outside any chain (the year turn). */
export const chainDefinition = (subjectType: string): ChainDefinition | undefined =>
  Object.prototype.hasOwnProperty.call(CHAIN_DEFINITIONS, subjectType) ? CHAIN_DEFINITIONS[subjectType] : undefined;
