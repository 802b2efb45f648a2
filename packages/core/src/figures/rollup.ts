import type { DataSource, EntityManager } from 'typeorm';
import { transaction } from '../db/data-source';
import { MediationCase } from '../cases/case.entity';
import { CaseEvent } from '../history/case-event.entity';
import { Agreement } from '../cases/agreement.entity';
import { Organization } from '../organizations/organization.entity';
import { isUniqueViolation } from '../shared/errors';
import { CaseFigures, FigureCell, FigureMonth } from './figure-cell.entity';
import { contributionsOf, monthBucket, type Contribution } from './contributions';

/** A contribution placed in its cell: the case's dimensions plus the contribution. */
interface Placed extends Contribution {
  orgId: number;
  channel: string;
  category: string;
  mediatorId: number;
}

const keyOf = (p: Omit<Placed, 'n' | 'total'>) => [p.day, p.orgId, p.channel, p.category, p.mediatorId, p.metric, p.bucket].join('|');

/** Sum placed contributions by cell key. */
function merge(into: Map<string, Placed>, cells: Placed[], sign: 1 | -1 = 1): void {
  for (const c of cells) {
    const k = keyOf(c);
    const cur = into.get(k) ?? { ...c, n: 0, total: 0 };
    cur.n += sign * c.n;
    cur.total += sign * c.total;
    into.set(k, cur);
  }
}

/** The cells a case adds to the rollup now, from its row and its history. */
async function placedOf(em: EntityManager, c: MediationCase, events?: CaseEvent[], orgTypes?: Map<number, Organization['type']>, kinds?: Map<number, string>): Promise<Placed[]> {
  const type = orgTypes ? orgTypes.get(c.handlingOrgId) : (await em.getRepository(Organization).findOne({ where: { id: c.handlingOrgId }, select: { id: true, type: true } }))?.type;
  const history = events ?? (await em.getRepository(CaseEvent).find({ where: { caseId: c.id }, order: { seq: 'ASC' }, select: { seq: true, action: true, at: true, changes: true, payload: true } }));
  const dims = { orgId: c.handlingOrgId, channel: c.channel, category: c.category, mediatorId: c.mediatorId ?? 0 };
  const agreementKind = kinds ? (kinds.get(c.id) ?? null) : ((await em.getRepository(Agreement).findOne({ where: { caseId: c.id }, order: { id: 'DESC' }, select: { id: true, kind: true } }))?.kind ?? null);
  const facts = { registeredAt: c.registeredAt, handlingOrgType: type ?? null, source: c.source, amountFen: c.amountFen, peopleCount: c.peopleCount, risk: c.risk, criminalRisk: c.criminalRisk, agreementKind };
  return contributionsOf(facts, history).map((x) => ({ ...dims, ...x }));
}

/** The kind of each case's latest agreement. */
async function agreementKinds(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await em.getRepository(Agreement).createQueryBuilder('a').select(['a.id', 'a.caseId', 'a.kind']).where('a.caseId IN (:...ids)', { ids }).orderBy('a.id', 'ASC').getMany();
  return new Map(rows.map((a) => [a.caseId, a.kind]));
}

/** A month cell: the month rollup's key and values. */
type MonthCell = Omit<FigureMonth, 'id' | 'cellKey'>;

/** Project day cells onto the month rollup: one cell per dimension (all, channel, category, mediator). */
function toMonths(cells: Iterable<Placed>): Map<string, MonthCell> {
  const out = new Map<string, MonthCell>();
  for (const c of cells) {
    if (c.n === 0 && c.total === 0) continue;
    const month = c.day.slice(0, 7);
    const bucket = monthBucket(c.metric, c.bucket);
    for (const [dim, dimValue] of [['all', ''], ['channel', c.channel], ['category', c.category], ['mediator', String(c.mediatorId)]] as const) {
      const k = [month, c.orgId, dim, dimValue, c.metric, bucket].join('|');
      const cur = out.get(k) ?? { month, orgId: c.orgId, dim, dimValue, metric: c.metric, bucket, n: 0, total: 0 };
      cur.n += c.n;
      cur.total += c.total;
      out.set(k, cur);
    }
  }
  return out;
}

/** Add to cells by key, creating the missing ones (a concurrent creation is added to instead). */
async function upsert<E extends { n: number; total: number }>(em: EntityManager, entity: { new (): E }, rows: Map<string, Omit<E, 'id' | 'cellKey'>>): Promise<void> {
  const repo = em.getRepository(entity);
  for (const [cellKey, d] of rows) {
    if (d.n === 0 && d.total === 0) continue;
    const bump = () => repo.createQueryBuilder().update(entity).set({ n: () => `n + ${Math.trunc(d.n)}`, total: () => `total + ${Math.trunc(d.total)}` } as never).where('cell_key = :cellKey', { cellKey }).execute();
    if ((await bump()).affected) continue;
    try {
      await repo.insert({ ...d, cellKey } as never);
    } catch (e) {
      // Another transaction created the cell in between (MariaDB): add to it instead.
      if (!isUniqueViolation(e)) throw e;
      await bump();
    }
  }
}

