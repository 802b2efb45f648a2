import Joi from 'joi';
import { SelectQueryBuilder } from 'typeorm';
import { boundedInstant } from '../shared/dates';
import { PersonalDataCipher, isValidIdNumber } from '../shared/personal-data';
import { validate } from '../shared/validation';
import { CASE_STATUSES, CHANNELS, LIGHTS, RISK_LEVELS, TRIAGE_CLASSES } from '../shared/vocabulary';
import type { Light } from '../shared/vocabulary';
import { snakeCase } from '../shared/strings';
import { categoryCode } from './payloads';
import { handedOverBy, likeEscape, LIKE_ESCAPE } from './scope';
import { termCondition, type TermPlan } from '../search/terms';
import { termQuery } from '../search/text-terms';

const oneOrMany = (values: readonly string[]) => Joi.alternatives(Joi.string().valid(...values), Joi.array().items(Joi.string().valid(...values)).min(1).max(values.length));
const id = Joi.number().integer().min(1);
const instant = boundedInstant();

/** The filters a case list accepts; anything else is refused. */
export const caseFilterSchema = Joi.object({
  id: Joi.alternatives(id, Joi.array().items(id).min(1).max(1000)),
  status: oneOrMany(CASE_STATUSES),
  channel: oneOrMany(CHANNELS),
  category: Joi.alternatives(categoryCode(), Joi.array().items(categoryCode()).min(1).max(100)),
  triage: oneOrMany(TRIAGE_CLASSES),
  risk: oneOrMany(RISK_LEVELS),
  light: oneOrMany(LIGHTS),
  organizationId: id,
  mediatorId: id,
  adviserId: id,
  reporterId: id,
  placeOrgId: id,
  supervised: Joi.boolean(),
  flagged: Joi.boolean(),
  open: Joi.boolean(),
  /** Cases the caller's organization (subtree) handed over and no longer handles (read-only to their end). */
  handedOver: Joi.boolean(),
  registeredFrom: instant,
  registeredTo: instant,
  deadlineFrom: instant,
  deadlineTo: instant,
  idNumber: Joi.string().max(18),
  q: Joi.string().trim().max(100).allow(''),
});

export type CaseFilter = Record<string, unknown>;

/** The fields a case list may be sorted on. */
export const CASE_SORT_FIELDS = ['id', 'caseNumber', 'registeredAt', 'deadlineAt', 'updatedAt', 'status', 'risk', 'channel', 'category', 'amountFen', 'peopleCount'] as const;
export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];

export interface CaseQuery {
  filter?: CaseFilter;
  sort?: [string, 'ASC' | 'DESC'];
  range?: [number, number];
  /** Count matches up to this many instead of `CASE_COUNT_CAP` (tools and tests; the API uses the default). */
  countCap?: number;
  /** Match `q` by scanning with `LIKE` alone, without the term index: the old path, kept for benchmarks and tests that compare the two. */
  scanText?: boolean;
}

const column = snakeCase;
const list = (v: unknown) => (Array.isArray(v) ? v : [v]);

/**
 * The light as a query condition on the stored instants, so "all red cases" is an index range,
 * not a scan: red past the deadline, yellow from the yellow instant to the deadline, green before.
 */
export function lightCondition(alias: string, light: Light, param: string): string {
  switch (light) {
    case 'red':
      return `${alias}.deadline_at < :${param}`;
    case 'yellow':
      return `(${alias}.yellow_at <= :${param} AND ${alias}.deadline_at >= :${param})`;
    case 'green':
      return `${alias}.yellow_at > :${param}`;
  }
}

/**
 * What a caller looked up before filtering: the path of `filter.organizationId` (null when there
 * is no such organization), and the caller's own organization path, for filters relative to the
 * caller (`handedOver`). Given, the subtree is a constant prefix the path index can range over;
 * `LIKE (SELECT …)` is not sargable, and made a township's list read the whole table.
 */
export interface ResolvedCaseFilter {
  organizationPath?: string | null;
  callerOrgPath?: string;
  /** How `q` is looked up in the term index (`planTermQuery`: the rarest pairs, or nothing can match). */
  textPlan?: TermPlan;
  /** Skip the term index (`CaseQuery.scanText`). */
  scanText?: boolean;
}

/**
 * What `q` means: the case number, title, description, source reference or a party's name
 * contains it (`LIKE`, with the engine's own comparison). The term index proposes candidates;
 * this decides. `param` is bound to `%q%` escaped with `likeEscape`.
 */
export const textMatch = (alias: string, param: string) =>
  `(${alias}.case_number LIKE :${param} ${LIKE_ESCAPE} OR ${alias}.title LIKE :${param} ${LIKE_ESCAPE} OR ${alias}.description LIKE :${param} ${LIKE_ESCAPE} OR ${alias}.source_ref LIKE :${param} ${LIKE_ESCAPE}` +
  // A count, not EXISTS: MariaDB turned the EXISTS into a semi-join that read every party's name
  // whenever the candidates came as a long id list; per candidate, it reads that case's parties.
  ` OR (SELECT COUNT(*) FROM parties qp WHERE qp.case_id = ${alias}.id AND qp.name LIKE :${param} ${LIKE_ESCAPE}) > 0)`;

const VALID_FILTERS = new WeakMap<object, Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A case filter validated: once per filter object, however many queries of one list apply it
 * (the page, the plan of its total, each scope branch counted). @throws ValidationError
 */
