/**
 * The term index in the database: planning a query (the rarest pairs first), the condition a
 * list adds, and keeping `case_terms` in step (one call per command) or rebuilding it.
 * What the terms are: `text-terms.ts`.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { engineOf, transaction } from '../db/data-source';
import { MediationCase } from '../cases/case.entity';
import { Party } from '../parties/party.entity';
import { CaseTerm } from './case-term.entity';
import { termQuery, termsOf, type SearchableText, type TermQuery } from './text-terms';

/** Pairs joined to find candidates: the rarest few; the `LIKE` check does the rest. */
const JOINED = 4;
/** Postings counted per pair in the first round (capped: an index range of at most this many rows). */
const FIRST_CAP = 2000;
/**
 * Postings counted in the second round, when every pair reached the first cap. A query whose
 * every pair is in at least this many cases (a word like 纠纷) matches densely: the scan in id
 * order finds a page sooner than the index lists the postings.
 */
export const DENSE = 20_000;
/** Pairs of a long query whose postings are counted at most (spread over the query). */
const COUNTED = 12;

/** Candidates up to this many are listed by id in the plan (a separate, index-only statement). */
const LISTED = 20_000;

/**
 * A query's plan: which pairs to join (rarest first), the candidates themselves, that nothing can
 * match, or that a scan is faster.
 */
export type TermPlan = TermQuery | { kind: 'ids'; ids: number[] } | { kind: 'empty' } | { kind: 'scan' };

/**
 * The candidates themselves when they are few: the intersection alone, read from the index only.
 * Inside the list's query MariaDB read each case row (scope, LIKE) before probing the other pairs.
 */
async function listed(em: EntityManager, plan: Extract<TermPlan, { kind: 'pairs' | 'range' }>): Promise<TermPlan> {
  let sql: string;
  let values: number[];
  if (plan.kind === 'range') {
    sql = 'SELECT DISTINCT case_id FROM case_terms WHERE term >= ? AND term < ?';
    values = [plan.from, plan.to];
  } else {
    const joins = plan.terms.slice(1).map((_t, k) => ` INNER JOIN case_terms l${k + 1} ON l${k + 1}.case_id = l0.case_id AND l${k + 1}.term = ?`);
    sql = `SELECT l0.case_id FROM case_terms l0${joins.join('')} WHERE l0.term = ?`;
    values = [...plan.terms.slice(1), plan.terms[0]];
  }
  const rows = await em.query<Array<{ case_id: number | string }>>(`${sql} LIMIT ${LISTED + 1}`, values);
  if (!rows.length) return { kind: 'empty' };
  return rows.length > LISTED ? plan : { kind: 'ids', ids: rows.map((r) => Number(r.case_id)) };
}

/** Each pair's postings, counted up to `cap`, in one statement; ascending. */
async function countPostings(em: EntityManager, terms: number[], cap: number): Promise<Array<{ term: number; n: number }>> {
  const sql = terms.map((_t, i) => `SELECT ${i} AS i, (SELECT COUNT(*) FROM (SELECT 1 AS one FROM case_terms WHERE term = ? LIMIT ${cap}) p${i}) AS n`).join(' UNION ALL ');
  const rows = await em.query<Array<{ i: number | string; n: number | string }>>(sql, terms);
  return rows.map((r) => ({ term: terms[Number(r.i)], n: Number(r.n) })).sort((a, b) => a.n - b.n);
}

/**
 * Choose the pairs to intersect: count each pair's postings (capped, in one statement; again
 * with a higher cap when all are frequent) and keep the rarest; a pair nobody has means no case
 * matches; pairs that every case has mean a scan.
 */
