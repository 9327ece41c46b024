/**
 * Audit events: a closed union so every writer and reader agrees on the shape. Stored as JSON,
 * never edited after they are written (R-M4).
 */
export type AuditEventData =
  | { type: 'request_submitted'; round: number; amount: string; category: string }
  | { type: 'request_resubmitted'; round: number; amount: string; category: string }
  | { type: 'loan_resubmitted'; round: number; amount: string; purpose: string; termMonths?: number }
  | { type: 'tasks_opened'; round: number; step: string; assignees: string[] }
  // onBehalfOf: the assignee a substitute or a hand-over's holder decided for (both names, as they were); proceedAnyway: decided with an opinion asked still unanswered
  | { type: 'decision_recorded'; round: number; step: string; action: string; role: string; next: string; comment?: string; meetingKind?: string; meetingReference?: string; resolutionReference?: string; onBehalfOf?: string; onBehalfOfName?: string; proceedAnyway?: boolean }
  // Delegation (转交 / 代理) and consultation (加签 / 征求意见)
  | { type: 'task_handed_over'; round: number; step: string; taskId: string; assignee: string; assigneeName: string; from: string; fromName: string; to: string; toName: string; reason?: string }
  | { type: 'consultation_requested'; round: number; step: string; consultationId: string; consultee: string; consulteeName: string; askedByName: string; question: string }
  | { type: 'consultation_answered'; round: number; step: string; consultationId: string; consulteeName: string; askedByName: string; answer: string }
  | { type: 'absence_set'; absenceId: string; substitute: string; substituteName: string; startsAt: string; endsAt: string; reason?: string }
  | { type: 'absence_ended'; absenceId: string }
  | { type: 'funds_reserved' | 'funds_released' | 'funds_committed'; fiscalYear: number; amount: string }
  | { type: 'disbursement_scheduled'; instalments: { seq: number; month: string; amount: string }[] }
  | { type: 'reminder_sent'; round: number; step: string; assignees: string[] }
  // 抄送: users copied for information, by the step's rule (no actor) or by an approver
  | { type: 'copied'; round: number; step: string; users: string[]; comment?: string }
  // 催办: the applicant or the bureau nudged the holders of the open tasks (a mail with fresh decision links each)
  | { type: 'nudged'; nudgeId: string; round: number; step: string; assignees: string[]; role: string; comment?: string }
  // warnings: rules the new figures already break but that do not refuse them (R-L8 when held advances exceed the new cap); absent on older events
  | { type: 'fiscal_year_set'; year: number; generalBudgetExpenditure: string; fundBudgetExpenditure: string; availableResources: string; warnings?: { ruleId: string; detail: string }[] }
  // Loans (R-L1–R-L10, R-M3)
  | { type: 'loan_applied'; amount: string; purpose: string; fiscalYear: number; termMonths?: number; requestedDueDate?: string; ladderVersion: string }
  | { type: 'advances_reserved' | 'advances_released'; fiscalYear: number; amount: string }
  | { type: 'loan_disbursed'; fiscalYear: number; amount: string; disbursedOn: string; dueDate: string; responsibleOfficerId: string; reference?: string }
  | { type: 'disbursement_queued'; reason: 'suspended'; requestedBy: string }
  | { type: 'disbursement_refused'; requestedBy: string; ruleIds: string[]; detail: string }
  | { type: 'repayment_recorded'; paymentId: string; amount: string; paidOn: string; outstandingAfter: string; reference?: string }
  | { type: 'loan_closed'; repaidOn: string }
  | { type: 'loan_notice_sent'; seq: number; rungId: string; kind: string; date: string; daysFromDue: number; recipients: string[]; outstanding: string; interview: boolean; accountability: boolean }
  | { type: 'loan_interview_flagged' | 'loan_accountability_recorded'; seq: number; daysOverdue: number; outstanding: string; responsibleOfficerId: string | null }
  | { type: 'disbursements_suspended' | 'disbursements_resumed'; version: number; reason?: string }
  // R-L2: money of the loan found re-lent to an enterprise after disbursement
  | { type: 'loan_finding_recorded'; findingId: string; ruleId: 'R-L2'; enterprise: string; amount: string; foundOn: string; description: string }
  // The county's advances ledger (R-L8, R-L11)
  | { type: 'opening_stock_entered'; source: 'form' | 'import'; added: number; skipped: number; amount: string; fileHash?: string }
  | { type: 'advance_repaid' | 'advance_written_off'; paymentId: string; amount: string; on: string; outstandingAfter: string; reference?: string }
  | { type: 'recovery_opened'; findingId: string; advanceId: string; approvers: { step: string; actorId: string; actorName: string }[] }
  | { type: 'reduction_milestone_set'; dueOn: string; target: string }
  | { type: 'reduction_milestone_missed' | 'reduction_milestone_at_risk'; dueOn: string; target: string; balance: string; projected?: string }
  // R-B9 major spending-increase policies and R-B10 changes of use
  | { type: 'policy_filed'; number: string; title: string; yearlyCost: string; fiscalYear: number }
  | { type: 'change_of_use_filed'; number: string; amount: string; fromUse: string; fromCategory: string; toUse: string; toCategory: string; fiscalYear: number }
  | { type: 'year_turn_opened'; fromYear: number; toYear: number; requests: number }
  | { type: 'year_turn_decided'; fromYear: number; toYear: number; action: 'carry' | 'lapse'; amount: string }
  // Comments and files on a step of a request or loan (the round and step it was at)
  | { type: 'attachment_added'; attachmentId: string; fileName: string; contentType: string; size: number; sha256: string; round: number; step: string; comment?: string }
  | { type: 'comment_added'; round: number; step: string; comment: string }
  // The plan's duties with deadlines (R-M1, R-B8, R-M2, R-B7, R-M4)
  | { type: 'report_opened'; kind: string; period: string; dueAt: string; responsibleOfficerId: string }
  | { type: 'report_generated'; kind: string; period: string; seq: number; pdfSha256: string; xlsxSha256: string }
  | { type: 'report_submitted'; kind: string; period: string; late: boolean; recipients: string[] }
  | { type: 'duty_late'; ruleId: 'R-M4'; duty: string; dueAt: string; heavier: true }
  | { type: 'duty_escalated'; duty: string; level: number; recipients: string[] }
  | { type: 'transfer_recorded'; documentNumber: string; amount: string; onwardDeadline: string; large: boolean }
  | { type: 'transfer_allocated'; reference: string; unitId: string; amount: string; left: string }
  | { type: 'risk_event_recorded'; kind: string; occurredAt: string; reportDueAt: string; unitIds: string[] }
  | { type: 'risk_event_reported'; late: boolean; recipients: string[] }
  | { type: 'risk_event_step'; note: string }
  | { type: 'risk_event_closed'; note: string }
  | { type: 'unit_monitoring_set'; monitored: boolean }
  | { type: 'monthly_position_set'; month: string; debtBalance: string; debtServiceDue: string; treasuryCash: string; threeGuaranteesSpending: string };

export type AuditEventType = AuditEventData['type'];
