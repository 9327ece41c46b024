import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDutySettings } from '../../main/duty-config';
import { cashCoverage, chinaTime, isLargeTransfer, periodBefore, periodBounds, reportDueAt, DEFAULT_DUTY_SETTINGS } from '../../domain';

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
