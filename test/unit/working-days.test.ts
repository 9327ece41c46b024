import {
  addWorkingDays, calendarCoverage, CHINA_WORKING_DAY_CALENDAR as CAL, holidayOn, isWorkingDay, nextWorkingDay, workingDaysBetween, ZWorkingDayCalendar,
} from '../../domain';

describe('China working days (2026 from the State Council notice of 2025-11-04)', () => {
  it.each([
    ['2026-01-01', false, '元旦'], ['2026-01-02', false, '元旦'], ['2026-01-04', true, undefined], // Sunday 调休 working day
    ['2026-02-14', true, undefined], ['2026-02-15', false, '春节'], ['2026-02-23', false, '春节'], ['2026-02-24', true, undefined], ['2026-02-28', true, undefined],
    ['2026-04-06', false, '清明节'], ['2026-05-05', false, '劳动节'], ['2026-05-09', true, undefined], ['2026-06-19', false, '端午节'],
    ['2026-09-20', true, undefined], ['2026-09-25', false, '中秋节'], ['2026-10-07', false, '国庆节'], ['2026-10-08', true, undefined], ['2026-10-10', true, undefined],
    ['2026-11-27', true, undefined], ['2026-11-28', false, undefined], ['2026-11-29', false, undefined],
  ])('%s is a working day: %s (%s)', (d, working, holiday) => {
    expect(isWorkingDay(CAL, d)).toBe(working);
    expect(holidayOn(CAL, d)).toBe(holiday);
  });

  it('counts 248 working days in 2026: 261 weekdays, minus 19 weekday holidays, plus 6 working weekends', () => {
    expect(workingDaysBetween(CAL, '2025-12-31', '2026-12-31')).toBe(248);
  });

  it('adds working days across the Spring Festival and the 调休 Saturday after it', () => {
    expect(addWorkingDays(CAL, '2026-02-13', 1)).toBe('2026-02-14'); // Saturday, a working day
    expect(addWorkingDays(CAL, '2026-02-14', 1)).toBe('2026-02-24');
    expect(addWorkingDays(CAL, '2026-02-13', 5)).toBe('2026-02-27');
    expect(addWorkingDays(CAL, '2026-02-13', 6)).toBe('2026-02-28');
    expect(addWorkingDays(CAL, '2026-09-30', 2)).toBe('2026-10-09'); // the National Day week skipped
    expect(addWorkingDays(CAL, '2026-09-30', 3)).toBe('2026-10-10'); // and the Saturday after it worked
  });

  it('goes backwards for negative counts and stays put for zero', () => {
    expect(addWorkingDays(CAL, '2026-02-24', -1)).toBe('2026-02-14');
    expect(addWorkingDays(CAL, '2026-10-08', -2)).toBe('2026-09-29');
    expect(addWorkingDays(CAL, '2026-10-03', 0)).toBe('2026-10-03');
    expect(() => addWorkingDays(CAL, '2026-10-03', 1.5)).toThrow('whole');
  });

  it('counts working days after the first date up to the second, with a sign, consistent with adding them', () => {
    expect(workingDaysBetween(CAL, '2026-09-30', '2026-10-09')).toBe(2);
    expect(workingDaysBetween(CAL, '2026-10-09', '2026-09-30')).toBe(-2);
    expect(workingDaysBetween(CAL, '2026-03-02', '2026-03-02')).toBe(0);
    for (const from of ['2026-01-01', '2026-02-13', '2026-04-30', '2026-09-18', '2026-12-25']) {
      for (let n = 0; n <= 30; n++) expect(workingDaysBetween(CAL, from, addWorkingDays(CAL, from, n))).toBe(n);
    }
  });

  it('moves a deadline that falls on a holiday or weekend to the next working day', () => {
    expect(nextWorkingDay(CAL, '2026-10-01')).toBe('2026-10-08');
    expect(nextWorkingDay(CAL, '2026-10-10')).toBe('2026-10-10');
    expect(nextWorkingDay(CAL, '2026-12-31')).toBe('2026-12-31');
  });

  it('says 2027 is to be confirmed and other years are not covered (weekends only)', () => {
    expect(calendarCoverage(CAL, '2026-06-01')).toBe('official');
    expect(calendarCoverage(CAL, '2027-02-08')).toBe('to_be_confirmed');
    expect(calendarCoverage(CAL, '2028-01-03')).toBe('not_covered');
    expect(isWorkingDay(CAL, '2027-01-01')).toBe(false); // 元旦 is fixed by law
    expect(isWorkingDay(CAL, '2028-01-03')).toBe(true);
    expect(addWorkingDays(CAL, '2026-12-31', 1)).toBe('2027-01-04'); // across the year end
  });

  it('a replacement calendar is checked: working weekends must be weekends, dates in their year, not holidays', () => {
    const bad = ZWorkingDayCalendar.safeParse({
      years: { 2028: { status: 'official', source: 's', holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }], workingWeekends: ['2028-01-05', '2028-01-01', '2027-12-26'] } },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining([
      '2028-01-05 is not a Saturday or Sunday', '2028-01-01 is also a holiday', '2027-12-26 is not in 2028',
    ]));
    const custom = ZWorkingDayCalendar.parse({ years: { 2028: { status: 'official', source: 's', holidays: [], workingWeekends: ['2028-01-08'] } } });
    expect(isWorkingDay(custom, '2028-01-08')).toBe(true);
  });
});
