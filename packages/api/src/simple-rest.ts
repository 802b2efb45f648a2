/**
 * ra-data-simple-rest conventions: `sort=["field","ASC"]`, `range=[0,24]`, `filter={...}` as JSON
 * query parameters, and `Content-Range: <resource> <from>-<to>/<total>` on the answer.
 * Sort and filter fields are whitelisted per resource; anything else is a 400 naming the parameter.
 */
import Joi from 'joi';
import type { Context } from 'koa';
import { badParam } from './errors';
import { validate } from './i18n';
import { labelZh } from './labels';

export type Order = 'ASC' | 'DESC';

export interface ListQuery<F = Record<string, unknown>> {
  sort: [string, Order];
  range: [number, number];
  filter: F;
}

export interface ListSpec {
  /** Fields the list may be sorted on; the first is the default (DESC for id). */
  sortable: readonly string[];
  defaultSort?: [string, Order];
  /** joi keys of the filter object (unknown keys are refused). */
  filter: Joi.PartialSchemaMap;
  /** Chinese names of filter keys where the shared ones (labels.ts) do not fit this list. */
  labels?: Record<string, string>;
}

/** The largest page a client may ask for. */
export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 25;

function parseJsonParam(ctx: Context, name: string): unknown {
  const raw = ctx.query[name];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw badParam(name, '只能出现一次', 'may appear only once');
  if (raw.length > 4096) throw badParam(name, '过长', 'too long');
  try {
    return JSON.parse(raw);
  } catch {
    throw badParam(name, '不是有效的 JSON', 'is not valid JSON');
  }
}

/** An id list in a filter: `{"id":[1,2]}` (getMany) or one id. */
export const idList = Joi.alternatives(Joi.array().items(Joi.number().integer().min(1)).max(MAX_PAGE), Joi.number().integer().min(1));

/** Parse and check sort, range and filter. @throws ApiError(400) naming the bad parameter. */
export function parseListQuery<F = Record<string, unknown>>(ctx: Context, spec: ListSpec): ListQuery<F> {
  const sortRaw = parseJsonParam(ctx, 'sort');
  const defaultSort = spec.defaultSort ?? ['id', 'DESC'];
  let sort: [string, Order] = defaultSort;
  if (sortRaw !== undefined) {
    if (!Array.isArray(sortRaw) || sortRaw.length !== 2 || typeof sortRaw[0] !== 'string' || typeof sortRaw[1] !== 'string')
      throw badParam('sort', '应为 ["字段","ASC|DESC"]', 'expected ["field","ASC|DESC"]');
    const [field, order] = sortRaw as [string, string];
    if (!spec.sortable.includes(field)) throw badParam('sort', `不能按“${labelZh(field.slice(0, 40))}”排序`, `cannot sort on ${field.slice(0, 40)}`);
    const o = order.toUpperCase();
    if (o !== 'ASC' && o !== 'DESC') throw badParam('sort', '排序方向只能是 ASC 或 DESC', 'order must be ASC or DESC');
    sort = [field, o];
  }

  const filterRaw = parseJsonParam(ctx, 'filter') ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) throw badParam('filter', '应为 JSON 对象', 'expected a JSON object');
  const filter = validate(Joi.object({ id: idList, ...spec.filter }), filterRaw, { prefix: 'filter.', labels: spec.labels }) as F & { id?: number | number[] };

  const rangeRaw = parseJsonParam(ctx, 'range');
  let range: [number, number];
  if (rangeRaw === undefined) {
    const ids = (filter as { id?: unknown }).id;
    range = [0, Array.isArray(ids) ? Math.max(ids.length, 1) - 1 : DEFAULT_PAGE - 1];
  } else {
    if (!Array.isArray(rangeRaw) || rangeRaw.length !== 2 || !rangeRaw.every((n) => Number.isSafeInteger(n) && n >= 0) || rangeRaw[1] < rangeRaw[0])
      throw badParam('range', '应为 [起, 止]，两个非负整数', 'expected [from, to], two non-negative integers');
    if (rangeRaw[1] - rangeRaw[0] + 1 > MAX_PAGE) throw badParam('range', `每页最多 ${MAX_PAGE} 条`, `at most ${MAX_PAGE} rows per page`);
    range = [rangeRaw[0], rangeRaw[1]];
  }
  return { sort, range, filter };
}

/**
 * Answer a page: the rows as a JSON array and the Content-Range header ra-data-simple-rest reads.
 * A capped total (core counted only up to a cap) is an unknown length, `cases 0-24/*` as in
 * RFC 9110's Content-Range, and `X-Total-Capped: <lower bound>`; the admin then pages with
 * react-admin's partial pagination (`pageInfo`).
 */
export function sendPage(ctx: Context, resource: string, range: [number, number], rows: unknown[], total: number, capped = false) {
  const from = range[0];
  const to = rows.length ? from + rows.length - 1 : from;
  ctx.set('Content-Range', `${resource} ${from}-${to}/${capped ? '*' : total}`);
  if (capped) ctx.set('X-Total-Capped', String(total));
  ctx.set('Access-Control-Expose-Headers', 'Content-Range, X-Total-Capped, X-Request-Id');
  ctx.body = rows;
}
