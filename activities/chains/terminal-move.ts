import { ChainDefinition, isTerminal } from '../../domain';

/**
 * The new `step` and `status` of a row whose positions are its step and whose terminals are its
 * statuses (policies, changes of use): in review while at a step, the terminal's status once it ends.
 */
export const rowPosition = (def: ChainDefinition, next: string): { step: string; status: string; ended: boolean } =>
  (isTerminal(def, next) ? { step: next, status: next, ended: true } : { step: next, status: 'in_review', ended: false });
