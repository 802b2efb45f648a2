/** How the printed forms write dates, times and money. Pure. */

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar day in China of an instant, as YYYY-MM-DD. */
export const chinaDay = (at: Date | string) => new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** `2026年12月1日`, from YYYY-MM-DD or an instant (its day in China). */
export function zhDate(v: Date | string | null | undefined): string {
  if (v == null || v === '') return '';
  const day = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : chinaDay(v);
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `2026年11月18日10时00分`, in China time. */
export function zhDateTime(v: Date | string): string {
  const iso = new Date(new Date(v).getTime() + CHINA_OFFSET_MS).toISOString();
  return `${zhDate(iso.slice(0, 10))}${Number(iso.slice(11, 13))}时${iso.slice(14, 16)}分`;
}

/** `5,000.00` yuan from integer fen, exactly (no floating point). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const abs = BigInt(Math.abs(Math.trunc(fen)));
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${cents}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** 大写金额 as agreements and receipts write it: 5000000 fen → `伍万元整`, 123456 → `壹仟贰佰叁拾肆元伍角陆分`. */
export function yuanInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('amount in fen must be a non-negative integer');
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let out: string;
  if (whole === 0) out = jiao || fenDigit ? '' : '零元';
  else {
    const groups: number[] = [];
    for (let n = whole; n > 0; n = Math.floor(n / 10000)) groups.push(n % 10000);
    let text = '';
    let zeroPending = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g];
      if (group === 0) {
        zeroPending = text !== '';
        continue;
      }
      // A group below 1000 after a higher group reads with a 零 (壹万零伍佰).
      if (text && (zeroPending || group < 1000)) text += '零';
      zeroPending = false;
      let groupText = '';
      let innerZero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(group / 10 ** i) % 10;
        if (d === 0) {
          innerZero = groupText !== '';
          continue;
        }
        if (innerZero) groupText += '零';
        innerZero = false;
        groupText += DIGITS[d] + SMALL_UNITS[i];
      }
      text += groupText + BIG_UNITS[g];
    }
    out = `${text}元`;
  }
  if (!jiao && !fenDigit) return `${out}整`;
  if (jiao) out += `${DIGITS[jiao]}角`;
  else if (whole) out += '零';
  if (fenDigit) out += `${DIGITS[fenDigit]}分`;
  return out;
}

/** `人民币5,000.00元（大写：伍仟元整）` */
export const money = (fen: number | null | undefined) => (fen == null ? '' : `人民币${yuan(fen)}元（大写：${yuanInWords(fen)}）`);
