/**
 * Audit events: a closed union so every writer and reader agrees on the shape. Stored as JSON,
 * never edited after they are written (R-M4).
 */
export type AuditEventData =
  | { type: 'request_submitted'; round: number; amount: string; category: string }
  | { type: 'request_resubmitted'; round: number; amount: string; category: string }
  | { type: 'tasks_opened'; round: number; step: string; assignees: string[] }
  | { type: 'decision_recorded'; round: number; step: string; action: string; role: string; next: string; comment?: string; meetingKind?: string; meetingReference?: string; resolutionReference?: string }
  | { type: 'funds_reserved' | 'funds_released' | 'funds_committed'; fiscalYear: number; amount: string }
  | { type: 'disbursement_scheduled'; instalments: { seq: number; month: string; amount: string }[] }
  | { type: 'reminder_sent'; round: number; step: string; assignees: string[] }
  | { type: 'fiscal_year_set'; year: number; generalBudgetExpenditure: string; fundBudgetExpenditure: string; availableResources: string };

export type AuditEventType = AuditEventData['type'];
