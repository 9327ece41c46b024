import { z } from 'zod';
import { addDays, chinaTime, IsoDate } from './china-calendar';

/**
 * R-L10's reminder and escalation ladder, as configuration data. A loan takes a snapshot of the
 * ladder when it starts, so a changed ladder applies to new loans only.
 */
export const LADDER_RECIPIENTS = {
  borrower_clerks: { zh: '借款单位经办人', en: 'Borrower unit clerks' },
  responsible_officer: { zh: '借出责任人（R-L7）', en: 'Responsible lending officer (R-L7)' },
  finance_reviewer: { zh: '财政局预算股审核人', en: 'Finance reviewers' },
  finance_director: { zh: '财政局局长', en: 'Finance director' },
  leader_in_charge: { zh: '分管领导', en: 'Leader in charge' },
  leader_principal: { zh: '县委、县政府主要领导', en: 'Principal leaders' },
} as const;
export type LadderRecipient = keyof typeof LADDER_RECIPIENTS;

export const NOTICE_KINDS = {
  reminder: { zh: '到期提醒', en: 'Reminder' },
  overdue: { zh: '逾期通知', en: 'Overdue notice' },
  escalation: { zh: '逾期督办', en: 'Escalation' },
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

const ZRecipient = z.enum(Object.keys(LADDER_RECIPIENTS) as [LadderRecipient, ...LadderRecipient[]]);

export const ZLadderRung = z.object({
  id: z.string().min(1).max(40),
  kind: z.enum(['reminder', 'overdue', 'escalation']),
  /** days relative to the due date: -30 is thirty days before, 15 is fifteen days overdue */
  dayOffset: z.number().int().min(-366).max(3660),
  recipients: z.array(ZRecipient).min(1),
  /** 约谈: the leader in charge is to interview the borrower unit */
  interview: z.boolean().default(false),
  /** 问责: an accountability record is written */
  accountability: z.boolean().default(false),
});
export type LadderRung = z.infer<typeof ZLadderRung>;

export const ZLoanLadder = z.object({
  version: z.string().min(1).max(40),
  /** the hour of the day (China time) notices go out */
  sendAtHour: z.number().int().min(0).max(23),
  rungs: z.array(ZLadderRung).min(1),
  /** after the last rung, the same recipients are told again every this many days until repaid */
  repeatEveryDays: z.number().int().min(1).max(366),
}).refine((l) => l.rungs.every((r, i) => i === 0 || r.dayOffset > l.rungs[i - 1].dayOffset), {
  message: 'rungs must be in strictly increasing dayOffset order', path: ['rungs'],
}).refine((l) => new Set(l.rungs.map((r) => r.id)).size === l.rungs.length, { message: 'rung ids must be unique', path: ['rungs'] });
export type LoanLadder = z.infer<typeof ZLoanLadder>;

const borrowerAndOfficer: LadderRecipient[] = ['borrower_clerks', 'responsible_officer'];

/** DOMAIN.md's default ladder. The responsible officer (R-L7) and the borrower hear of every step. */
export const DEFAULT_LOAN_LADDER: LoanLadder = {
  version: '2026-11-default',
  sendAtHour: 9,
  rungs: [
    { id: 'due-30', kind: 'reminder', dayOffset: -30, recipients: borrowerAndOfficer, interview: false, accountability: false },
    { id: 'due-7', kind: 'reminder', dayOffset: -7, recipients: borrowerAndOfficer, interview: false, accountability: false },
    { id: 'due', kind: 'overdue', dayOffset: 0, recipients: [...borrowerAndOfficer, 'finance_reviewer'], interview: false, accountability: false },
    { id: 'overdue+15', kind: 'escalation', dayOffset: 15, recipients: [...borrowerAndOfficer, 'finance_director'], interview: false, accountability: false },
    { id: 'overdue+30', kind: 'escalation', dayOffset: 30, recipients: [...borrowerAndOfficer, 'finance_director', 'leader_in_charge'], interview: true, accountability: false },
    { id: 'overdue+90', kind: 'escalation', dayOffset: 90, recipients: [...borrowerAndOfficer, 'finance_director', 'leader_in_charge', 'leader_principal'], interview: false, accountability: true },
  ],
  repeatEveryDays: 30,
};

/** One notice of a loan's ladder, planned. `seq` counts from 0 over the rungs and then the repeats. */
export interface PlannedNotice {
  seq: number;
  rungId: string;
  kind: NoticeKind;
  date: IsoDate;
  /** when it goes out (ms since the epoch) */
  at: number;
  /** days relative to the due date (negative before it) */
  daysFromDue: number;
  recipients: LadderRecipient[];
  interview: boolean;
  accountability: boolean;
  /** 0 for a rung of the ladder, n for the n-th repetition after the last rung */
  repeat: number;
}

/** The `seq`-th notice of a loan due on `dueDate` (the ladder never ends: past the last rung it repeats). */
export function ladderNotice(dueDate: IsoDate, ladder: LoanLadder, seq: number): PlannedNotice {
  const { rungs } = ladder;
  const repeat = Math.max(0, seq - rungs.length + 1);
  const rung = rungs[Math.min(seq, rungs.length - 1)];
  const daysFromDue = rung.dayOffset + repeat * ladder.repeatEveryDays;
  const date = addDays(dueDate, daysFromDue);
  return {
    seq, rungId: repeat ? `${rung.id}/repeat-${repeat}` : rung.id, kind: repeat ? 'escalation' : rung.kind, date,
    at: chinaTime(date, ladder.sendAtHour), daysFromDue, recipients: [...rung.recipients],
    // The interview and the accountability record belong to the rung itself, not to each repetition.
    interview: repeat ? false : rung.interview, accountability: repeat ? false : rung.accountability, repeat,
  };
}

/** The first notice that falls after disbursement: reminders already in the past are not sent. */
export function firstNoticeSeq(disbursedAt: number, dueDate: IsoDate, ladder: LoanLadder): number {
  let seq = 0;
  while (ladderNotice(dueDate, ladder, seq).at <= disbursedAt) seq++;
  return seq;
}

/**
 * The ordered notices of a loan disbursed at `disbursedAt` and due on `dueDate`, up to and
 * including `until` (the ladder repeats forever, so a horizon is needed).
 */
export function loanNoticeSchedule(disbursedAt: number, dueDate: IsoDate, ladder: LoanLadder, until: number): PlannedNotice[] {
  const out: PlannedNotice[] = [];
  for (let seq = firstNoticeSeq(disbursedAt, dueDate, ladder); ; seq++) {
    const n = ladderNotice(dueDate, ladder, seq);
    if (n.at > until) return out;
    out.push(n);
  }
}
