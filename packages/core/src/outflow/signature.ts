import { createHmac, timingSafeEqual } from 'node:crypto';

/** `v1`: hex HMAC-SHA256 of `<timestamp>.<body>` with the subscription's secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The `X-Tiaojie-Signature` header value: `t=<unix seconds>,v1=<hex>`. */
export const signatureHeader = (secret: string, timestamp: number, body: string) => `t=${timestamp},v1=${signWebhook(secret, timestamp, body)}`;

/**
 * Check a received webhook: the header's HMAC matches the raw body and the timestamp is within
 * `toleranceSeconds` of `now` (a replayed old delivery is refused). For receivers written in Node.
 */
export function verifyWebhookSignature(secret: string, header: string, body: string, opts: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return false;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, t, body), 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
