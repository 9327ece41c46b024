export { budgetRequestWorkflow } from './budget-request';
export { loanWorkflow } from './loan';
export { advancesDailyWorkflow } from './advances-daily';
export { yearTurnWorkflow, yearTurnScheduledWorkflow } from './year-turn';
export { reportDutyWorkflow, reportScheduledWorkflow, reportRunWorkflow } from './reports';
export { transferWorkflow } from './transfers';
export { riskEventWorkflow } from './risk-events';
export { chainWorkflow } from './approval/chain-workflow';
export { noticeWorkflow } from './notices';
