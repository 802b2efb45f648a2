import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Actor } from '../cases/lifecycle';
import type { CaseStatus } from '../shared/vocabulary';
import { CaseEvent, FieldChanges } from './case-event.entity';
import { enqueueOutbox } from '../outflow/outbox';

/** JSON with keys in a fixed order and dates as ISO strings: the same content always hashes the same. */
export function canonical(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Plain JSON values only (dates become ISO strings), as they will read back from the database. */
export const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v ?? {}));

type Hashed = Pick<CaseEvent, 'caseId' | 'seq' | 'action' | 'actorId' | 'actorName' | 'at' | 'fromStatus' | 'toStatus' | 'changes' | 'payload'>;

/** sha256 over the previous hash and the event's content. */
export function eventHash(prevHash: string, e: Hashed): string {
  const content = canonical({
    caseId: e.caseId, seq: e.seq, action: e.action, actorId: e.actorId, actorName: e.actorName,
    at: new Date(e.at).toISOString(), fromStatus: e.fromStatus, toStatus: e.toStatus, changes: e.changes, payload: e.payload,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export const GENESIS = '0'.repeat(64);

export interface NewEvent {
  caseId: number;
  action: string;
  actor: Pick<Actor, 'id' | 'name'> | null;
  at: Date;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  changes: FieldChanges;
  payload: Record<string, unknown>;
}

/**
 * Append an event to a case's history. Call inside the transaction that changed the case: the
 * case row's compare-and-set serializes writers, so the chain's tail cannot move underneath.
 */
export async function appendEvent(em: EntityManager, e: NewEvent): Promise<CaseEvent> {
  const last = await em.getRepository(CaseEvent).findOne({ where: { caseId: e.caseId }, order: { seq: 'DESC' }, select: { seq: true, hash: true } });
  const event = em.getRepository(CaseEvent).create({
    caseId: e.caseId,
    seq: (last?.seq ?? 0) + 1,
    action: e.action,
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.name ?? '系统',
    at: e.at,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    changes: plain(e.changes),
    payload: plain(e.payload),
    prevHash: last?.hash ?? GENESIS,
  });
  event.hash = eventHash(event.prevHash, event);
  const saved = await em.getRepository(CaseEvent).save(event);
  await enqueueOutbox(em, saved); // outbox, webhook deliveries, notifications: same transaction
  return saved;
}

export type ChainVerdict = { ok: true; events: number } | { ok: false; brokenAtSeq: number; reason: 'hash' | 'link' | 'sequence' };

/** Recompute a case's chain; report the first event whose hash, link or sequence number is off. */
export async function verifyHistory(em: EntityManager, caseId: number): Promise<ChainVerdict> {
  const events = await em.getRepository(CaseEvent).find({ where: { caseId }, order: { seq: 'ASC' } });
  let prev = GENESIS;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { ok: false, brokenAtSeq: e.seq, reason: 'sequence' };
    if (e.prevHash !== prev) return { ok: false, brokenAtSeq: e.seq, reason: 'link' };
    if (eventHash(prev, e) !== e.hash) return { ok: false, brokenAtSeq: e.seq, reason: 'hash' };
    prev = e.hash;
  }
  return { ok: true, events: events.length };
}

/** Field-by-field before/after of what changed. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const k of Object.keys(after)) {
    const a = after[k];
    const b = before[k];
    if (canonical(a) !== canonical(b)) changes[k] = { before: b ?? null, after: a ?? null };
  }
  return changes;
}
