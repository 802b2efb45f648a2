/**
 * Dates typed as people in China write them, whatever the browser's language: 2026-12-01,
 * 2026-12-01 14:30, 2026-12. A native <input type=date> shows mm/dd/yyyy in an en-US browser,
 * so every date input of the admin is a text field with this mask and check (DateInputs.tsx).
 * Times are China time (UTC+8, no daylight saving), as everywhere in the admin.
 */
import { CHINA_OFFSET_MS, chinaDate } from '@tiaojie/core/domain';

export type DateKind = 'date' | 'datetime' | 'month';

const SIZES: Record<DateKind, number[]> = { month: [4, 2], date: [4, 2, 2], datetime: [4, 2, 2, 2, 2] };
const SEPARATORS = ['-', '-', ' ', ':'];
/** What the field shows when empty, and the example in the error message. */
export const EXAMPLES: Record<DateKind, string> = { month: '2026-12', date: '2026-12-01', datetime: '2026-12-01 14:30' };

/**
 * The text as typed so far, with the separators put in: digits fill the year, month, day, hour and
 * minute in turn; any other character (/, ., 年, 月, a space) ends the part being typed, so
 * 2026/1/5 and 2026年1月5日 read as 2026-1-5.
 */
export function maskDate(text: string, kind: DateKind): string {
  const sizes = SIZES[kind];
  const parts = [''];
  for (const ch of text) {
    const i = parts.length - 1;
    if (ch >= '0' && ch <= '9') {
      if (parts[i].length < sizes[i]) parts[i] += ch;
      else if (i + 1 < sizes.length) parts.push(ch);
      else break;
    } else if (parts[i].length > 0 && i + 1 < sizes.length) {
      parts.push('');
    }
  }
  return parts.map((p, i) => (i ? SEPARATORS[i - 1] + p : p)).join('');
}

/** The canonical text (2026-01-05, 2026-01-05 09:30, 2026-01) of a complete, real date; null otherwise. */
export function readDate(text: string, kind: DateKind): string | null {
  const parts = maskDate(text.trim(), kind).split(/[- :]/);
  if (parts.length !== SIZES[kind].length || parts.some((p) => p === '') || parts[0].length !== 4) return null;
  const [y, m, d = 1, h = 0, min = 0] = parts.map(Number);
  if (m < 1 || m > 12 || h > 23 || min > 59) return null;
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null; // 2026-02-30
  const pad = (n: number) => String(n).padStart(2, '0');
  if (kind === 'month') return `${y}-${pad(m)}`;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  return kind === 'date' ? day : `${day} ${pad(h)}:${pad(min)}`;
}

/** The instant of a canonical 2026-12-01 14:30, China time. */
export function chinaDateTimeToIso(text: string): string {
  const [y, m, d, h, min] = text.split(/[- :]/).map(Number);
  return new Date(Date.UTC(y, m - 1, d, h, min) - CHINA_OFFSET_MS).toISOString();
}

/** 2026-12-01 14:30 (China time) of an instant. */
export function isoToChinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The text a stored value shows as: a calendar date as it is, an instant in China time. */
export function dateText(value: unknown, kind: DateKind): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value))) {
    const at = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(at.getTime())) return String(value);
    if (kind === 'datetime') return isoToChinaDateTime(at);
    return kind === 'month' ? chinaDate(at).slice(0, 7) : chinaDate(at);
  }
  return String(value);
}
