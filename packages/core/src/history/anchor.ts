import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The history key seals each case's chain head (seq and hash) with an HMAC. It never goes into
 * the database: someone who can write the database can recompute every event hash (the hash
 * function is public), but cannot forge the seal, so an edited, recomputed or truncated chain no
 * longer matches its sealed head.
 */
export class HistorySeal {
  private readonly key: Buffer;

  /** @param key at least 32 bytes (base64 or raw). */
  constructor(key: string | Buffer) {
    const k = typeof key === 'string' ? Buffer.from(key, 'base64') : key;
    if (k.length < 32) throw new TypeError('The history key must be at least 32 bytes');
    this.key = k;
  }

  /** The key derived from the personal-data key (HKDF, its own label) when no history key is given. */
  static fromDataKey(dataKey: string | Buffer): HistorySeal {
    const ikm = typeof dataKey === 'string' ? Buffer.from(dataKey, 'base64') : dataKey;
    return new HistorySeal(Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'tiaojie:history-head', 32)));
  }

  /** HMAC-SHA256 over the case id, the head's sequence number and hash. */
  mac(caseId: number, seq: number, hash: string): string {
    return createHmac('sha256', this.key).update(`tiaojie-head\n${caseId}\n${seq}\n${hash}`).digest('hex');
  }

  /** Whether `mac` seals this head (constant time). */
  verify(caseId: number, seq: number, hash: string, mac: string): boolean {
    const want = Buffer.from(this.mac(caseId, seq, hash), 'hex');
    const got = Buffer.from(/^[0-9a-f]{64}$/.test(mac) ? mac : '', 'hex');
    return got.length === want.length && timingSafeEqual(got, want);
  }
}

// One seal per open data source: the chain functions receive only an EntityManager (as every
// command does), and find the seal of the database they write to here.
const seals = new WeakMap<DataSource, HistorySeal>();

/** Use `seal` for the histories of `ds` (openTiaojie does this). */
export function useHistorySeal(ds: DataSource, seal: HistorySeal): void {
  seals.set(ds, seal);
}

/** The seal of `ds`. @throws Error when none was set: history must never be written unsealed. */
export function historySealOf(ds: DataSource): HistorySeal {
  const s = seals.get(ds);
  if (!s) throw new Error('No history key for this data source: open it with openTiaojie() or call useHistorySeal()');
  return s;
}
