/**
 * Entity-backed resources in ra-data-simple-rest style: list (sort/range/filter), get one,
 * create, update, delete, each guarded by role and data scope. Cases have their own routes
 * (routes/cases); this serves organizations, users, policies, keys and the case's child records.
 */
import type Router from '@koa/router';
import { ValidationError, type Actor, type Role } from '@tiaojie/core';
import Joi from 'joi';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Ctx, Deps } from './context';
import { forbidden, methodNotAllowed, notFound, staleRecord, type Messages } from './errors';
import { validate } from './i18n';
import { labelZh } from './labels';
import type { ApiDoc } from './openapi';
import { parseListQuery, sendPage, type ListSpec } from './simple-rest';

export const hasRole = (actor: Actor, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));

export const positiveId = Joi.number().integer().min(1);

/** The `version` a client edited: a positive integer as JSON sends it (`"1"` is refused, not converted). */
export const versionField = Joi.number().integer().min(1).strict();

/** The numeric `:id` of a route; anything else is simply not found. */
export function idParam(ctx: Ctx): number {
  const raw = (ctx.params as Record<string, string>).id;
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
}

type Qb<E extends ObjectLiteral> = SelectQueryBuilder<E>;

export interface ResourceSpec<E extends ObjectLiteral> {
  name: string;
  tag: string;
  /** 中文 / English, for the OpenAPI document. */
  title: string;
  entity: { new (): E };
  list: ListSpec;
  /** Filters that are not plain column equality (e.g. `q`). */
  customFilters?: Record<string, (qb: Qb<E>, alias: string, value: any, actor: Actor) => void>;
  /** Roles that may read; everyone signed in when absent. */
  readRoles?: readonly Role[];
  /** Restrict a read query to the actor's scope. */
  scope?: (qb: Qb<E>, alias: string, actor: Actor) => void;
  /** JSON for the client; may batch-load names. */
  present?: (rows: E[], deps: Deps, actor: Actor) => Promise<object[]> | object[];
  create?: { roles: readonly Role[]; schema: Joi.ObjectSchema; run(deps: Deps, actor: Actor, body: any): Promise<E> };
  update?: {
    roles: readonly Role[];
    /** Editable fields; every other field of the record may be sent back unchanged (react-admin sends the whole record). */
    schema: Joi.ObjectSchema;
    /** Check the changes and say what to write (e.g. with `updatedAt`); the write itself is a compare-and-set on `version`. */
    run(deps: Deps, actor: Actor, current: E, changes: any): Promise<Record<string, unknown>> | Record<string, unknown>;
  };
  remove?: { roles: readonly Role[]; run(deps: Deps, actor: Actor, current: E): Promise<E | void> } | { refuse: Messages };
}

const READ_ONLY = (field: string): Messages => ({ zh: `${labelZh(field)}不能修改`, en: `${field} cannot be changed` });

/**
 * Separate a PUT body into real changes. Editable fields that differ from the current record are
 * changes; any other field of the record is accepted only when it is sent back unchanged
 * (mass assignment: status, version, creator … are never written this way); a field the record
 * does not have is unknown. @throws ValidationError (400) naming each offending field.
 */
export function changesOf(body: unknown, current: Record<string, unknown>, editable: Joi.ObjectSchema, ignore: readonly string[] = []): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return validate(editable.min(1), body);
  const editableKeys = new Set(Object.keys(editable.describe().keys ?? {}));
  const currentJson = JSON.parse(JSON.stringify(current)) as Record<string, unknown>;
  const candidate: Record<string, unknown> = {};
  const errors: Array<{ field: string; type: string; message: string; messages: Messages }> = [];
  for (const [k, v] of Object.entries(body)) {
    if (editableKeys.has(k)) {
      if (JSON.stringify(v) !== JSON.stringify(currentJson[k])) candidate[k] = v;
    } else if (ignore.includes(k)) {
      continue;
    } else if (k in currentJson) {
      if (JSON.stringify(v) !== JSON.stringify(currentJson[k])) {
        const m = READ_ONLY(k);
        errors.push({ field: k, type: 'read_only', message: m.zh, messages: m });
      }
    } else {
      // Unknown: let joi name it in both languages.
      candidate[k] = v;
    }
  }
  let valid: Record<string, unknown> = {};
  // Sending the record back unchanged is no change at all (PUT is idempotent), not an error.
  if (Object.keys(candidate).length) {
    try {
      valid = validate(editable, candidate);
    } catch (e: any) {
      if (e?.code !== 'VALIDATION') throw e;
      errors.push(...e.fields);
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return valid;
}

function applyFilters<E extends ObjectLiteral>(spec: ResourceSpec<E>, qb: Qb<E>, alias: string, filter: Record<string, unknown>, actor: Actor) {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const custom = spec.customFilters?.[key];
    if (custom) custom(qb, alias, value, actor);
    else if (Array.isArray(value)) {
      if (value.length === 0) qb.andWhere('1 = 0');
      else qb.andWhere(`${alias}.${key} IN (:...f_${key})`, { [`f_${key}`]: value });
    } else if (value === null) qb.andWhere(`${alias}.${key} IS NULL`);
    else qb.andWhere(`${alias}.${key} = :f_${key}`, { [`f_${key}`]: value });
  }
}

