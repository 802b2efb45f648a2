import type { EntityManager } from 'typeorm';
import { MediationCase } from '../cases/case.entity';
import { CaseEvent } from '../history/case-event.entity';
import { Agreement } from '../cases/agreement.entity';
import { Organization } from '../organizations/organization.entity';
import { OPEN_STATUSES } from '../domain/vocabulary';
import { CaseFigures } from './figure-cell.entity';
import { contributionsOf, monthBucket, type Contribution } from './contributions';

/** A contribution placed in its cell: the case's dimensions plus the contribution. */
export interface Placed extends Contribution {
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
  const history = events ?? (await historyForFigures(em, c.id));
  const dims = { orgId: c.handlingOrgId, channel: c.channel, category: c.category, mediatorId: c.mediatorId ?? 0 };
  const agreementKind = kinds ? (kinds.get(c.id) ?? null) : ((await em.getRepository(Agreement).findOne({ where: { caseId: c.id }, order: { id: 'DESC' }, select: { id: true, kind: true } }))?.kind ?? null);
  const facts = { registeredAt: c.registeredAt, handlingOrgType: type ?? null, source: c.source, amountFen: c.amountFen, peopleCount: c.peopleCount, risk: c.risk, criminalRisk: c.criminalRisk, agreementKind, open: OPEN_STATUSES.includes(c.status) };
  return contributionsOf(facts, history).map((x) => ({ ...dims, ...x }));
}

/** The case fields the figures read. */
const CASE_FIELDS = ['id', 'handlingOrgId', 'channel', 'category', 'mediatorId', 'registeredAt', 'source', 'amountFen', 'peopleCount', 'risk', 'criminalRisk', 'status'] as const;
/**
 * The events `contributionsOf` reads: their changes and payloads matter only to a case that was
 * closed, referred or followed up (overdue closing, satisfaction), so other cases, most of them,
 * read sequence, action and date alone and skip parsing JSON (a case mediated for months has
 * hundreds of events, read again on every command).
 */
async function historyForFigures(em: EntityManager, caseId: number): Promise<CaseEvent[]> {
  const repo = em.getRepository(CaseEvent);
  const light = await repo.find({ where: { caseId }, order: { seq: 'ASC' }, select: { seq: true, action: true, at: true } });
  if (!light.some((e) => NEEDS_CONTENT.has(e.action))) return light;
  return repo.find({ where: { caseId }, order: { seq: 'ASC' }, select: { seq: true, action: true, at: true, changes: true, payload: true } });
}
const NEEDS_CONTENT = new Set(['close', 'refer', 'followUp']);

/** The kind of each case's latest agreement. */
async function agreementKinds(em: EntityManager, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await em.getRepository(Agreement).createQueryBuilder('a').select(['a.id', 'a.caseId', 'a.kind']).where('a.caseId IN (:...ids)', { ids }).orderBy('a.id', 'ASC').getMany();
  return new Map(rows.map((a) => [a.caseId, a.kind]));
}

/** Metrics kept per category (what the reports read by category): registrations and the justice-bureau form. */
const BY_CATEGORY: ReadonlySet<string> = new Set(['received', 'jb', 'jb_people', 'jb_group', 'jb_criminal']);
/** Metrics kept per mediator: results. */
const BY_MEDIATOR: ReadonlySet<string> = new Set(['settled', 'failed']);

/** The key columns of a projection row, in primary-key order, then the summed columns. */
const sumKeys = (time: 'month' | 'day') => ['dim', 'channel', time, 'metric', 'org_id', 'bucket', 'dim_value'];
const SUMMED = ['n', 'total'];
const OPEN_KEYS = ['org_id', 'channel', 'mediator_id'];

/** Rows to add to each projection, by key: key column values, then n (and total). */
export interface Projection {
  months: Map<string, Array<string | number>>;
  days: Map<string, Array<string | number>>;
  open: Map<string, Array<string | number>>;
}

export const emptyProjection = (): Projection => ({ months: new Map(), days: new Map(), open: new Map() });

function bump(into: Map<string, Array<string | number>>, key: Array<string | number>, n: number, total?: number): void {
  const k = key.join('|');
  const cur = into.get(k);
  if (cur) {
    (cur[key.length] as number) += n;
    if (total !== undefined) (cur[key.length + 1] as number) += total;
  } else into.set(k, total === undefined ? [...key, n] : [...key, n, total]);
}

/**
 * Project placed cells onto the rollup: each onto its month and its day, for its channel and for
 * every channel (`''`), once for `all` and once per category or mediator where the metric is read
 * that way (the justice-bureau metrics, read by category with no channel, only so). Open cases
 * go to `figure_open`. Handling days above 30 are binned (`monthBucket`).
 */
