import { afterWorkingDays, CHINA_WORKING_DAY_CALENDAR as CAL, chinaDateTime, chinaTime, parseWorkInterval, reminderWait, remindAfterInput, spanText } from '../../domain';

describe('intervals in working days (APPROVAL_REMIND_AFTER, NUDGE_INTERVAL)', () => {
  test('reads working days in English or Chinese, and durations as they were', () => {
    expect(parseWorkInterval('1 working day')).toEqual({ workingDays: 1 });
    expect(parseWorkInterval('3 Working Days')).toEqual({ workingDays: 3 });
    expect(parseWorkInterval('2 工作日')).toEqual({ workingDays: 2 });
    expect(parseWorkInterval('4 hours')).toEqual({ clock: '4 hours', ms: 4 * 3_600_000 });
    expect(parseWorkInterval('30m')).toEqual({ clock: '30m', ms: 30 * 60_000 });
    expect(parseWorkInterval('3 days')).toEqual({ clock: '3 days', ms: 3 * 86_400_000 });
    for (const bad of ['0 working days', 'soon', '1.5 working days', '']) expect(parseWorkInterval(bad)).toBeUndefined();
  });

  test('one working day from 10:00 on the last working day before 国庆 2026 is 10:00 on 8 October; from Friday 9 October the 调休 Saturday', () => {
    expect(chinaDateTime(afterWorkingDays(CAL, chinaTime('2026-09-30', 10), 1))).toBe('2026-10-08 10:00');
    expect(chinaDateTime(afterWorkingDays(CAL, chinaTime('2026-10-09', 10), 1))).toBe('2026-10-10 10:00');
    // opened during the holiday: the first working day after it
    expect(chinaDateTime(afterWorkingDays(CAL, chinaTime('2026-10-03', 15), 1))).toBe('2026-10-08 15:00');
  });

  test('a workflow gets the duration unchanged, or working days with the calendar, and waits until that instant', () => {
    expect(remindAfterInput('3 days', CAL)).toBe('3 days');
    const wd = remindAfterInput('1 working day', CAL);
    expect(wd).toEqual({ workingDays: 1, calendar: CAL });
    expect(reminderWait('3 days', 0)).toBe('3 days');
    const from = chinaTime('2026-09-30', 10);
    expect(reminderWait(wd, from)).toBe(8 * 86_400_000);
  });

  test('says a span in days, hours and minutes, in both languages', () => {
    expect(spanText(3 * 86_400_000 + 5 * 3_600_000)).toEqual({ zh: '3天5小时', en: '3 d 5 h' });
    expect(spanText(90 * 60_000)).toEqual({ zh: '1小时30分钟', en: '1 h 30 min' });
    expect(spanText(1)).toEqual({ zh: '1分钟', en: '1 min' });
  });
});