/** Register a resource's routes and document them. */
export function mountResource<E extends ObjectLiteral & { id: number; version?: number }>(router: Router, doc: ApiDoc, deps: Deps, spec: ResourceSpec<E>) {
  const base = `/${spec.name}`;
  const alias = 'r';
  const repo = () => deps.tj.dataSource.getRepository(spec.entity);
  const present = async (rows: E[], actor: Actor) => (spec.present ? spec.present(rows, deps, actor) : rows);
  const mayRead = (actor: Actor) => !spec.readRoles || hasRole(actor, spec.readRoles);
  const scoped = (actor: Actor) => {
    const qb = repo().createQueryBuilder(alias);
    spec.scope?.(qb, alias, actor);
    return qb;
  };
  const findOne = async (actor: Actor, id: number) => {
    if (!mayRead(actor)) throw notFound(spec.name);
    const row = await scoped(actor).andWhere(`${alias}.id = :rid`, { rid: id }).getOne();
    if (!row) throw notFound(spec.name);
    return row;
  };

  router.get(base, async (ctx: Ctx) => {
    const actor = ctx.state.actor;
    if (!mayRead(actor)) throw forbidden();
    const { sort, range, filter } = parseListQuery(ctx, spec.list);
    const qb = scoped(actor);
    applyFilters(spec, qb, alias, filter, actor);
    qb.orderBy(`${alias}.${sort[0]}`, sort[1]);
    if (sort[0] !== 'id') qb.addOrderBy(`${alias}.id`, 'ASC');
    const [rows, total] = await qb.skip(range[0]).take(range[1] - range[0] + 1).getManyAndCount();
    sendPage(ctx, spec.name, range, await present(rows, actor), total);
  });
  doc.add({ method: 'get', path: base, tag: spec.tag, summary: `列表 / list ${spec.title}`, list: { sortable: spec.list.sortable, filters: Object.keys(spec.list.filter) } });

  router.get(`${base}/:id`, async (ctx: Ctx) => {
    const row = await findOne(ctx.state.actor, idParam(ctx));
    ctx.body = (await present([row], ctx.state.actor))[0];
  });
  doc.add({ method: 'get', path: `${base}/:id`, tag: spec.tag, summary: `查看 / get one ${spec.title}` });

  if (spec.create) {
    const create = spec.create;
    router.post(base, async (ctx: Ctx) => {
      const actor = ctx.state.actor;
      if (!hasRole(actor, create.roles)) throw forbidden();
      const body = validate(create.schema, ctx.request.body);
      const row = await create.run(deps, actor, body);
      ctx.status = 201;
      ctx.body = (await present([row], actor))[0];
    });
    doc.add({ method: 'post', path: base, tag: spec.tag, summary: `新建 / create ${spec.title} (${create.roles.join(', ')})`, body: create.schema, responses: { 201: 'Created' } });
  }

  if (spec.update) {
    const update = spec.update;
    router.put(`${base}/:id`, async (ctx: Ctx) => {
      const actor = ctx.state.actor;
      const current = await findOne(actor, idParam(ctx));
      if (!hasRole(actor, update.roles)) throw forbidden();
      // Concurrent edits never overwrite each other: the client names the version it edited.
      const { version } = validate(Joi.object({ version: versionField.required() }).unknown(true), ctx.request.body ?? {}) as { version: number };
      const { version: _sent, ...body } = ctx.request.body as Record<string, unknown>;
      if (version !== current.version) throw staleRecord(current.version);
      const [presented] = await present([current], actor);
      const changes = changesOf(body, presented as Record<string, unknown>, update.schema);
      let row = current;
      if (Object.keys(changes).length) {
        const write = await update.run(deps, actor, current, changes);
        const { affected } = await repo()
          .createQueryBuilder()
          .update()
          .set({ ...write, version: () => 'version + 1' } as never)
          .where('id = :id AND version = :version', { id: current.id, version })
          .execute();
        if (affected !== 1) throw staleRecord();
        row = await repo().findOneByOrFail({ id: current.id } as never);
      }
      ctx.body = (await present([row], actor))[0];
    });
    doc.add({
      method: 'put',
      path: `${base}/:id`,
      tag: spec.tag,
      summary: `修改 / update ${spec.title} (${update.roles.join(', ')})`,
      description: 'Send the record\'s `version`: a stale one answers 409. Only the fields below change; other fields of the record may be sent back unchanged and are ignored.',
      body: update.schema,
    });
  }

  const remove = spec.remove;
  if (remove && 'refuse' in remove) {
    router.delete(`${base}/:id`, async () => {
      throw methodNotAllowed(remove.refuse);
    });
    doc.add({ method: 'delete', path: `${base}/:id`, tag: spec.tag, summary: `不能删除 / cannot be deleted: ${remove.refuse.en}`, responses: { 405: remove.refuse.zh } });
  } else if (remove) {
    router.delete(`${base}/:id`, async (ctx: Ctx) => {
      const actor = ctx.state.actor;
      const current = await findOne(actor, idParam(ctx));
      if (!hasRole(actor, remove.roles)) throw forbidden();
      const row = (await remove.run(deps, actor, current)) ?? current;
      ctx.body = (await present([row], actor))[0];
    });
    doc.add({ method: 'delete', path: `${base}/:id`, tag: spec.tag, summary: `删除 / delete ${spec.title} (${remove.roles.join(', ')})` });
  }
}