export function project(cells: Iterable<Placed>, into: Projection = emptyProjection()): Projection {
  for (const c of cells) {
    if (c.n === 0 && c.total === 0) continue;
    if (c.metric === 'open') {
      bump(into.open, [c.orgId, c.channel, c.mediatorId], c.n);
      continue;
    }
    const bucket = monthBucket(c.metric, c.bucket);
    const channels = c.metric.startsWith('jb') ? [''] : ['', c.channel];
    // The justice-bureau metrics are read by category only.
    const dims: Array<[string, string]> = c.metric.startsWith('jb') ? [] : [['all', '']];
    if (BY_CATEGORY.has(c.metric)) dims.push(['category', c.category]);
    if (BY_MEDIATOR.has(c.metric)) dims.push(['mediator', String(c.mediatorId)]);
    for (const [dim, dimValue] of dims) {
      for (const channel of channels) {
        bump(into.months, [dim, channel, c.day.slice(0, 7), c.metric, c.orgId, bucket, dimValue], c.n, c.total);
        bump(into.days, [dim, channel, c.day, c.metric, c.orgId, bucket, dimValue], c.n, c.total);
      }
    }
  }
  return into;
}

const CHUNK = 500;

/**
 * Add rows to a table by key with multi-row upserts (`ON DUPLICATE KEY UPDATE` on MariaDB/MySQL/TiDB,
 * `ON CONFLICT … DO UPDATE` on SQLite): the summed columns are added to, missing rows created.
 * TypeORM's `orUpdate` only overwrites, so the statement is written here, for both engines.
 * Rows go in key order, so concurrent commands lock shared rows in one order.
 */
async function addTo(em: EntityManager, table: string, keys: string[], summed: string[], rows: Map<string, Array<string | number>>): Promise<void> {
  const list = [...rows.values()].filter((r) => summed.some((_, i) => r[keys.length + i] !== 0));
  if (!list.length) return;
  list.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  });
  const cols = [...keys, ...summed];
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const update =
    em.connection.options.type !== 'mysql'
      ? `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${summed.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
      : `ON DUPLICATE KEY UPDATE ${summed.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`;
  for (let i = 0; i < list.length; i += CHUNK) {
    const chunk = list.slice(i, i + CHUNK);
    await em.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')} ${update}`, chunk.flat());
  }
}

/** Write a projection (additively) to the rollup tables. */
export async function applyProjection(em: EntityManager, p: Projection): Promise<void> {
  await addTo(em, 'figure_days', sumKeys('day'), SUMMED, p.days);
  await addTo(em, 'figure_months', sumKeys('month'), SUMMED, p.months);
  await addTo(em, 'figure_open', OPEN_KEYS, ['n'], p.open);
}

