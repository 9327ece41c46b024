import {
  addDays, addMonths, chinaDate, chinaTime, daysBetween, DEFAULT_LOAN_LADDER, firstNoticeSeq, ladderNotice, loanNoticeSchedule,
  LoanLadder, oneYearAfter, ZIsoDate, ZLoanLadder,
} from '../../domain';
import { loadLoanLadder } from '../../api/loans/ladder-config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('calendar dates in China time', () => {
  it('knows which day it is in China', () => {
    expect(chinaDate(Date.parse('2026-05-09T15:59:59Z'))).toBe('2026-05-09');
    expect(chinaDate(Date.parse('2026-05-09T16:00:00Z'))).toBe('2026-05-10');
    expect(chinaTime('2026-05-10', 9)).toBe(Date.parse('2026-05-10T09:00:00+08:00'));
  });
  it('adds days, months and a year, clamping to the month end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-01-10', '2026-01-01')).toBe(-9);
  });
  it('accepts only real dates', () => {
    expect(ZIsoDate.safeParse('2026-02-29').success).toBe(false);
    expect(ZIsoDate.safeParse('2028-02-29').success).toBe(true);
    expect(ZIsoDate.safeParse('2026-5-1').success).toBe(false);
  });
});

describe('R-L10 the default reminder and escalation ladder', () => {
  const due = '2027-05-10';
  const disbursedAt = Date.parse('2026-05-10T10:00:00+08:00');

  it('R-L10: is valid configuration', () => {
    expect(ZLoanLadder.parse(DEFAULT_LOAN_LADDER)).toEqual(DEFAULT_LOAN_LADDER);
  });

  it('R-L10: reminds 30 and 7 days before, notices on the due date, then escalates at 15, 30 and 90 days, then every 30 days', () => {
    const schedule = loanNoticeSchedule(disbursedAt, due, DEFAULT_LOAN_LADDER, chinaTime('2027-12-31'));
    expect(schedule.map((n) => [n.date, n.kind, n.daysFromDue])).toEqual([
      ['2027-04-10', 'reminder', -30],
      ['2027-05-03', 'reminder', -7],
      ['2027-05-10', 'overdue', 0],
      ['2027-05-25', 'escalation', 15],
      ['2027-06-09', 'escalation', 30],
      ['2027-08-08', 'escalation', 90],
      ['2027-09-07', 'escalation', 120],
      ['2027-10-07', 'escalation', 150],
      ['2027-11-06', 'escalation', 180],
      ['2027-12-06', 'escalation', 210],
    ]);
    expect(schedule.map((n) => n.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(schedule.every((n) => n.at === chinaTime(n.date, 9))).toBe(true);
  });

  it('R-L10: sends each rung to the people DOMAIN.md names, the responsible officer (R-L7) always included', () => {
    const [r30, r7, onDue, d15, d30, d90, again] = loanNoticeSchedule(disbursedAt, due, DEFAULT_LOAN_LADDER, chinaTime('2027-09-30'));
    expect(r30.recipients).toEqual(['borrower_clerks', 'responsible_officer']);
    expect(r7.recipients).toEqual(['borrower_clerks', 'responsible_officer']);
    expect(onDue.recipients).toEqual(['borrower_clerks', 'responsible_officer', 'finance_reviewer']);
    expect(d15.recipients).toContain('finance_director');
    expect(d30.recipients).toContain('leader_in_charge');
    expect(d30).toMatchObject({ interview: true, accountability: false });
    expect(d90.recipients).toContain('leader_principal');
    expect(d90).toMatchObject({ interview: false, accountability: true });
    expect(again).toMatchObject({ rungId: 'overdue+90/repeat-1', repeat: 1, interview: false, accountability: false, recipients: d90.recipients });
  });

  it('R-L10: keeps escalating past a year overdue', () => {
    const n = ladderNotice(due, DEFAULT_LOAN_LADDER, 5 + 12);
    expect(n.daysFromDue).toBe(90 + 12 * 30);
    expect(n.daysFromDue).toBeGreaterThan(365);
    expect(n.kind).toBe('escalation');
  });

  it('R-L10: skips reminders that were already past when the money went out', () => {
    const lateDisbursement = Date.parse('2027-05-01T10:00:00+08:00');
    expect(firstNoticeSeq(lateDisbursement, due, DEFAULT_LOAN_LADDER)).toBe(1);
    expect(loanNoticeSchedule(lateDisbursement, due, DEFAULT_LOAN_LADDER, chinaTime(due, 23))[0]).toMatchObject({ rungId: 'due-7', date: '2027-05-03' });
  });

  it('R-L10: a changed ladder is just data: other rungs, another hour, another period', () => {
    const ladder: LoanLadder = {
      version: 'test', sendAtHour: 8, repeatEveryDays: 7,
      rungs: [{ id: 'd-3', kind: 'reminder', dayOffset: -3, recipients: ['borrower_clerks'], interview: false, accountability: false },
        { id: 'd+1', kind: 'escalation', dayOffset: 1, recipients: ['finance_director'], interview: false, accountability: false }],
    };
    const s = loanNoticeSchedule(disbursedAt, due, ladder, chinaTime('2027-05-26'));
    expect(s.map((n) => n.date)).toEqual(['2027-05-07', '2027-05-11', '2027-05-18', '2027-05-25']);
    expect(s[0].at).toBe(chinaTime('2027-05-07', 8));
  });

  it('R-L10: refuses a ladder whose rungs are out of order', () => {
    const bad = { ...DEFAULT_LOAN_LADDER, rungs: [...DEFAULT_LOAN_LADDER.rungs].reverse() };
    expect(ZLoanLadder.safeParse(bad).success).toBe(false);
  });
});

describe('R-L10 the ladder as configuration (LOAN_LADDER_FILE)', () => {
  const write = (content: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ladder-')), 'ladder.json');
    fs.writeFileSync(file, content);
    return file;
  };

  it('R-L10: uses DOMAIN.md’s default when no file is configured', () => {
    expect(loadLoanLadder(undefined)).toBe(DEFAULT_LOAN_LADDER);
  });
  it('R-L10: reads and validates a configured ladder', () => {
    const custom = { ...DEFAULT_LOAN_LADDER, version: 'county-2027', repeatEveryDays: 14 };
    expect(loadLoanLadder(write(JSON.stringify(custom)))).toEqual(custom);
  });
  it('R-L10: stops with the reason on a bad ladder file', () => {
    expect(() => loadLoanLadder(write('{"version":"x","sendAtHour":30,"rungs":[],"repeatEveryDays":30}'))).toThrow(/LOAN_LADDER_FILE .*sendAtHour/);
    expect(() => loadLoanLadder('/nonexistent/ladder.json')).toThrow(/LOAN_LADDER_FILE/);
  });
});
