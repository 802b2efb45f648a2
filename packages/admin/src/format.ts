/**
 * Chinese conventions for what people read: money in yuan from integer fen, dates as
 * 2026年11月22日 in China Standard Time, ID numbers masked. English gets the same values
 * in English words; the time zone stays the center's.
 */
import { CHINA_TIME_ZONE, chinaDate, chinaDayStart } from '@tiaojie/core/domain';
export const TIME_ZONE = CHINA_TIME_ZONE;

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'zh-CN');

/** ¥12,345.60 from 1234560 fen; an empty string for null. */
export function yuan(fen: number | null | undefined, locale = 'zh'): string {
  if (fen === null || fen === undefined || Number.isNaN(Number(fen))) return '';
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(Number(fen) / 100);
}

/** Integer fen from what a person typed in yuan (two decimals at most). */
export function toFen(yuanValue: unknown): number | undefined {
  if (yuanValue === null || yuanValue === undefined || yuanValue === '') return undefined;
  const n = Number(yuanValue);
  return Number.isFinite(n) ? Math.round(n * 100) : undefined;
}

export const fromFen = (fen: number | null | undefined): number | null => (fen === null || fen === undefined ? null : Number(fen) / 100);

const toDate = (v: unknown): Date | null => {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? chinaDayStart(v) : new Date(v as string);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** 2026年11月22日 */
export function date(v: unknown, locale = 'zh'): string {
  const d = toDate(v);
  return d ? d.toLocaleDateString(tag(locale), { timeZone: TIME_ZONE, year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric' }) : '';
}

/** 2026年11月22日 14:05 */
export function dateTime(v: unknown, locale = 'zh'): string {
  const d = toDate(v);
  if (!d) return '';
  const time = d.toLocaleTimeString(tag(locale), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
  return `${date(d, locale)} ${time}`;
}

/** Days from now to a deadline, negative when overdue (whole days, rounded towards the deadline). */
export function daysLeft(deadline: unknown, now = Date.now()): number | null {
  const d = toDate(deadline);
  if (!d) return null;
  const ms = d.getTime() - now;
  return ms >= 0 ? Math.ceil(ms / 86_400_000) : -Math.ceil(-ms / 86_400_000);
}

/** 110105********1234: shows the region and the last four, as the masking rules of the API do. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  if (id.includes('*')) return id;
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id;
}

/** The local date today as YYYY-MM-DD in the center's time zone. */
export function today(): string {
  return chinaDate(new Date());
}

/** An input's empty string as null, for optional fields the API takes as null. */
export const orNull = (v: unknown) => (v === '' ? null : v);

/** Mainland resident ID number: 17 digits and a check character, with its ISO 7064 checksum. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17].toUpperCase();
}
