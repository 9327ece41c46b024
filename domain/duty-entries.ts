import { z } from 'zod';
import { ZIsoDate } from './china-calendar';
import { ZPositiveYuan, ZYuan } from './money';
import { zText } from './text';
import { ZIssuingLevel, ZRiskKind } from './duties';

/**
 * What the bureau enters for its duties (R-B7 transfers and their onward allocations, R-M4 risk
 * events and their handling, the R-M2 monthly figures), as the API checks it and the web forms
 * check it while it is typed.
 */
export const ZRecordTransfer = z.object({
  documentNumber: zText({ min: 2, max: 100, minMessage: '请填写文件号 / the document number is required' }),
  issuingLevel: ZIssuingLevel,
  amount: ZPositiveYuan,
  purpose: zText({ min: 2, max: 500, minMessage: '请填写用途 / the purpose is required' }),
  receivedOn: ZIsoDate,
  /** the document's deadline for passing it on; default: receivedOn + the configured days */
  onwardDeadline: ZIsoDate.optional(),
});
export type RecordTransfer = z.infer<typeof ZRecordTransfer>;

/** One onward allocation of a transfer to a unit (按文件要求及时下达), once per reference. */
export const ZAllocateTransfer = z.object({
  unitId: z.string().min(1, '请选择单位 / choose the unit').max(64),
  amount: ZPositiveYuan,
  reference: zText({ min: 1, max: 100, minMessage: '请填写下达文号 / the allocation reference is required' }),
  allocatedOn: ZIsoDate.optional(),
});

export const ZRecordRiskEvent = z.object({
  kind: ZRiskKind,
  /** when it happened (ISO 8601 instant); not in the future */
  occurredAt: z.iso.datetime({ offset: true }),
  description: zText({ min: 2, max: 4000, minMessage: '请描述事件 / describe the event' }),
  unitIds: z.array(z.string().min(1).max(64)).max(50).default([]),
});

/** The text of a risk event's report, handling step or closure. */
export const ZDutyNote = z.object({ note: zText({ min: 1, max: 4000, minMessage: '请填写内容 / a note is required' }) });

/** R-M2: a month's figures the bureau records (debt, debt service due, treasury cash, the month's 三保 spending). */
export const ZMonthlyPosition = z.object({ debtBalance: ZYuan, debtServiceDue: ZYuan, treasuryCash: ZYuan, threeGuaranteesSpending: ZYuan });
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
