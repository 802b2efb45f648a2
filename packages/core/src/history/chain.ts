import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Actor } from '../cases/lifecycle';
import type { CaseStatus } from '../shared/vocabulary';
import { historySealOf, type HistorySeal } from './anchor';
import { CaseEvent, FieldChanges } from './case-event.entity';
import { CaseHistoryHead } from './case-history-head.entity';
import type { MediationCase } from '../cases/case.entity';
import { activeSubscriptions, enqueueOutbox, type ActiveSubscription } from '../outflow/outbox';
import { stageCaseFigures } from '../figures/rollup';
import { detectWarnings, readClassesBefore, type ClassReads } from '../warnings/detect';
import { stageCaseCounts } from '../counts/case-counts';
import type { Organization } from '../organizations/organization.entity';
import type { Party } from '../parties/party.entity';

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
  /**
   * The case row as the command left it, when the command has it at hand: the hooks (outbox,
   * figures, warnings) use it instead of reading it again.
   */
  case?: MediationCase;
  /**
   * A registration's event (with `case`): the case is new, so it has no history, stored figures
   * or count mark to read, and what the hooks read otherwise was read before the case number
   * was taken (`readBeforeRegistering`), so none of it runs while the counter row is locked.
   */
  registration?: RegistrationReads;
}

/** What the hooks of a registration's event read, read before the case exists. */
export interface RegistrationReads {
  handlingOrgType: Organization['type'];
  subscriptions: ActiveSubscription[];
  classes: ClassReads;
}

/**
 * The hooks' reads for a case about to be registered, in the registration's transaction and
 * before its case number: the counter row is locked from the number to the commit, so every
 * statement moved here is one fewer that concurrent registrations wait for.
 */
export async function readBeforeRegistering(
  em: EntityManager,
  c: Pick<MediationCase, 'category' | 'placeOrgId' | 'handlingOrgId'> & { handlingOrgType: Organization['type'] },
  respondents: Array<Pick<Party, 'name' | 'idNumberHash' | 'creditCode'>>,
  at: Date,
): Promise<RegistrationReads> {
  return { handlingOrgType: c.handlingOrgType, subscriptions: await activeSubscriptions(em), classes: await readClassesBefore(em, c, respondents, at) };
}

/** Where a chain ends: the last event's sequence number and hash (none yet: seq 0, GENESIS). */
export interface ChainTip {
  seq: number;
  hash: string;
}

/**
 * The next link of a chain: the event's seq, prevHash and hash after `tip`, and the new head sealed
 * with `seal`. The one function every writer of history calls (appendEvent, bulk loaders), so
 * there is one way to extend a chain.
 */
export function nextLink(seal: HistorySeal, tip: ChainTip | null, e: Omit<Hashed, 'seq'>): { seq: number; prevHash: string; hash: string; head: CaseHistoryHead } {
  const seq = (tip?.seq ?? 0) + 1;
  const prevHash = tip?.hash ?? GENESIS;
  const hash = eventHash(prevHash, { ...e, seq });
  const head = Object.assign(new CaseHistoryHead(), { caseId: e.caseId, seq, hash, mac: seal.mac(e.caseId, seq, hash) });
  return { seq, prevHash, hash, head };
}

/**
 * Append an event to a case's history and move its sealed head. Call inside the transaction that
 * changed the case: the case row's compare-and-set serializes writers, so the chain's tail cannot
 * move underneath.
 */
export async function appendEvent(em: EntityManager, e: NewEvent): Promise<CaseEvent> {
  const fresh = e.case && e.registration;
  const last = fresh ? null : await em.getRepository(CaseEvent).findOne({ where: { caseId: e.caseId }, order: { seq: 'DESC' }, select: { seq: true, hash: true } });
  const event = em.getRepository(CaseEvent).create({
    caseId: e.caseId,
    action: e.action,
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.name ?? '系统',
    at: e.at,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    changes: plain(e.changes),
    payload: plain(e.payload),
  });
  const link = nextLink(historySealOf(em.connection), last, event);
  Object.assign(event, { seq: link.seq, prevHash: link.prevHash, hash: link.hash });
  const saved = await em.getRepository(CaseEvent).save(event);
  // The tail read above says whether the case has a head yet: insert it or move it, no lookup.
  if (last) await em.getRepository(CaseHistoryHead).update({ caseId: e.caseId }, { seq: link.head.seq, hash: link.head.hash, mac: link.head.mac });
  else await em.getRepository(CaseHistoryHead).insert(link.head);
  await enqueueOutbox(em, saved, e.case, e.registration?.subscriptions); // outbox, webhook deliveries, notifications: same transaction
  await detectWarnings(em, { caseId: e.caseId, action: e.action, at: e.at, changes: event.changes, case: e.case, prepared: e.registration?.classes });
  // The one hook that keeps the figures in step (every command appends exactly one event here),
  // then list totals and the dashboard (counts/). Each writes the case's own row now and returns
  // its addition to rows that other commands share, run last: their locks are held to the commit.
  const figures = await stageCaseFigures(
    em,
    e.caseId,
    e.case,
    fresh ? { fresh: true, handlingOrgType: e.registration!.handlingOrgType, history: [saved] } : { fresh: false, action: e.action, changes: event.changes },
  );
  const counts = await stageCaseCounts(em, e.caseId, e.at, e.case, Boolean(fresh));
  await figures();
  await counts?.();
  return saved;
}

