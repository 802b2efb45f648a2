import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data: ID card numbers and phones. A keyed hash finds one person across cases
 * without storing the number in the clear; AES-256-GCM keeps the full value for the roles
 * that need it; the masked form is what everyone else sees.
 */
export class PersonalDataCipher {
  private readonly hashKey: Buffer;
  private readonly encKey: Buffer;

  /** @param dataKey at least 32 bytes of secret, base64 or raw. */
  constructor(dataKey: string | Buffer) {
    const ikm = typeof dataKey === 'string' ? Buffer.from(dataKey, 'base64') : dataKey;
    if (ikm.length < 32) throw new TypeError('The personal data key must be at least 32 bytes');
    this.hashKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'tiaojie:id-hash', 32));
    this.encKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'tiaojie:encrypt', 32));
  }

  static generateKey(): string {
    return randomBytes(32).toString('base64');
  }

  /** The lookup hash of an ID card number (normalized: upper-case X, no spaces). */
  hashIdNumber(idNumber: string): string {
    return createHmac('sha256', this.hashKey).update(normalizeIdNumber(idNumber)).digest('hex');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [iv, c.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
  }

  decrypt(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((s) => Buffer.from(s, 'base64'));
    const d = createDecipheriv('aes-256-gcm', this.encKey, iv);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(body), d.final()]).toString('utf8');
  }
}

export const normalizeIdNumber = (s: string) => s.replace(/\s+/g, '').toUpperCase();

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number (GB 11643-1999). */
export const idCheckChar = (first17: string) => CHECK[[...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0) % 11];

/** Whether a string is a valid 18-digit resident ID card number, check digit included. */
export function isValidIdNumber(raw: string): boolean {
  const s = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return idCheckChar(s.slice(0, 17)) === s[17];
}

/** 1101**********123X: region's first four and the last four. */
export const maskIdNumber = (s: string) => {
  const n = normalizeIdNumber(s);
  return n.length <= 8 ? '*'.repeat(n.length) : n.slice(0, 4) + '*'.repeat(n.length - 8) + n.slice(-4);
};

/** 138****5678 */
export const maskPhone = (s: string) => {
  const n = s.replace(/\s+/g, '');
  return n.length < 7 ? '*'.repeat(n.length) : n.slice(0, 3) + '*'.repeat(n.length - 7) + n.slice(-4);
};
