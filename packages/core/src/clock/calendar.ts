/**
 * Working days (工作日), as pure functions over a calendar of exceptions: a weekday that is a
 * public holiday, and a weekend day that is a make-up working day (调休上班). Days are China
 * calendar days written YYYY-MM-DD.
 */
import { DAY_MS } from '../shared/clock';
import { chinaDate, chinaDayEnd, chinaDayStart } from '../shared/china-time';
import type { HolidayKind } from '../shared/vocabulary';

/** The exceptions to "Monday to Friday", by day. */
export type WorkCalendar = ReadonlyMap<string, HolidayKind>;

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const nextDay = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);

/** Whether people work on this day: a make-up working day, or a weekday that is no holiday. */
export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  const kind = calendar.get(day);
  if (kind === 'workday') return true;
  if (kind === 'holiday') return false;
  const d = weekday(day);
  return d !== 0 && d !== 6;
}

/**
 * The `n`th working day after `day` (the first day is not counted, 民法典 第201条; a period whose
 * last day is a holiday ends on the next working day, 第203条 — counting working days does that).
 */
export function addWorkingDays(day: string, n: number, calendar: WorkCalendar): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = nextDay(d);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/**
 * A limit of `days` working days from `at`: the deadline is the end of the last working day
 * (China time), yellow the end of the working day at `yellowPercent` of the limit.
 */
export function workingDayClock(at: Date, days: number, yellowPercent: number, calendar: WorkCalendar): { yellowAt: Date; deadlineAt: Date } {
  const start = chinaDate(at);
  const yellowDays = Math.floor((days * yellowPercent) / 100);
  const deadlineAt = chinaDayEnd(addWorkingDays(start, days, calendar));
  const yellowAt = yellowDays > 0 ? new Date(chinaDayEnd(addWorkingDays(start, yellowDays, calendar)).getTime() + 1) : chinaDayStart(nextDay(start));
  return { yellowAt, deadlineAt };
}
