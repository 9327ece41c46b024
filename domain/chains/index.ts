import type { ChainDefinition } from '../approval/definition';
import { BUDGET_CHAIN_DEFINITION } from './budget';
import { LOAN_CHAIN_DEFINITION } from './loan';
import { POLICY_CHAIN_DEFINITION } from './policy';
import { CHANGE_OF_USE_CHAIN_DEFINITION } from './change-of-use';

export * from './budget';
export * from './loan';
export * from './policy';
export * from './change-of-use';

/** Every chain the engine runs today, by subject type (Task.subjectType). A new chain adds its definition here. */
export const CHAIN_DEFINITIONS: Record<string, ChainDefinition> = {
  budget: BUDGET_CHAIN_DEFINITION,
  loan: LOAN_CHAIN_DEFINITION,
  policy: POLICY_CHAIN_DEFINITION,
  change_of_use: CHANGE_OF_USE_CHAIN_DEFINITION,
};

/** The current definition of a subject type's chain, or undefined for tasks outside any chain (the year turn). */
export const chainDefinition = (subjectType: string): ChainDefinition | undefined =>
  Object.prototype.hasOwnProperty.call(CHAIN_DEFINITIONS, subjectType) ? CHAIN_DEFINITIONS[subjectType] : undefined;