/** Store cases' own contributions (multi-row INSERTs). */
async function insertOwn(em: EntityManager, own: Array<[number, string]>): Promise<void> {
  for (let i = 0; i < own.length; i += CHUNK) {
    const chunk = own.slice(i, i + CHUNK);
    await em.query(`INSERT INTO case_figures (case_id, cells) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, chunk.flat());
  }
}

/**
 * Bring the rollup in step with one case: take its previous contribution out, put its current one
 * in. Called by `appendEvent`, inside the command's transaction, so the figures move with the
 * command or not at all.
 */
export async function refreshCaseFigures(em: EntityManager, caseId: number, row?: MediationCase): Promise<void> {
  await (await stageCaseFigures(em, caseId, row))();
}

/** What a command already knows about a case's figures, so the refresh need not read it. */
export type FiguresKnown =
  /** A case just registered: no stored cells, no agreement; its history is the one event. */
  | { fresh: true; handlingOrgType: Organization['type']; history: CaseEvent[] }
  /** The event just appended to an existing case, and what it changed on the row. */
  | { fresh: false; action: string; changes: Record<string, unknown> };

/** The actions whose events `contributionsOf` reads (and `settle`, the one that writes an agreement). */
const FIGURE_ACTIONS: ReadonlySet<string> = new Set(['register', 'accept', 'reject', 'settle', 'fail', 'close', 'refer', 'reopen', 'followUp', 'transfer', 'escalate', 'acknowledge']);
/** The case fields `placedOf` reads. */
const FIGURE_FIELDS: readonly string[] = CASE_FIELDS.filter((f) => f !== 'id');

/**
 * Whether an event leaves a case's contribution as it was: not an action the figures read, no
 * field they read changed, and never settled (the settled cell's level is the handling
 * organization's type, which may have changed since the last refresh without a command).
 */
const leavesFiguresAlone = (k: FiguresKnown & { fresh: false }, c: MediationCase) =>
  !FIGURE_ACTIONS.has(k.action) && !FIGURE_FIELDS.some((f) => f in k.changes) && c.settledAt == null;

/**
 * `refreshCaseFigures` in two steps: reads and the case's own row now; the addition to the shared
 * cells returned, for the caller to run as late as it can (every registration of an organization
 * and day adds to the same cells, whose row locks are then held until commit).
 */
export async function stageCaseFigures(em: EntityManager, caseId: number, row?: MediationCase, known?: FiguresKnown): Promise<() => Promise<void>> {
  const nothing = async () => {};
  const c = row ?? (await em.getRepository(MediationCase).findOneBy({ id: caseId }));
  if (!c) return nothing;
  if (known && !known.fresh && leavesFiguresAlone(known, c)) return nothing;
  const now = known?.fresh ? await placedOf(em, c, known.history, new Map([[c.handlingOrgId, known.handlingOrgType]]), new Map()) : await placedOf(em, c);
  const stored = known?.fresh ? null : await em.getRepository(CaseFigures).findOneBy({ caseId });
  const before: Placed[] = stored ? JSON.parse(stored.cells) : [];
  const delta = new Map<string, Placed>();
  merge(delta, before, -1);
  merge(delta, now, 1);
  const cells = JSON.stringify(now);
  if (stored) {
    // Most events (a session, a note) change no figure: nothing to write.
    if (stored.cells !== cells) await em.getRepository(CaseFigures).update({ caseId }, { cells });
  }
  else await em.getRepository(CaseFigures).insert({ caseId, cells });
  const projection = project(delta.values());
  return () => applyProjection(em, projection);
}

/** Rows held in memory before a rebuild writes them out (bounded memory at a million cases). */
const FLUSH_ROWS = 200_000;

/**
 * Recompute the whole rollup from the cases and their history, in the given transaction: empties
 * the tables and fills them again, in batches of cases.
 * @returns how many cases and projection rows (months + days) were written
 */
export async function rebuildFiguresIn(em: EntityManager, opts: { batch?: number; onProgress?: (cases: number) => void } = {}): Promise<{ cases: number; cells: number }> {
  const batch = opts.batch ?? 500;
  const orgTypes = new Map((await em.getRepository(Organization).find({ select: { id: true, type: true } })).map((o) => [o.id, o.type]));
  for (const table of ['figure_days', 'figure_months', 'figure_open', 'case_figures']) await em.query(`DELETE FROM ${table}`);
  let pending = emptyProjection();
  const flush = async () => {
    await applyProjection(em, pending);
    pending = emptyProjection();
  };
  let lastId = 0;
  let cases = 0;
  for (;;) {
    // Only the columns the figures read, so the migration that fills the rollup reads cases of any later schema.
    const rows = await em.getRepository(MediationCase).createQueryBuilder('c').select(CASE_FIELDS.map((f) => `c.${f}`)).where('c.id > :lastId', { lastId }).orderBy('c.id', 'ASC').take(batch).getMany();
    if (!rows.length) break;
    const events = await em.getRepository(CaseEvent).createQueryBuilder('e').select(['e.caseId', 'e.seq', 'e.action', 'e.at', 'e.changes', 'e.payload']).where('e.caseId IN (:...ids)', { ids: rows.map((r) => r.id) }).getMany();
    const byCase = new Map<number, CaseEvent[]>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    const own: Array<[number, string]> = [];
    const kinds = await agreementKinds(em, rows.map((r) => r.id));
    for (const c of rows) {
      const placed = await placedOf(em, c, byCase.get(c.id) ?? [], orgTypes, kinds);
      project(placed, pending);
      own.push([c.id, JSON.stringify(placed)]);
    }
    await insertOwn(em, own);
    if (pending.days.size + pending.months.size > FLUSH_ROWS) await flush();
    lastId = rows[rows.length - 1].id;
    cases += rows.length;
    opts.onProgress?.(cases);
  }
  await flush();
  const count = async (table: string) => Number((await em.query(`SELECT COUNT(*) AS c FROM ${table}`))[0].c);
  return { cases, cells: (await count('figure_months')) + (await count('figure_days')) };
}

/**
 * Add cases written by a bulk loader (with their whole history, not through `appendEvent`) to the
 * rollup, in the loader's transaction: the batch's contributions are summed in memory and written
 * with multi-row upserts.
 */
export async function addLoadedCasesToFigures(em: EntityManager, cases: MediationCase[], events: CaseEvent[]): Promise<void> {
  const orgTypes = new Map((await em.getRepository(Organization).find({ select: { id: true, type: true } })).map((o) => [o.id, o.type]));
  const byCase = new Map<number, CaseEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  const projection = emptyProjection();
  const own: Array<[number, string]> = [];
  const kinds = await agreementKinds(em, cases.map((c) => c.id));
  for (const c of cases) {
    const placed = await placedOf(em, c, byCase.get(c.id) ?? [], orgTypes, kinds);
    project(placed, projection);
    own.push([c.id, JSON.stringify(placed)]);
  }
  await insertOwn(em, own);
  await applyProjection(em, projection);
}