/**
 * Why a chain fails: an event's `hash` does not match its content, its `link` to the previous one
 * is off, its `sequence` number skips; the sealed head does not match the last event (`anchor`:
 * an event edited and the chain recomputed), names events beyond the last one (`truncated`), or
 * is missing (`unanchored`).
 */
export type ChainFault = 'hash' | 'link' | 'sequence' | 'anchor' | 'truncated' | 'unanchored';
export type ChainVerdict = { ok: true; events: number } | { ok: false; brokenAtSeq: number; reason: ChainFault };

/**
 * Recompute a case's chain and check it against its sealed head; report the first event whose
 * hash, link or sequence number is off, or where the chain parts from the head.
 * @throws Error when the data source has no history key
 */
export async function verifyHistory(em: EntityManager, caseId: number): Promise<ChainVerdict> {
  const seal = historySealOf(em.connection);
  const events = await em.getRepository(CaseEvent).find({ where: { caseId }, order: { seq: 'ASC' } });
  const head = await em.getRepository(CaseHistoryHead).findOneBy({ caseId });
  let prev = GENESIS;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { ok: false, brokenAtSeq: e.seq, reason: 'sequence' };
    if (e.prevHash !== prev) return { ok: false, brokenAtSeq: e.seq, reason: 'link' };
    if (eventHash(prev, e) !== e.hash) return { ok: false, brokenAtSeq: e.seq, reason: 'hash' };
    prev = e.hash;
  }
  const n = events.length;
  if (!head) return n === 0 ? { ok: true, events: 0 } : { ok: false, brokenAtSeq: n, reason: 'unanchored' };
  // A forged head (the MAC does not seal it) says nothing: treat it like a recomputed chain.
  if (!seal.verify(caseId, head.seq, head.hash, head.mac)) return { ok: false, brokenAtSeq: Math.max(1, Math.min(n, head.seq)), reason: 'anchor' };
  if (head.seq > n) return { ok: false, brokenAtSeq: n + 1, reason: 'truncated' };
  if (head.seq < n || head.hash !== prev) return { ok: false, brokenAtSeq: Math.max(1, head.seq), reason: 'anchor' };
  return { ok: true, events: n };
}

/**
 * Seal the heads of chains written before heads existed (or by a loader that skipped them), after
 * checking each chain links up. Run once after upgrading; never on its own at start-up, or a
 * deleted head would be silently re-sealed.
 * @returns how many cases were sealed, and the ids whose chains are broken (left unsealed)
 */
export async function sealUnanchored(em: EntityManager): Promise<{ sealed: number; broken: number[] }> {
  const seal = historySealOf(em.connection);
  const rows: Array<{ caseId: number }> = await em
    .getRepository(CaseEvent)
    .createQueryBuilder('e')
    .select('DISTINCT e.caseId', 'caseId')
    .where((qb) => `NOT EXISTS ${qb.subQuery().select('1').from(CaseHistoryHead, 'h').where('h.case_id = e.case_id').getQuery()}`)
    .getRawMany();
  let sealed = 0;
  const broken: number[] = [];
  for (const { caseId } of rows.map((r) => ({ caseId: Number(r.caseId) }))) {
    const events = await em.getRepository(CaseEvent).find({ where: { caseId }, order: { seq: 'ASC' } });
    let prev = GENESIS;
    const ok = events.every((e, i) => {
      const good = e.seq === i + 1 && e.prevHash === prev && eventHash(prev, e) === e.hash;
      prev = e.hash;
      return good;
    });
    if (!ok) {
      broken.push(caseId);
      continue;
    }
    const last = events[events.length - 1];
    await em.getRepository(CaseHistoryHead).insert({ caseId, seq: last.seq, hash: last.hash, mac: seal.mac(caseId, last.seq, last.hash) });
    sealed++;
  }
  return { sealed, broken };
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

/**
 * Verify every case's history, in id order, until the first broken one.
 * @returns the number of cases checked and the first broken case with its verdict, if any
 */
export async function verifyEveryHistory(em: EntityManager, onProgress?: (checked: number) => void): Promise<{ checked: number; broken: { caseId: number; verdict: ChainVerdict } | null }> {
  const ids = new Set<number>();
  for (const r of await em.query('SELECT id FROM cases ORDER BY id')) ids.add(Number(r.id));
  // Events or heads of a case row that was deleted are as much a break as an edited event.
  for (const r of await em.query('SELECT DISTINCT case_id FROM case_events')) ids.add(Number(r.case_id));
  for (const r of await em.query('SELECT case_id FROM case_history_heads')) ids.add(Number(r.case_id));
  let checked = 0;
  for (const caseId of [...ids].sort((a, b) => a - b)) {
    const verdict = await verifyHistory(em, caseId);
    checked++;
    if (!verdict.ok) return { checked, broken: { caseId, verdict } };
    if (onProgress && checked % 1000 === 0) onProgress(checked);
  }
  return { checked, broken: null };
}
