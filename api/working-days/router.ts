import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../context';
import { parse } from '../validate';
import { addWorkingDays, calendarCoverage, CHINA_WORKING_DAY_CALENDAR, holidayOn, isWorkingDay, workingDaysBetween, ZIsoDate } from '../../domain';

const ZWorkingDaysQuery = z.object({
  from: ZIsoDate,
  /** working days to add (negative: back) */
  add: z.coerce.number().int().min(-3660).max(3660).optional(),
  /** or the date to count working days to */
  to: ZIsoDate.optional(),
}).refine((q) => (q.add === undefined) !== (q.to === undefined), { message: '需给出 add 或 to 之一 / give exactly one of add and to', path: ['add'] });

/** The county's working-day calendar (工作日, with holidays and 调休) for forms and deadlines. */
export function workingDaysRouter(deps: ApiDeps): Router {
  const calendar = deps.workingDayCalendar ?? CHINA_WORKING_DAY_CALENDAR;
  const router = Router();
  router.get('/working-days', (req, res) => {
    const q = parse(ZWorkingDaysQuery, req.query);
    const to = q.to ?? addWorkingDays(calendar, q.from, q.add!);
    const day = (d: string) => ({ date: d, workingDay: isWorkingDay(calendar, d), holiday: holidayOn(calendar, d) ?? null, coverage: calendarCoverage(calendar, d) });
    res.json({ from: day(q.from), to: day(to), workingDays: workingDaysBetween(calendar, q.from, to) });
  });
  return router;
}
