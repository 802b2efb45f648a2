import Joi from 'joi';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../cases/lifecycle';
import { likeEscape, LIKE_ESCAPE, scopeCases } from '../cases/scope';
import { MediationCase } from '../cases/case.entity';
import { Organization } from '../organizations/organization.entity';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from './errors';
import type { Role } from './vocabulary';

export type Order = 'ASC' | 'DESC';

/** A page request in the ra-data-simple-rest shape the API parses: filter, sort, inclusive range. */
export interface ListQuery {
  filter?: Record<string, unknown>;
  sort?: [string, Order];
  range?: [number, number];
}

/** One page of rows and the total the filter matches. */
export interface Page<T> {
  rows: T[];
  total: number;
  /** True when counting stopped at a cap: `total` is then a lower bound (case lists, `CASE_COUNT_CAP`). */
  capped?: boolean;
}

type Qb<E extends ObjectLiteral> = SelectQueryBuilder<E>;
/** A filter that is not plain column equality (e.g. `q`, a subtree). */
export type CustomFilter = (qb: Qb<any>, alias: string, value: any, actor: Actor) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Restricts a read to what the actor may see. */
export type ScopeRule = (qb: Qb<any>, alias: string, actor: Actor) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * One filter key of a list: the joi schema its value must match (the API answers 400 naming
 * `filter.<key>` before core runs), how core applies it (column equality when `rule` is absent:
 * a list means IN, null means IS NULL) and its Chinese name where the shared labels do not fit.
 */
export interface FilterSpec {
  schema: Joi.Schema;
  rule?: CustomFilter;
  label?: string;
}

/** A column-equality filter whose value matches `schema`. */
export const eqFilter = (schema: Joi.Schema, label?: string): FilterSpec => ({ schema, ...(label ? { label } : {}) });
/** A filter applied by `rule`, whose value matches `schema`. */
export const customFilter = (rule: CustomFilter, schema: Joi.Schema, label?: string): FilterSpec => ({ schema, rule, ...(label ? { label } : {}) });

/** Filter values shared by the lists: one id, one id or a list of them (getMany), a search text, one or more of a vocabulary. */
export const idValue = Joi.number().integer().min(1);
export const idsValue = Joi.alternatives(idValue, Joi.array().items(idValue).max(1000));
export const searchValue = Joi.string().trim().max(100).allow('');
export const oneOrMany = (...values: readonly string[]) => Joi.alternatives(Joi.string().valid(...values), Joi.array().items(Joi.string().valid(...values)));

/** How a reference resource is read: which rows an actor sees, and how a list filters and sorts. */
export interface ReadSpec<E extends ObjectLiteral> {
  /** For NotFoundError (`organization`, `sla-policy` …). */
  name: string;
  entity: { new (): E };
  /** Roles that may read; everyone signed in when absent. */
  readRoles?: readonly Role[];
  scope?: ScopeRule;
  /** Fields a list may sort on. */
  sortable: readonly string[];
  defaultSort: [string, Order];
  /** Filter keys (besides `id`), each with its schema and rule. */
  filters: Record<string, FilterSpec>;
}

/**
 * What a list accepts, in the shape the API's query parser and OpenAPI document read: the one
 * declaration of a resource's sorts and filters is its ReadSpec in core.
 */
export interface ListSpec {
  sortable: readonly string[];
  defaultSort: [string, Order];
  /** joi schema of each filter key (unknown keys are refused). */
  filter: Record<string, Joi.Schema>;
  /** Chinese names of filter keys where the shared ones (domain/labels.ts) do not fit this list. */
  labels?: Record<string, string>;
}

/** The list spec of a ReadSpec (sorts, default sort, filter schemas and labels). */
export function listSpecOf(spec: Pick<ReadSpec<ObjectLiteral>, 'sortable' | 'defaultSort' | 'filters'>): ListSpec {
  const entries = Object.entries(spec.filters);
  const labels = Object.fromEntries(entries.filter(([, f]) => f.label).map(([k, f]) => [k, f.label as string]));
  return {
    sortable: spec.sortable,
    defaultSort: spec.defaultSort,
    filter: Object.fromEntries(entries.map(([k, f]) => [k, f.schema])),
    ...(Object.keys(labels).length ? { labels } : {}),
  };
}

const ALIAS = 'r';
const MAX_ROWS = 1000;

const bad = (field: string, zh: string, en: string) => new ValidationError([{ field, type: 'any.invalid', message: zh, messages: { zh, en } }]);

/** Whether the actor has any of these roles. */
export const hasRole = (actor: Actor, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));

function scoped<E extends ObjectLiteral>(em: EntityManager, spec: ReadSpec<E>, actor: Actor): Qb<E> {
  const qb = em.getRepository(spec.entity).createQueryBuilder(ALIAS);
  spec.scope?.(qb, ALIAS, actor);
  return qb;
}

/**
 * A page of a resource in the actor's scope. Filter keys and sort fields are whitelisted by the
 * spec (they become SQL identifiers). @throws ForbiddenError (role), ValidationError (unknown key)
 */