/** Add `delta` to the day cells and the month cells. */
async function applyDelta(em: EntityManager, delta: Map<string, Placed>): Promise<void> {
  await upsert(em, FigureCell, delta as never);
  await upsert(em, FigureMonth, toMonths(delta.values()) as never);
}

/**
 * Bring the rollup in step with one case: take its previous contribution out, put its current one
 * in. Called by `appendEvent`, inside the command's transaction, so the figures move with the
 * command or not at all.
 */
export async function refreshCaseFigures(em: EntityManager, caseId: number): Promise<void> {
  const c = await em.getRepository(MediationCase).findOneBy({ id: caseId });
  if (!c) return;
  const now = await placedOf(em, c);
  const stored = await em.getRepository(CaseFigures).findOneBy({ caseId });
  const before: Placed[] = stored ? JSON.parse(stored.cells) : [];
  const delta = new Map<string, Placed>();
  merge(delta, before, -1);
  merge(delta, now, 1);
  await applyDelta(em, delta);
  const cells = JSON.stringify(now);
  if (stored) await em.getRepository(CaseFigures).update({ caseId }, { cells });
  else await em.getRepository(CaseFigures).insert({ caseId, cells });
}

/**
 * Recompute the whole rollup from the cases and their history (after a bulk load, or to check
 * it): empties both tables and fills them again, in batches of cases, in one transaction.
 * @returns how many cases and cells were written
 */
export async function rebuildFigures(ds: DataSource, opts: { batch?: number; onProgress?: (cases: number) => void } = {}): Promise<{ cases: number; cells: number }> {
  const batch = opts.batch ?? 500;
  return transaction(ds, async (em) => {
    const orgTypes = new Map((await em.getRepository(Organization).find({ select: { id: true, type: true } })).map((o) => [o.id, o.type]));
    await em.createQueryBuilder().delete().from(FigureCell).execute();
    await em.createQueryBuilder().delete().from(CaseFigures).execute();
    await em.createQueryBuilder().delete().from(FigureMonth).execute();
    const all = new Map<string, Placed>();
    let lastId = 0;
    let cases = 0;
    for (;;) {
      const rows = await em.getRepository(MediationCase).createQueryBuilder('c').where('c.id > :lastId', { lastId }).orderBy('c.id', 'ASC').take(batch).getMany();
      if (!rows.length) break;
      const events = await em.getRepository(CaseEvent).createQueryBuilder('e').select(['e.caseId', 'e.seq', 'e.action', 'e.at', 'e.changes', 'e.payload']).where('e.caseId IN (:...ids)', { ids: rows.map((r) => r.id) }).getMany();
      const byCase = new Map<number, CaseEvent[]>();
      for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
      const own: CaseFigures[] = [];
      const kinds = await agreementKinds(em, rows.map((r) => r.id));
      for (const c of rows) {
        const placed = await placedOf(em, c, byCase.get(c.id) ?? [], orgTypes, kinds);
        merge(all, placed);
        own.push(Object.assign(new CaseFigures(), { caseId: c.id, cells: JSON.stringify(placed) }));
      }
      await em.getRepository(CaseFigures).insert(own);
      lastId = rows[rows.length - 1].id;
      cases += rows.length;
      opts.onProgress?.(cases);
    }
    const cells = [...all].filter(([, d]) => d.n !== 0 || d.total !== 0).map(([cellKey, d]) => ({ cellKey, day: d.day, orgId: d.orgId, channel: d.channel, category: d.category, mediatorId: d.mediatorId, metric: d.metric, bucket: d.bucket, n: d.n, total: d.total }));
    for (let i = 0; i < cells.length; i += 500) await em.getRepository(FigureCell).insert(cells.slice(i, i + 500));
    const months = [...toMonths(all.values())].map(([cellKey, m]) => ({ ...m, cellKey }));
    for (let i = 0; i < months.length; i += 500) await em.getRepository(FigureMonth).insert(months.slice(i, i + 500));
    return { cases, cells: cells.length };
  });
}

/**
 * Add cases written by a bulk loader (with their whole history, not through `appendEvent`) to the
 * rollup, in the loader's transaction.
 */
export async function addLoadedCasesToFigures(em: EntityManager, cases: MediationCase[], events: CaseEvent[]): Promise<void> {
  const orgTypes = new Map((await em.getRepository(Organization).find({ select: { id: true, type: true } })).map((o) => [o.id, o.type]));
  const byCase = new Map<number, CaseEvent[]>();
  for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const delta = new Map<string, Placed>();
  const own: CaseFigures[] = [];
  const kinds = await agreementKinds(em, cases.map((c) => c.id));
  for (const c of cases) {
    const placed = await placedOf(em, c, byCase.get(c.id) ?? [], orgTypes, kinds);
    merge(delta, placed);
    own.push(Object.assign(new CaseFigures(), { caseId: c.id, cells: JSON.stringify(placed) }));
  }
  for (let i = 0; i < own.length; i += 500) await em.getRepository(CaseFigures).insert(own.slice(i, i + 500));
  await applyDelta(em, delta);
}
