import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { MediationCase } from '../cases/case.entity';
import { likeEscape, LIKE_ESCAPE } from '../cases/scope';
import { CaseCountMark, type CountLight } from './case-count.entity';

/**
 * Counts kept in step with the commands (issue 12): `case_counts` holds how many cases each
 * organization handles per status, light, risk, supervision and mediator; `case_count_marks`
 * where each case is counted now. A command moves its case from its old key to its new one
 * (`refreshCaseCounts`, called by `appendEvent`); the clock moves a case from green to yellow to
 * red without a command, so every mark says when its light changes next (`changesAt`): the sweep
 * (`sweepCounts`) moves those that are due, and readers correct for the few the sweep has not
 * reached yet, so a total is exact at the instant it is read.
 */

export type CountKey = Pick<CaseCountMark, 'organizationId' | 'status' | 'light' | 'mediatorId' | 'risk' | 'supervised'>;
type Clocked = { yellowAt: Date | null; deadlineAt: Date | null };
type Counted = Clocked & Pick<MediationCase, 'handlingOrgId' | 'status' | 'mediatorId' | 'risk' | 'supervised'>;

/**
 * The light a case is counted under at `now`, as the case list's light filter reads the stored
 * instants (`lightCondition`): red past the deadline, yellow from the yellow instant to the
 * deadline, green before it; `none` without a running clock.
 */
export function countLightAt(c: Clocked, now: Date): CountLight {
  if (!c.deadlineAt) return 'none';
  if (c.deadlineAt.getTime() < now.getTime()) return 'red';
  if (!c.yellowAt) return 'none';
  return c.yellowAt.getTime() <= now.getTime() ? 'yellow' : 'green';
}

/** `countLightAt` as SQL over a case alias (the rebuild, the dashboard's small branches; the recount test holds the two together). */
export const countLightSql = (a: string, now: string) =>
  `CASE WHEN ${a}.deadline_at IS NULL THEN 'none' WHEN ${a}.deadline_at < :${now} THEN 'red' WHEN ${a}.yellow_at IS NULL THEN 'none' WHEN ${a}.yellow_at <= :${now} THEN 'yellow' ELSE 'green' END`;
const changesAtSql = (a: string, now: string) =>
  `CASE WHEN ${a}.deadline_at IS NULL OR ${a}.deadline_at < :${now} OR ${a}.yellow_at IS NULL THEN NULL WHEN ${a}.yellow_at <= :${now} THEN ${a}.deadline_at ELSE ${a}.yellow_at END`;

/** Where a case is counted at `now`, and when the clock alone moves it next. */
export function countMarkOf(c: Counted, now: Date): CountKey & { changesAt: Date | null } {
  const light = countLightAt(c, now);
  return {
    organizationId: c.handlingOrgId,
    status: c.status,
    light,
    mediatorId: c.mediatorId ?? 0,
    risk: c.risk,
    supervised: Boolean(c.supervised),
    changesAt: light === 'green' ? c.yellowAt : light === 'yellow' ? c.deadlineAt : null,
  };
}

const keyString = (k: CountKey) => [k.organizationId, k.status, k.light, k.mediatorId, k.risk, k.supervised ? 1 : 0].join('|');
const sameKey = (a: CountKey, b: CountKey) => keyString(a) === keyString(b);

/** Deltas by key, to be added to `case_counts`. */
export type CountDeltas = Map<string, CountKey & { n: number }>;

export function addDelta(deltas: CountDeltas, k: CountKey, n: number): void {
  const s = keyString(k);
  const cur = deltas.get(s) ?? { organizationId: k.organizationId, status: k.status, light: k.light, mediatorId: k.mediatorId, risk: k.risk, supervised: k.supervised, n: 0 };
  cur.n += n;
  deltas.set(s, cur);
}

const COLUMNS = 'organization_id, status, light, mediator_id, risk, supervised, n';

/**
 * Add deltas to the counts with atomic `n = n + delta` upserts (MySQL/MariaDB/TiDB: `ON DUPLICATE
 * KEY UPDATE`; SQLite: `ON CONFLICT … DO UPDATE`), in key order so two commands lock rows in the
 * same order.
 */
export async function applyCountDeltas(em: EntityManager, deltas: CountDeltas): Promise<void> {
  const rows = [...deltas].filter(([, d]) => d.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
  const mysql = em.connection.options.type === 'mysql';
  const onConflict = mysql ? 'ON DUPLICATE KEY UPDATE n = n + VALUES(n)' : 'ON CONFLICT (organization_id, status, light, mediator_id, risk, supervised) DO UPDATE SET n = n + excluded.n';
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await em.query(
      `INSERT INTO case_counts (${COLUMNS}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} ${onConflict}`,
      chunk.flatMap((d) => [d.organizationId, d.status, d.light, d.mediatorId, d.risk, d.supervised ? 1 : 0, d.n]),
    );
  }
}

/**
 * Bring the counts in step with one case: take it out where it was counted, put it in where it
 * belongs at `now`. Called by `appendEvent` inside the command's transaction, and by the sweep
 * when a light is due. Locks the case row, then its mark (MySQL family), so a command and the
 * sweep take turns on a case; a command that changed the row holds its lock already and passes the
 * row as it left it (`row`), which is not read again. @returns whether the case moved
 */