export async function listRows<E extends ObjectLiteral>(em: EntityManager, spec: ReadSpec<E>, actor: Actor, query: ListQuery = {}): Promise<Page<E>> {
  if (spec.readRoles && !hasRole(actor, spec.readRoles)) throw new ForbiddenError();
  const qb = scoped(em, spec, actor);
  for (const [key, value] of Object.entries(query.filter ?? {})) {
    if (value === undefined) continue;
    const def = key === 'id' ? undefined : Object.prototype.hasOwnProperty.call(spec.filters, key) ? spec.filters[key] : null;
    if (def === null) throw bad(`filter.${key}`, '不支持的筛选条件', 'Unknown filter');
    if (def?.rule) def.rule(qb, ALIAS, value, actor);
    else if (Array.isArray(value)) {
      if (value.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere(`${ALIAS}.${key} IN (:...f_${key})`, { [`f_${key}`]: value });
    } else if (value === null) qb.andWhere(`${ALIAS}.${key} IS NULL`);
    else qb.andWhere(`${ALIAS}.${key} = :f_${key}`, { [`f_${key}`]: value });
  }
  const [field, order] = query.sort ?? spec.defaultSort;
  if (!spec.sortable.includes(field) || (order !== 'ASC' && order !== 'DESC')) throw bad('sort', '不能按该字段排序', `Cannot sort on ${field}`);
  qb.orderBy(`${ALIAS}.${field}`, order);
  if (field !== 'id') qb.addOrderBy(`${ALIAS}.id`, 'ASC');
  const [from, to] = query.range ?? [0, 24];
  const [rows, total] = await qb
    .skip(from)
    .take(Math.min(to - from + 1, MAX_ROWS))
    .getManyAndCount();
  return { rows, total };
}

/** One row in the actor's scope. @throws NotFoundError (also outside the scope or the reading roles) */
export async function getRow<E extends ObjectLiteral>(em: EntityManager, spec: ReadSpec<E>, actor: Actor, id: number): Promise<E> {
  if (!Number.isSafeInteger(id) || id < 1 || (spec.readRoles && !hasRole(actor, spec.readRoles))) throw new NotFoundError(spec.name, id);
  const row = await scoped(em, spec, actor).andWhere(`${ALIAS}.id = :rid`, { rid: id }).getOne();
  if (!row) throw new NotFoundError(spec.name, id);
  return row;
}

/** Rows whose organization (column `orgColumn`) lies in the actor's subtree. */
export const inOrgSubtree =
  (orgColumn: string): ScopeRule =>
  (qb, alias, actor) => {
    qb.innerJoin(Organization, 'so', `so.id = ${alias}.${orgColumn}`).andWhere(`so.path LIKE :scopePath ${LIKE_ESCAPE}`, { scopePath: `${likeEscape(actor.orgPath)}%` });
  };

/** The center's desk sees the records of villages in its subtree; a lawyer sees their own. */
export const villageDeskOrOwnAdviser: ScopeRule = (qb, alias, actor) => {
  if (hasRole(actor, ['admin', 'clerk', 'leader'])) inOrgSubtree('villageId')(qb, alias, actor);
  else qb.andWhere(`${alias}.adviserId = :own`, { own: actor.id });
};

/** Only records of cases in the actor's scope (the case's own scope rule, `scopeCases`). */
export const viaCase: ScopeRule = (qb, alias, actor) => {
  qb.innerJoin(MediationCase, 'sc', `sc.id = ${alias}.caseId`);
  scopeCases(qb, 'sc', actor);
};

/** A `q` search over some text columns (LIKE, wildcards escaped). */
export const textSearch =
  (...columns: string[]): CustomFilter =>
  (qb, alias, value: string) => {
    if (!value) return;
    qb.andWhere(`(${columns.map((c) => `${alias}.${c} LIKE :tq ${LIKE_ESCAPE}`).join(' OR ')})`, { tq: `%${likeEscape(value)}%` });
  };

/** Someone else changed the record since the caller read it (the generic wording of StaleVersionError). */
export class StaleRecordError extends StaleVersionError {
  constructor(id: number, expected: number, actual?: number) {
    super(id, expected, actual);
    Object.defineProperty(this, 'messages', { value: { zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and try again' } });
    this.message = 'The record was changed by someone else; reload and try again';
  }
}

/**
 * Compare-and-set: write `set` and bump `version` only if the row still has the version the
 * caller edited (TypeORM's @VersionColumn would silently overwrite). @throws StaleRecordError
 */
export async function updateVersioned<E extends ObjectLiteral & { id: number; version: number }>(
  em: EntityManager,
  entity: { new (): E },
  id: number,
  expectedVersion: number,
  set: Record<string, unknown>,
): Promise<E> {
  const { affected } = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...set, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  const row = await em.getRepository(entity).findOneBy({ id } as never);
  if (affected !== 1 || !row) throw new StaleRecordError(id, expectedVersion, row?.version);
  return row;
}

/** A ValidationError on one field, in both languages. */
export const invalidField = bad;
