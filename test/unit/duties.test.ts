import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDutySettings } from '../../main/duty-config';
import {
  addDutyDays, cashCoverage, CHINA_WORKING_DAY_CALENDAR as CAL, chinaTime, daysBeforeInput, isLargeTransfer, periodBefore, periodBounds, remindInstant, remindsBefore, reportDueAt,
  DEFAULT_DUTY_SETTINGS, type WorkingDayCalendar,
} from '../../domain';

describe('the duties’ periods and figures in China time', () => {
  it('R-M1 / R-M2: a run on any day reports on the month that has just ended, across the year turn too', () => {
    expect(periodBefore('operations', '2026-11-01')).toBe('2026-10');
    expect(periodBefore('position', '2027-01-01')).toBe('2026-12');
    expect(periodBounds('operations', '2026-02')).toEqual({ start: '2026-02-01', end: '2026-03-01' });
  });

  it('R-B8: a run in the month after a quarter reports on that quarter', () => {
    expect(periodBefore('execution', '2026-10-01')).toBe('2026-Q3');
    expect(periodBefore('execution', '2027-01-01')).toBe('2026-Q4');
    expect(periodBounds('execution', '2026-Q4')).toEqual({ start: '2026-10-01', end: '2027-01-01' });
  });

  it('a report run on the 1st with 4 days is due at the end of the 5th, China time', () => {
    expect(reportDueAt('2026-11-01', 4)).toBe(chinaTime('2026-11-06'));
    expect(new Date(reportDueAt('2026-11-01', 4)).toISOString()).toBe('2026-11-05T16:00:00.000Z');
  });

  it('库款保障水平 is cash ÷ average monthly 三保 spending, rounded down, exact to the fen', () => {
    expect(cashCoverage('100000000.00', ['50000000.00', '30000000.00'])).toBe('2.50');
    expect(cashCoverage('100.00', ['30.00'])).toBe('3.33');
    expect(cashCoverage('1.00', [])).toBeNull();
  });

  it('R-B7: 金额较大 from the configured amount up', () => {
    expect(isLargeTransfer('5000000.00', DEFAULT_DUTY_SETTINGS)).toBe(true);
    expect(isLargeTransfer('4999999.99', DEFAULT_DUTY_SETTINGS)).toBe(false);
  });
});

describe('the duty settings as configuration (DUTIES_FILE)', () => {
  const write = (content: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duties-')), 'duties.json');
    fs.writeFileSync(file, content);
    return file;
  };

  it('R-M1: a file sets one report’s calendar and keeps every other default', () => {
    const s = loadDutySettings(write('{"reports":{"operations":{"calendar":{"dayOfMonth":2,"hour":8,"minute":0}}},"riskReportHours":12}'));
    expect(s.reports.operations).toEqual({ ...DEFAULT_DUTY_SETTINGS.reports.operations, calendar: { dayOfMonth: 2, hour: 8, minute: 0 } });
    expect(s.reports.execution).toEqual(DEFAULT_DUTY_SETTINGS.reports.execution);
    expect(s.riskReportHours).toBe(12);
    expect(s.transferLargeAmount).toBe(DEFAULT_DUTY_SETTINGS.transferLargeAmount);
    expect(loadDutySettings(undefined)).toBe(DEFAULT_DUTY_SETTINGS);
  });

  it('stops the start-up naming the variable and the bad setting', () => {
    expect(() => loadDutySettings(write('{"reports":{"operations":{"calendar":{"dayOfMonth":31}}}}'))).toThrow(/DUTIES_FILE .*reports\.operations\.calendar\.dayOfMonth/);
    expect(() => loadDutySettings(write('[1]'))).toThrow(/DUTIES_FILE .*expected object/);
    expect(() => loadDutySettings(write('{not json'))).toThrow(/DUTIES_FILE/);
  });
});

describe('duty days in Chinese working days (the 2026 calendar: 国庆 1–7 October, 调休 Saturday 10 October)', () => {
  it('a report run on 30 September 2026 with 3 working days is due at the end of 10 October; with 2 of 9 October; 3 calendar days as before', () => {
    expect(reportDueAt('2026-09-30', '3 working days', CAL)).toBe(chinaTime('2026-10-11'));
    expect(reportDueAt('2026-09-30', '2 工作日', CAL)).toBe(chinaTime('2026-10-10'));
    expect(reportDueAt('2026-09-30', 3, CAL)).toBe(chinaTime('2026-10-04'));
  });

  it('counts in the configured calendar (WORKING_DAY_CALENDAR_FILE): one without holidays counts weekends only', () => {
    const weekendsOnly: WorkingDayCalendar = { years: {} };
    expect(reportDueAt('2026-09-30', '3 working days', weekendsOnly)).toBe(chinaTime('2026-10-06'));
    expect(addDutyDays(weekendsOnly, '2026-09-30', '3 working days')).toBe('2026-10-05');
  });

  it('R-B7: onward days in working days skip the holiday', () => {
    expect(addDutyDays(CAL, '2026-09-28', '5 working days')).toBe('2026-10-10');
    expect(addDutyDays(CAL, '2026-09-28', 5)).toBe('2026-10-03');
  });

  it('a reminder working days before a deadline skips the holiday; calendar days as before', () => {
    expect(daysBeforeInput(2, CAL)).toBe(2);
    const before = daysBeforeInput('2 working days', CAL);
    expect(before).toEqual({ workingDays: 2, calendar: CAL });
    // due at the end of 8 October: two working days before its end is the start of 30 September, the last working day before 国庆
    expect(remindInstant(chinaTime('2026-10-09'), before)).toBe(chinaTime('2026-09-30'));
    expect(remindInstant(chinaTime('2026-10-09'), 2)).toBe(chinaTime('2026-10-07'));
    expect([remindsBefore(0), remindsBefore(before)]).toEqual([false, true]);
  });

  it('DUTIES_FILE gives any of these days as a number or as working days, and names a bad one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duties-'));
    const write = (content: string) => { const file = path.join(dir, `${Math.random()}.json`); fs.writeFileSync(file, content); return file; };
    const s = loadDutySettings(write('{"reports":{"operations":{"dueDays":"5 working days"}},"transferOnwardDays":"20 工作日","remindDaysBefore":"1 working day"}'));
    expect(s.reports.operations).toEqual({ ...DEFAULT_DUTY_SETTINGS.reports.operations, dueDays: '5 working days' });
    expect([s.transferOnwardDays, s.remindDaysBefore, s.reports.execution.dueDays]).toEqual(['20 工作日', '1 working day', DEFAULT_DUTY_SETTINGS.reports.execution.dueDays]);
    expect(() => loadDutySettings(write('{"transferOnwardDays":"3 weeks"}'))).toThrow(/DUTIES_FILE .*transferOnwardDays.*working days/);
    expect(() => loadDutySettings(write('{"reports":{"operations":{"dueDays":"61 working days"}}}'))).toThrow(/DUTIES_FILE .*reports\.operations\.dueDays/);
    expect(() => loadDutySettings(write('{"remindDaysBefore":"0 工作日"}'))).toThrow(/DUTIES_FILE .*remindDaysBefore/);
  });
});