export async function refreshCaseCounts(em: EntityManager, caseId: number, now: Date, row?: Counted): Promise<boolean> {
  const staged = await stageCaseCounts(em, caseId, now, row);
  if (!staged) return false;
  await staged();
  return true;
}

/**
 * `refreshCaseCounts` in two steps: the case's mark is written now; the addition to the shared
 * count rows is returned, for the caller to run as late as it can (every registration of an
 * organization adds to the same row, locked then until commit). `fresh`: a case just registered,
 * which has no mark yet (not read). @returns null when the case does not move
 */
export async function stageCaseCounts(em: EntityManager, caseId: number, now: Date, row?: Counted, fresh = false): Promise<(() => Promise<void>) | null> {
  const lock = em.connection.options.type === 'mysql' && em.queryRunner?.isTransactionActive;
  const caseQuery = em
    .getRepository(MediationCase)
    .createQueryBuilder('c')
    .select(['c.id', 'c.handlingOrgId', 'c.status', 'c.mediatorId', 'c.risk', 'c.supervised', 'c.yellowAt', 'c.deadlineAt'])
    .where('c.id = :caseId', { caseId });
  if (lock) caseQuery.setLock('pessimistic_write');
  const c = row ?? (await caseQuery.getOne());
  if (!c) return null;
  const markQuery = em.getRepository(CaseCountMark).createQueryBuilder('m').where('m.case_id = :caseId', { caseId });
  if (lock) markQuery.setLock('pessimistic_write');
  const before = fresh ? null : await markQuery.getOne();
  const next = countMarkOf(c, now);
  if (before && sameKey(before, next) && (before.changesAt?.getTime() ?? null) === (next.changesAt?.getTime() ?? null)) return null;
  const deltas: CountDeltas = new Map();
  if (!before || !sameKey(before, next)) {
    if (before) addDelta(deltas, before, -1);
    addDelta(deltas, next, 1);
  }
  if (before) await em.getRepository(CaseCountMark).update({ caseId }, next);
  else await em.getRepository(CaseCountMark).insert({ caseId, ...next });
  return () => applyCountDeltas(em, deltas);
}

/**
 * The marks and count deltas of cases a bulk loader wrote (not through `appendEvent`); the loader
 * inserts the marks its own way and adds the deltas in its transaction.
 */
export function countLoadedCases(cases: Array<Counted & { id: number }>, now: Date): { marks: CaseCountMark[]; deltas: CountDeltas } {
  const deltas: CountDeltas = new Map();
  const marks = cases.map((c) => {
    const m = countMarkOf(c, now);
    addDelta(deltas, m, 1);
    return Object.assign(new CaseCountMark(), { caseId: c.id, ...m });
  });
  return { marks, deltas };
}

/**
 * Recount every case from the `cases` table (`tiaojie-system rebuild-counts`, the migration that
 * created the counts, and the test that compares maintained counts with a recount): empties both
 * tables and fills them with two `INSERT … SELECT`s. Run it in one transaction.
 * @returns how many cases are counted and how many count rows there are
 */
export async function rebuildCounts(em: EntityManager, now: Date): Promise<{ cases: number; rows: number }> {
  await em.query('DELETE FROM case_counts');
  await em.query('DELETE FROM case_count_marks');
  // Written out (not a query builder, whose select order is its own), with the driver's own conversion of the instant.
  const [select, params] = em.connection.driver.escapeQueryWithParameters(
    `SELECT c.id, c.handling_org_id, c.status, ${countLightSql('c', 'now')}, COALESCE(c.mediator_id, 0), c.risk, c.supervised, ${changesAtSql('c', 'now')} FROM cases c`,
    { now },
  );
  await em.query(`INSERT INTO case_count_marks (case_id, organization_id, status, light, mediator_id, risk, supervised, changes_at) ${select}`, params);
  await em.query(
    `INSERT INTO case_counts (${COLUMNS}) SELECT organization_id, status, light, mediator_id, risk, supervised, COUNT(*) FROM case_count_marks GROUP BY organization_id, status, light, mediator_id, risk, supervised`,
  );
  const [{ cases }] = await em.query('SELECT COUNT(*) AS cases FROM case_count_marks');
  const [{ rows }] = await em.query('SELECT COUNT(*) AS "rows" FROM case_counts'.replace('"rows"', em.connection.options.type === 'mysql' ? '`rows`' : '"rows"'));
  return { cases: Number(cases), rows: Number(rows) };
}

/** Which counted cases a figure or a list total wants: a subtree of handling organizations and what else the counts are keyed by. */
export interface CountSelection {
  /** Handling organizations whose path starts with this path (a subtree). */
  path: string;
  statuses: readonly string[];
  mediatorId?: number;
  risks?: readonly string[];
  supervised?: boolean;
  /** Tell apart the cases of this mediator (`queue` 1) and the others of this organization (2) in the rows: a dashboard's queue. */
  queueOf?: { mediatorId: number; organizationId: number };
  /** The rows' lights are not wanted (a total without a light filter): skip the correction for lights the clock moved. */
  anyLight?: boolean;
}

