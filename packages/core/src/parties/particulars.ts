import { ValidationError } from '../shared/errors';
import { isValidIdNumber } from '../shared/personal-data';
import type { Sex } from '../shared/vocabulary';

/** What a resident ID number says of its holder: birth date (digits 7–14) and sex (17th digit: odd male). */
export function fromIdNumber(idNumber: string): { birthDate: string; sex: Sex } | null {
  const s = idNumber.trim().toUpperCase();
  if (!isValidIdNumber(s)) return null;
  return { birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`, sex: Number(s[16]) % 2 === 1 ? 'male' : 'female' };
}

/**
 * A person's birth date and sex: taken from the ID number when there is one; a given value that
 * contradicts it is refused (the ID card is the record). @throws ValidationError on `<prefix>birthDate` / `<prefix>sex`
 */
export function particulars(p: { idNumber?: string | null; birthDate?: string | null; sex?: Sex | null }, prefix = ''): { birthDate: string | null; sex: Sex | null } {
  const id = p.idNumber ? fromIdNumber(p.idNumber) : null;
  if (!id) return { birthDate: p.birthDate ?? null, sex: p.sex ?? null };
  const errors = [];
  if (p.birthDate && p.birthDate !== id.birthDate) {
    const zh = `出生日期与身份证号不符（应为${id.birthDate}）`;
    errors.push({ field: `${prefix}birthDate`, type: 'any.invalid', message: zh, messages: { zh, en: `The birth date contradicts the ID number (${id.birthDate})` } });
  }
  if (p.sex && p.sex !== id.sex) {
    const zh = '性别与身份证号不符';
    errors.push({ field: `${prefix}sex`, type: 'any.invalid', message: zh, messages: { zh, en: 'The sex contradicts the ID number' } });
  }
  if (errors.length) throw new ValidationError(errors);
  return id;
}
