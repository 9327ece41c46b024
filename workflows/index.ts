export { budgetRequestWorkflow } from './budget-request';