export interface CountRow {
  light: CountLight;
  risk: string;
  supervised: boolean;
  /** With `queueOf`: 1 the mediator's, 2 the organization's other cases, 0 the rest. */
  queue: number;
  n: number;
}

function select<T extends object>(qb: SelectQueryBuilder<T>, a: string, s: CountSelection): SelectQueryBuilder<T> {
  qb.innerJoin('organizations', 'o', `o.id = ${a}.organization_id`).andWhere(`o.path LIKE :cs_path ${LIKE_ESCAPE}`, { cs_path: `${likeEscape(s.path)}%` });
  if (!s.statuses.length) qb.andWhere('1 = 0');
  else qb.andWhere(`${a}.status IN (:...cs_status)`, { cs_status: s.statuses });
  if (s.mediatorId !== undefined) qb.andWhere(`${a}.mediator_id = :cs_med`, { cs_med: s.mediatorId });
  if (s.risks) qb.andWhere(s.risks.length ? `${a}.risk IN (:...cs_risk)` : '1 = 0', { cs_risk: s.risks });
  if (s.supervised !== undefined) qb.andWhere(`${a}.supervised = :cs_sup`, { cs_sup: s.supervised });
  return qb;
}

const toDate = (v: Date | string | null): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v.includes('T') ? v : `${v.replace(' ', 'T')}Z`));

/**
 * The counted cases of a selection by light, risk and supervision, exact at `now`: the count rows
 * summed, then each case whose light the clock moved since its mark (the sweep has not reached it
 * yet: an index range on `changes_at`) moved from its marked light to its light now.
 */
export async function countedCases(em: EntityManager, s: CountSelection, now: Date): Promise<CountRow[]> {
  // The queue column only when asked for (a constant in GROUP BY reads as a column number on SQLite).
  const queue = (a: string) => `CASE WHEN ${a}.mediator_id = :cs_qmed THEN 1 WHEN ${a}.organization_id = :cs_qorg THEN 2 ELSE 0 END`;
  const queueParams = { cs_qmed: s.queueOf?.mediatorId, cs_qorg: s.queueOf?.organizationId };
  const counts = select(em.createQueryBuilder().from('case_counts', 'k'), 'k', s)
    .select('k.light', 'light')
    .addSelect('k.risk', 'risk')
    .addSelect('k.supervised', 'sup')
    .addSelect('SUM(k.n)', 'n')
    .groupBy('k.light')
    .addGroupBy('k.risk')
    .addGroupBy('k.supervised');
  if (s.queueOf) counts.addSelect(queue('k'), 'queue').addGroupBy('queue').setParameters(queueParams);
  const [grouped, due] = await Promise.all([
    counts.getRawMany<{ light: CountLight; risk: string; sup: unknown; queue?: string | number; n: string | number }>(),
    s.anyLight
      ? []
      : select(em.createQueryBuilder().from('case_count_marks', 'm'), 'm', s)
          .innerJoin('cases', 'c', 'c.id = m.case_id')
          .andWhere('m.changes_at <= :cs_now', { cs_now: now })
          .select('m.light', 'light')
          .addSelect('m.risk', 'risk')
          .addSelect('m.supervised', 'sup')
          .addSelect(s.queueOf ? queue('m') : '0', 'queue')
          .addSelect('c.yellow_at', 'yellowAt')
          .addSelect('c.deadline_at', 'deadlineAt')
          .setParameters(queueParams)
          .getRawMany<{ light: CountLight; risk: string; sup: unknown; queue: string | number; yellowAt: Date | string | null; deadlineAt: Date | string | null }>(),
  ]);
  const rows = new Map<string, CountRow>();
  const add = (r: { risk: string; sup: unknown; queue?: string | number }, light: CountLight, n: number) => {
    const supervised = Boolean(Number(r.sup));
    const queue = Number(r.queue ?? 0);
    const k = `${light}|${r.risk}|${supervised}|${queue}`;
    const row = rows.get(k) ?? rows.set(k, { light, risk: r.risk, supervised, queue, n: 0 }).get(k)!;
    row.n += n;
  };
  for (const r of grouped) add(r, r.light, Number(r.n));
  for (const r of due) {
    const light = countLightAt({ yellowAt: toDate(r.yellowAt), deadlineAt: toDate(r.deadlineAt) }, now);
    if (light === r.light) continue;
    add(r, r.light, -1);
    add(r, light, 1);
  }
  return [...rows.values()];
}

/** Cases due for a move by the clock (`changes_at` passed), after `after`, in id order. */
export async function dueForCounting(em: EntityManager, now: Date, after: number, limit: number): Promise<number[]> {
  const rows = await em
    .createQueryBuilder()
    .from('case_count_marks', 'm')
    .select('m.case_id', 'id')
    .where('m.changes_at <= :now AND m.case_id > :after', { now, after })
    .orderBy('m.case_id', 'ASC')
    .limit(limit)
    .getRawMany<{ id: number | string }>();
  return rows.map((r) => Number(r.id));
}
