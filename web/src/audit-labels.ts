// The labels live in domain/ so the printed 审批单 words the history exactly as the pages do.
export { AUDIT_LABELS } from '../../domain/audit-labels';
