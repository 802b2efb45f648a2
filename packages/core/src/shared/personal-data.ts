import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { CHINA_OFFSET_MS } from '../domain/china-time';

/**
 * Personal data: ID card numbers and phones. A keyed hash finds one person across cases
 * without storing the number in the clear; AES-256-GCM keeps the full value for the roles
 * that need it; the masked form is what everyone else sees.
 */
export class PersonalDataCipher {
  private readonly hashKey: Buffer;
  private readonly encKey: Buffer;
  private readonly checkKey: Buffer;

  /** @param dataKey at least 32 bytes of secret, base64 or raw. */
  constructor(dataKey: string | Buffer) {
    const ikm = typeof dataKey === 'string' ? Buffer.from(dataKey, 'base64') : dataKey;
    if (ikm.length < 32) throw new TypeError('The personal data key must be at least 32 bytes');
    this.hashKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'tiaojie:id-hash', 32));
    this.encKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'tiaojie:encrypt', 32));
    this.checkKey = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'tiaojie:key-check', 32));
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

  /**
   * A value that identifies this key without revealing it (HMAC of a constant under a key of its
   * own), kept in settings so that a start with another key is refused instead of answering 500s
   * and empty person searches.
   */
  keyCheck(): string {
    return createHmac('sha256', this.checkKey).update('tiaojie:data-key-check:v1').digest('hex');
  }

  /** The plain text, or null when `sealed` was not sealed with this key (or is damaged). */
  tryDecrypt(sealed: string): string | null {
    try {
      return this.decrypt(sealed);
    } catch {
      return null;
    }
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

/** First two digits of the region code: provinces of GB/T 2260, and 81–83 (Hong Kong, Macao, Taiwan residence permits). */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

/**
 * Whether a string is a valid 18-digit resident ID card number (GB 11643-1999): a province region,
 * a birth date that exists, from 1900-01-01 to `today`, and the check character.
 */
export function isValidIdNumber(raw: string, today: Date = new Date()): boolean {
  const s = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  // Date rolls 30 February over to March: only a date that reads back the same exists.
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth) return false;
  if (birth < '1900-01-01' || d.getTime() > today.getTime() + CHINA_OFFSET_MS) return false;
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