export function validCaseFilter(raw: CaseFilter): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (raw === null || typeof raw !== 'object') return validate(caseFilterSchema, raw);
  let f = VALID_FILTERS.get(raw);
  if (!f) VALID_FILTERS.set(raw, (f = validate<Record<string, any>>(caseFilterSchema, raw))); // eslint-disable-line @typescript-eslint/no-explicit-any
  return f;
}

/** Apply validated filters. @throws ValidationError naming the filter field */
export function applyCaseFilters<T extends object>(qb: SelectQueryBuilder<T>, alias: string, raw: CaseFilter, now: Date, cipher: PersonalDataCipher, resolved: ResolvedCaseFilter = {}): SelectQueryBuilder<T> {
  const f = validCaseFilter(raw);
  if (f.handedOver !== undefined && resolved.callerOrgPath) {
    const handed = `(${handedOverBy(alias, ':f_ho')} AND ${alias}.handling_org_path NOT LIKE :f_ho ${LIKE_ESCAPE})`;
    qb.andWhere(f.handedOver ? handed : `NOT ${handed}`, { f_ho: `${likeEscape(resolved.callerOrgPath)}%` });
  }
  for (const key of ['id', 'status', 'channel', 'category', 'triage', 'risk'] as const) {
    if (f[key] !== undefined) qb.andWhere(`${alias}.${column(key)} IN (:...f_${key})`, { [`f_${key}`]: list(f[key]) });
  }
  for (const key of ['mediatorId', 'reporterId', 'placeOrgId'] as const) {
    if (f[key] !== undefined) qb.andWhere(`${alias}.${column(key)} = :f_${key}`, { [`f_${key}`]: f[key] });
  }
  if (f.adviserId !== undefined) {
    qb.andWhere(`(${alias}.adviser_id = :f_adv OR EXISTS (SELECT 1 FROM case_participants fp WHERE fp.case_id = ${alias}.id AND fp.user_id = :f_adv AND fp.role = 'adviser'))`, { f_adv: f.adviserId });
  }
  if (f.organizationId !== undefined && resolved.organizationPath !== undefined) {
    if (resolved.organizationPath === null) qb.andWhere('1 = 0');
    else qb.andWhere(`${alias}.handling_org_path LIKE :f_orgpath ${LIKE_ESCAPE}`, { f_orgpath: `${likeEscape(resolved.organizationPath)}%` });
  } else if (f.organizationId !== undefined) {
    qb.andWhere(`${alias}.handling_org_path LIKE (SELECT CONCAT(o.path, '%') FROM organizations o WHERE o.id = :f_org)`, { f_org: f.organizationId });
  }
  if (f.supervised !== undefined) qb.andWhere(`${alias}.supervised = :f_sup`, { f_sup: f.supervised });
  if (f.flagged !== undefined) qb.andWhere(`${alias}.flagged = :f_flag`, { f_flag: f.flagged });
  if (f.open !== undefined) qb.andWhere(`${alias}.status ${f.open ? '' : 'NOT '}IN (:...f_open)`, { f_open: ['registered', 'accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed'] });
  if (f.light !== undefined) {
    qb.andWhere(`(${list(f.light).map((l) => lightCondition(alias, l as Light, 'f_now')).join(' OR ')})`, { f_now: now });
  }
  if (f.registeredFrom) qb.andWhere(`${alias}.registered_at >= :f_rf`, { f_rf: f.registeredFrom });
  if (f.registeredTo) qb.andWhere(`${alias}.registered_at <= :f_rt`, { f_rt: f.registeredTo });
  if (f.deadlineFrom) qb.andWhere(`${alias}.deadline_at >= :f_df`, { f_df: f.deadlineFrom });
  if (f.deadlineTo) qb.andWhere(`${alias}.deadline_at <= :f_dt`, { f_dt: f.deadlineTo });
  if (f.idNumber) {
    qb.andWhere(`${alias}.id IN (SELECT ip.case_id FROM parties ip WHERE ip.id_number_hash = :f_idh)`, { f_idh: isValidIdNumber(f.idNumber) ? cipher.hashIdNumber(f.idNumber) : '-' });
  }
  if (f.q) {
    // Candidates from the term index, then the exact `LIKE` on them: the same answer as a scan.
    if (!resolved.scanText) {
      const candidates = termCondition(alias, resolved.textPlan ?? termQuery(f.q));
      qb.andWhere(candidates.sql, candidates.params);
    }
    qb.andWhere(textMatch(alias, 'f_q'), { f_q: `%${likeEscape(f.q)}%` });
  }
  return qb;
}

const sortSchema = Joi.array().ordered(Joi.string().valid(...CASE_SORT_FIELDS), Joi.string().valid('ASC', 'DESC', 'asc', 'desc')).length(2);

/** The field and direction of a case list's sort (default `id DESC`). @throws ValidationError */
export function caseSort(sort?: [string, string]): [CaseSortField, 'ASC' | 'DESC'] {
  const [fieldName, order] = validate(sortSchema, sort ?? ['id', 'DESC']) as [CaseSortField, string];
  return [fieldName, order.toUpperCase() as 'ASC' | 'DESC'];
}

/** Sort on a whitelisted field, then by id; anything else is refused. @throws ValidationError */
export function applyCaseSort<T extends object>(qb: SelectQueryBuilder<T>, alias: string, sort?: [string, string]): SelectQueryBuilder<T> {
  const [fieldName, dir] = caseSort(sort);
  qb.orderBy(`${alias}.${fieldName}`, dir);
  if (fieldName !== 'id') qb.addOrderBy(`${alias}.id`, dir);
  return qb;
}