export async function planTermQuery(em: EntityManager, q: string): Promise<TermPlan> {
  const tq = termQuery(q);
  if (tq.kind === 'none') return tq;
  if (tq.kind === 'range') {
    const [{ n }] = await em.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM case_terms WHERE term >= ? AND term < ? LIMIT ${DENSE}) r`, [tq.from, tq.to]);
    return Number(n) === 0 ? { kind: 'empty' } : Number(n) >= DENSE ? { kind: 'scan' } : listed(em, tq);
  }
  const step = Math.max(1, Math.ceil(tq.terms.length / COUNTED));
  const sampled = tq.terms.filter((_t, i) => i % step === 0 || i === tq.terms.length - 1);
  let counts = await countPostings(em, sampled, FIRST_CAP);
  if (counts[0].n === 0) return { kind: 'empty' };
  if (counts[0].n >= FIRST_CAP) {
    counts = await countPostings(em, sampled, DENSE);
    if (counts[0].n >= DENSE) return { kind: 'scan' };
  }
  return listed(em, { kind: 'pairs', terms: counts.slice(0, JOINED).map((x) => x.term) });
}

/**
 * The condition that a case (alias `alias`) is a candidate for the plan, with its parameters.
 * Without a plan from `planTermQuery` (an export), four pairs spread over the query are joined.
 */
export function termCondition(alias: string, plan: TermPlan, p = 'f_t'): { sql: string; params: Record<string, number> } {
  switch (plan.kind) {
    case 'none':
    case 'scan':
      return { sql: '1 = 1', params: {} };
    case 'empty':
      return { sql: '1 = 0', params: {} };
    case 'ids':
      return { sql: `${alias}.id IN (:...${p}_ids)`, params: { [`${p}_ids`]: plan.ids } as never };
    case 'range':
      return { sql: `${alias}.id IN (SELECT ${p}0.case_id FROM case_terms ${p}0 WHERE ${p}0.term >= :${p}_from AND ${p}0.term < :${p}_to)`, params: { [`${p}_from`]: plan.from, [`${p}_to`]: plan.to } };
    case 'pairs': {
      const t = plan.terms;
      const chosen = t.length <= JOINED ? t : [t[0], t[Math.floor(t.length / 3)], t[Math.floor((2 * t.length) / 3)], t[t.length - 1]];
      const joins = chosen.slice(1).map((_x, k) => ` INNER JOIN case_terms ${p}${k + 1} ON ${p}${k + 1}.case_id = ${p}0.case_id AND ${p}${k + 1}.term = :${p}_${k + 1}`);
      const params = Object.fromEntries(chosen.map((term, k) => [`${p}_${k}`, term]));
      return { sql: `${alias}.id IN (SELECT ${p}0.case_id FROM case_terms ${p}0${joins.join('')} WHERE ${p}0.term = :${p}_0)`, params };
    }
  }
}

/** The searchable text of cases, by id. */
async function textsOf(em: EntityManager, ids: number[]): Promise<Map<number, SearchableText>> {
  const out = new Map<number, SearchableText>();
  if (!ids.length) return out;
  const cases = await em.getRepository(MediationCase).createQueryBuilder('c').select(['c.id', 'c.caseNumber', 'c.title', 'c.description', 'c.sourceRef']).where('c.id IN (:...ids)', { ids }).getMany();
  for (const c of cases) out.set(c.id, { caseNumber: c.caseNumber, title: c.title, description: c.description, sourceRef: c.sourceRef, partyNames: [] });
  const parties = await em.getRepository(Party).createQueryBuilder('p').select(['p.id', 'p.caseId', 'p.name']).where('p.case_id IN (:...ids)', { ids }).getMany();
  for (const p of parties) out.get(p.caseId)?.partyNames.push(p.name);
  return out;
}

const CHUNK = 500;

async function insertTerms(em: EntityManager, rows: Array<[number, number]>) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await em.query(`INSERT INTO case_terms (term, case_id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, chunk.flat());
  }
}

/**
 * Bring one case's terms in step with its text, in the caller's transaction: the one call a
 * command that changes searchable text makes (registration, `edit`, `editParty`).
 */
export async function refreshCaseTerms(em: EntityManager, caseId: number): Promise<void> {
  const text = (await textsOf(em, [caseId])).get(caseId);
  const want = new Set(text ? termsOf(text) : []);
  const have = new Set((await em.query<Array<{ term: number | string }>>('SELECT term FROM case_terms WHERE case_id = ?', [caseId])).map((r) => Number(r.term)));
  const gone = [...have].filter((t) => !want.has(t));
  for (let i = 0; i < gone.length; i += CHUNK) {
    const chunk = gone.slice(i, i + CHUNK);
    await em.query(`DELETE FROM case_terms WHERE case_id = ? AND term IN (${chunk.map(() => '?').join(', ')})`, [caseId, ...chunk]);
  }
  await insertTerms(em, [...want].filter((t) => !have.has(t)).map((t) => [t, caseId]));
}

/** The terms of a case just registered, whose text the command holds (nothing to read or diff). */
export async function indexNewCase(em: EntityManager, caseId: number, text: SearchableText): Promise<void> {
  await insertTerms(em, termsOf(text).map((t) => [t, caseId]));
}

/** The rows of `case_terms` for cases being loaded in bulk (the loader inserts them with its own writer). */
export const termRowsOf = (caseId: number, text: SearchableText): Array<Pick<CaseTerm, 'term' | 'caseId'>> => termsOf(text).map((term) => ({ term, caseId }));

/**
 * Recompute the whole index from the cases (the `rebuild-search` command), one transaction per
 * batch of cases: what the commands maintain must equal this (tested after random edits).
 */
export async function rebuildCaseTerms(ds: DataSource, opts: { batch?: number; onProgress?: (cases: number) => void } = {}): Promise<{ cases: number; terms: number }> {
  const batch = opts.batch ?? 1000;
  await ds.query(engineOf(ds) === 'sqlite' ? 'DELETE FROM case_terms' : 'TRUNCATE TABLE case_terms');
  let after = 0;
  let cases = 0;
  let terms = 0;
  for (;;) {
    const ids = (await ds.query<Array<{ id: number | string }>>(`SELECT id FROM cases WHERE id > ? ORDER BY id LIMIT ${batch}`, [after])).map((r) => Number(r.id));
    if (!ids.length) break;
    await transaction(ds, async (tx) => {
      const texts = await textsOf(tx, ids);
      const rows: Array<[number, number]> = [];
      for (const [id, text] of texts) for (const t of termsOf(text)) rows.push([t, id]);
      rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      await insertTerms(tx, rows);
      terms += rows.length;
    });
    cases += ids.length;
    after = ids[ids.length - 1];
    opts.onProgress?.(cases);
  }
  return { cases, terms };
}
