import {
  chinaDate, chinaMonth, chinaQuarter, chinaTime, dateColumn, disbursementSchedule, fiscalYearAt, fiscalYearEnd, toDateColumn,
} from '../../domain';

// 00:30 China time is 16:30 UTC of the day before: a UTC clock puts work done then in the wrong day.
const at = (iso: string) => Date.parse(iso);

describe('the China calendar at 00:30 China time', () => {
  it('on the 1st of a month gives that day and month, not the last day of the previous one', () => {
    const t = at('2026-05-31T16:30:00Z'); // 2026-06-01 00:30 in China
    expect(chinaDate(t)).toBe('2026-06-01');
    expect(chinaMonth(t)).toBe('2026-06');
    expect(chinaQuarter(t)).toBe('2026-Q2');
    expect(new Date(t).toISOString().slice(0, 10)).toBe('2026-05-31'); // what the UTC code used to take
  });

  it('on 1 January gives the new fiscal year, quarter and month', () => {
    const t = at('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in China
    expect(chinaDate(t)).toBe('2027-01-01');
    expect(fiscalYearAt(t)).toBe(2027);
    expect(chinaMonth(t)).toBe('2027-01');
    expect(chinaQuarter(t)).toBe('2027-Q1');
  });

  it('puts the year turn at midnight China time, one second before still the old year', () => {
    expect(fiscalYearEnd(2026)).toBe(at('2026-12-31T16:00:00Z'));
    expect(fiscalYearAt(fiscalYearEnd(2026) - 1000)).toBe(2026);
    expect(fiscalYearAt(fiscalYearEnd(2026))).toBe(2027);
    expect(chinaTime('2027-01-01')).toBe(fiscalYearEnd(2026));
  });

  it('schedules an R-B6 default disbursement in the China month of execution', () => {
    const executedOn = chinaDate(at('2026-05-31T16:30:00Z'));
    const schedule = disbursementSchedule({ amount: '100.00', category: 'project', purpose: '修路', justification: '' }, executedOn.slice(0, 7));
    expect(schedule).toEqual([{ seq: 1, month: '2026-06', amount: '100.00' }]);
  });

  it('reads and writes PostgreSQL date columns as the calendar day itself', () => {
    expect(dateColumn(toDateColumn('2027-01-01'))).toBe('2027-01-01');
    expect(toDateColumn('2027-01-01').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
