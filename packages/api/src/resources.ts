/**
 * Entity-backed resources in ra-data-simple-rest style: list (sort/range/filter), get one,
 * create, update, delete. A thin generator over core services: validate the request, call core
 * (which owns scope, roles, checks and the transaction), answer through a presenter. Cases have
 * their own routes (routes/cases); this serves organizations, users, policies, keys, adviser
 * records, the audit trail and the case's child records.
 */
import type Router from '@koa/router';
import { hasRole, ValidationError, type Actor, type ListQuery, type Page, type Role } from '@tiaojie/core';
import Joi from 'joi';
import type { Ctx, Deps } from './context';
import { forbidden, methodNotAllowed, notFound, staleRecord, type Messages } from './errors';
import { validate } from './i18n';
import { labelZh } from './labels';
import type { ApiDoc } from './openapi';
import { listOf, type Presenter } from './presenters';
import { parseListQuery, sendPage, type ListSpec } from './simple-rest';

export { hasRole };

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

/** The reads of a resource, as a core service answers them. */
export interface Reads<R> {
  list(actor: Actor, query: ListQuery): Promise<Page<R>>;
  get(actor: Actor, id: number): Promise<R>;
}

export interface ResourceSpec<R extends { id: number; version?: number }> {
  name: string;
  tag: string;
  /** 中文 / English, for the OpenAPI document. */
  title: string;
  /** What the query may filter and sort on (checked here for 400s naming the parameter; core checks again). */
  list: ListSpec;
  reads: Reads<R>;
  /** Builds every answer from the response schema's fields. */
  presenter: Presenter;
  create?: { roles: readonly Role[]; schema: Joi.ObjectSchema; run(actor: Actor, body: Record<string, unknown>): Promise<object>; presenter?: Presenter };
  update?: {
    roles: readonly Role[];
    /** Editable fields; every other field of the record may be sent back unchanged (react-admin sends the whole record). */
    schema: Joi.ObjectSchema;
    /** The core command: changes on the version the client edited (compare-and-set in core). */
    run(actor: Actor, id: number, changes: Record<string, unknown>, version: number): Promise<object>;
    /** Presented fields that are computed and ignored when sent back. */
    ignore?: readonly string[];
  };
  remove?: { roles: readonly Role[]; run(actor: Actor, id: number): Promise<object> } | { refuse: Messages };
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
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(...e.fields);
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return valid;
}

/** Register a resource's routes (validate → call core → present) and document them with their response schemas. */
export function mountResource<R extends { id: number; version?: number }>(router: Router, doc: ApiDoc, deps: Deps, spec: ResourceSpec<R>) {
  const base = `/${spec.name}`;
  const present = async (rows: object[], presenter = spec.presenter) => presenter.present(deps.tj, rows);
  const one = async (row: object, presenter = spec.presenter) => (await present([row], presenter))[0];
  const schema = spec.presenter.schema;

  router.get(base, async (ctx: Ctx) => {
    const { sort, range, filter } = parseListQuery(ctx, spec.list);
    const { rows, total } = await spec.reads.list(ctx.state.actor, { sort, range, filter });
    sendPage(ctx, spec.name, range, await present(rows), total);
  });
  doc.add({
    method: 'get',
    path: base,
    tag: spec.tag,
    summary: `列表 / list ${spec.title}`,
    list: { sortable: spec.list.sortable, filters: Object.keys(spec.list.filter) },
    responses: { 200: { description: 'OK', schema: listOf(schema) } },
  });

  router.get(`${base}/:id`, async (ctx: Ctx) => {
    ctx.body = await one(await spec.reads.get(ctx.state.actor, idParam(ctx)));
  });
  doc.add({ method: 'get', path: `${base}/:id`, tag: spec.tag, summary: `查看 / get one ${spec.title}`, responses: { 200: { description: 'OK', schema } } });

  if (spec.create) {
    const create = spec.create;
    router.post(base, async (ctx: Ctx) => {
      const actor = ctx.state.actor;
      if (!hasRole(actor, create.roles)) throw forbidden();
      const body = validate(create.schema, ctx.request.body);
      const row = await create.run(actor, body);
      ctx.status = 201;
      ctx.body = await one(row, create.presenter);
    });
    doc.add({
      method: 'post',
      path: base,
      tag: spec.tag,
      summary: `新建 / create ${spec.title} (${create.roles.join(', ')})`,
      body: create.schema,
      responses: { 201: { description: 'Created', schema: (create.presenter ?? spec.presenter).schema } },
    });
  }

  if (spec.update) {
    const update = spec.update;
    router.put(`${base}/:id`, async (ctx: Ctx) => {
      const actor = ctx.state.actor;
      const id = idParam(ctx);
      const current = await spec.reads.get(actor, id);
      if (!hasRole(actor, update.roles)) throw forbidden();
      // Concurrent edits never overwrite each other: the client names the version it edited.
      const { version } = validate(Joi.object({ version: versionField.required() }).unknown(true), ctx.request.body ?? {}) as { version: number };
      const { version: _sent, ...body } = ctx.request.body as Record<string, unknown>;
      if (version !== current.version) throw staleRecord(current.version);
      const presented = await one(current);
      const changes = changesOf(body, presented as Record<string, unknown>, update.schema, update.ignore);
      // Sent back unchanged: the record as it is, nothing written.
      ctx.body = Object.keys(changes).length ? await one(await update.run(actor, id, changes, version)) : presented;
    });
    doc.add({
      method: 'put',
      path: `${base}/:id`,
      tag: spec.tag,
      summary: `修改 / update ${spec.title} (${update.roles.join(', ')})`,
      description: 'Send the record\'s `version`: a stale one answers 409. Only the fields below change; other fields of the record may be sent back unchanged and are ignored.',
      body: update.schema,
      responses: { 200: { description: 'OK', schema } },
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
      const id = idParam(ctx);
      await spec.reads.get(actor, id);
      if (!hasRole(actor, remove.roles)) throw forbidden();
      ctx.body = await one(await remove.run(actor, id));
    });
    doc.add({ method: 'delete', path: `${base}/:id`, tag: spec.tag, summary: `删除 / delete ${spec.title} (${remove.roles.join(', ')})`, responses: { 200: { description: 'The deleted record', schema } } });
  }
}
