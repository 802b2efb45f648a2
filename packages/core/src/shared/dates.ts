import Joi from 'joi';
import { CHINA_OFFSET_MS } from '../domain/china-time';

/**
 * The dates the system accepts, for every date and datetime input. MariaDB's DATETIME holds years
 * 1000–9999 only (year 0001 reads back shifted) and SQLite stores whatever it is given, so the
 * bound is in validation, where both engines give one answer. No dispute or birth predates 1900;
 * deadlines beyond 2199 are typing errors.
 */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2199-12-31';
const MIN_MS = Date.parse(`${DATE_MIN}T00:00:00Z`) - CHINA_OFFSET_MS; // 00:00 in China
const MAX_MS = Date.parse(`${DATE_MAX}T23:59:59.999Z`);

/** Whether `ymd` (YYYY-MM-DD) is a day of the calendar (Date rolls 30 February over to March). */
export function isCalendarDate(ymd: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return false;
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

export const DATE_MESSAGES = {
  'date.notCalendar': '{{#label}} is not a valid date (YYYY-MM-DD)',
  'date.outOfRange': `{{#label}} must be between ${DATE_MIN} and ${DATE_MAX}`,
};

/** A calendar date written YYYY-MM-DD that exists and lies in DATE_MIN … DATE_MAX. */
export const boundedDate = () =>
  Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}$/)
    .custom((v: string, h) => (!isCalendarDate(v) ? h.error('date.notCalendar') : v < DATE_MIN || v > DATE_MAX ? h.error('date.outOfRange') : v))
    .messages(DATE_MESSAGES);

/** An ISO 8601 instant whose date part exists and that lies in DATE_MIN … DATE_MAX; a Date once valid. */
export const boundedInstant = () =>
  Joi.date()
    .iso()
    .custom((v: Date, h) => {
      const raw = typeof h.original === 'string' ? h.original : h.original instanceof Date ? h.original.toISOString() : '';
      if (!isCalendarDate(raw.slice(0, 10))) return h.error('date.notCalendar');
      return v.getTime() < MIN_MS || v.getTime() > MAX_MS ? h.error('date.outOfRange') : v;
    })
    .messages(DATE_MESSAGES);
