import { isValidIdNumber } from '../format';

/** Validators with Chinese messages (translation keys, so English follows the switch). */
export const idNumber = (v: unknown) => (v && !isValidIdNumber(String(v).trim()) ? 'app.validation.id_number' : undefined);
export const phone = (v: unknown) => (v && !/^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{7,8})$/.test(String(v).trim()) ? 'app.validation.phone' : undefined);
export const creditCode = (v: unknown) => (v && !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(String(v).trim().toUpperCase()) ? 'app.validation.credit_code' : undefined);
export const money = (v: unknown) => (v !== undefined && v !== null && v !== '' && !(Number(v) >= 0 && /^\d+(\.\d{1,2})?$/.test(String(v))) ? 'app.validation.money' : undefined);
export const positiveInt = (v: unknown) => (v !== undefined && v !== null && v !== '' && !(Number.isInteger(Number(v)) && Number(v) > 0) ? 'app.validation.positive_int' : undefined);
