export { budgetRequestWorkflow } from './budget-request';
export { loanWorkflow } from './loan';
