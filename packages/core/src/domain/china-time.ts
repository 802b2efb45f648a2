/**
 * China time (UTC+8) for dates people name: a case's year, "today" for an adviser's term, the
 * start of a calendar day or week. China has kept one offset without daylight saving since
 * 1991, so a fixed offset is exact and needs no time-zone data; that keeps this module free of
 * dependencies for the browser (dayjs and Intl would both do, neither is needed).
 */

/** The IANA zone of every date shown to people. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
/** UTC+8 in milliseconds. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY = 86_400_000;

/** The instant shifted so that its UTC fields read China's wall clock. */
const wall = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS);

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (YYYY-MM-DD) an instant falls on in China. */
export const chinaDate = (at: Date): string => wall(at).toISOString().slice(0, 10);

/** The calendar year an instant falls in, in China. */
export const chinaYear = (at: Date): number => wall(at).getUTCFullYear();

/**
 * The instant a calendar day (YYYY-MM-DD) starts in China.
 * @throws RangeError when `day` is not written YYYY-MM-DD
 */
export function chinaDayStart(day: string): Date {
  const m = CALENDAR_DATE.exec(day);
  if (!m) throw new RangeError(`Not a calendar date: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS);
}

/** The last millisecond of a calendar day (YYYY-MM-DD) in China. */
export const chinaDayEnd = (day: string): Date => new Date(chinaDayStart(day).getTime() + DAY - 1);

/** Monday 00:00, China time, of the week an instant falls in. */
export function chinaWeekStart(at: Date): Date {
  const local = wall(at);
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - daysSinceMonday * DAY - CHINA_OFFSET_MS);
}
