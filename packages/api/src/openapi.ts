/**
 * The OpenAPI 3 document, built from the same joi schemas that validate requests: each route
 * declares itself here next to its registration, so the document cannot drift from the code.
 */
import Joi from 'joi';
import j2s from 'joi-to-swagger';

export type Auth = 'bearer' | 'apiKey' | 'none';

export interface DocParameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  description?: string;
  schema: unknown;
}

/** An operation of the document, as far as the HTML page reads it. */
export interface DocOperation {
  operationId: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: DocParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; $ref?: string }>;
  security?: Array<Record<string, unknown>>;
}

/** The OpenAPI 3.0 document `ApiDoc.document()` builds (typed where the API reads it back). */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, DocOperation>>;
  components: { responses: Record<string, { description: string }>; [part: string]: unknown };
  [key: string]: unknown;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Koa path, `/cases/:id` (under /api). */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth?: Auth;
  body?: Joi.Schema;
  /** Query parameters as joi (JSON parameters of lists are described as strings). */
  query?: Record<string, Joi.Schema>;
  /** Status → description (and an optional schema). */
  responses?: Record<number, string | { description: string; schema?: Joi.Schema; headers?: Record<string, string> }>;
  /** A list in ra-data-simple-rest style: documents sort/range/filter and Content-Range. */
  list?: { sortable: readonly string[]; filters: readonly string[] };
}

const ERROR_RESPONSES: Record<number, string> = {
  400: '输入有误 / invalid input (one entry per field in details)',
  401: '未登录 / not signed in',
  403: '没有权限 / forbidden',
  404: '不存在或不在可见范围内 / not found (also outside the caller’s scope)',
  409: '冲突：版本过期、不允许的操作、重复 / conflict: stale version, invalid transition, duplicate',
  413: '请求内容过大 / body too large',
  429: '请求过多 / too many requests',
  503: '数据库不可用 / database unavailable',
};

/** The document of each app built by createApp (for tests that walk the documented operations). */
export const apiDocs = new WeakMap<object, ApiDoc>();

export class ApiDoc {
  readonly operations: Operation[] = [];

  /** Schemas shown in components that no route answers (the webhook body a receiver gets). */
  readonly schemas = new Map<string, Joi.Schema>();

  add(op: Operation): void {
    this.operations.push(op);
  }

  /** The OpenAPI 3.0 document. */
  document(version: string): OpenApiDocument {
    const paths: Record<string, Record<string, DocOperation>> = {};
    for (const op of this.operations) {
      const path = '/api' + op.path.replace(/:(\w+)/g, '{$1}');
      const params: DocParameter[] = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: m[1] === 'id' ? { type: 'integer', minimum: 1 } : { type: 'string' },
      }));
      for (const [name, schema] of Object.entries(op.query ?? {})) {
        const description = (schema.describe().flags as { description?: string } | undefined)?.description;
        params.push({ name, in: 'query', required: false, ...(description ? { description } : {}), schema: j2s(schema).swagger });
      }
      if (op.list) {
        params.push(
          { name: 'sort', in: 'query', description: `JSON ["field","ASC"|"DESC"]; fields: ${op.list.sortable.join(', ')}`, schema: { type: 'string', example: `["${op.list.sortable[0]}","DESC"]` } },
          { name: 'range', in: 'query', description: 'JSON [from, to], inclusive, at most 1000 rows', schema: { type: 'string', example: '[0,24]' } },
          { name: 'filter', in: 'query', description: `JSON object; keys: id, ${op.list.filters.join(', ')}`, schema: { type: 'string', example: '{}' } },
        );
      }
      const responses: Record<string, { description?: string; $ref?: string }> = {};
      for (const [status, r] of Object.entries(op.responses ?? { 200: 'OK' })) {
        const spec = typeof r === 'string' ? { description: r } : r;
        responses[status] = {
          description: spec.description,
          ...(spec.schema ? { content: { 'application/json': { schema: j2s(spec.schema).swagger } } } : {}),
          ...(op.list && status === '200' ? { headers: { 'Content-Range': { description: '<resource> <from>-<to>/<total>', schema: { type: 'string' } } } } : {}),
        };
      }
      const errorStatuses = [400, 404, 503, ...(op.auth === 'none' ? [] : [401, 403]), ...(op.method === 'get' ? [] : [409, 413])];
      for (const s of errorStatuses) responses[s] ??= { $ref: `#/components/responses/E${s}` };
      paths[path] ??= {};
      paths[path][op.method] = {
        tags: [op.tag],
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        operationId: `${op.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        parameters: params,
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: j2s(op.body).swagger } } } } : {}),
        responses,
        security: op.auth === 'none' ? [] : op.auth === 'apiKey' ? [{ apiKey: [] }] : [{ bearer: [] }],
      };
    }
    const errorSchema = {
      type: 'object',
      properties: {
        error: {
          type: 'object',
          properties: { code: { type: 'string', example: 'VALIDATION' }, message: { type: 'string' }, details: {} },
          required: ['code', 'message'],
        },
      },
    };
    return {
      openapi: '3.0.3',
      info: {
        title: 'tiaojie API (调解)',
        version,
        description:
          'HTTP API of the tiaojie dispute-mediation center. Lists follow ra-data-simple-rest conventions; errors are `{ error: { code, message, details } }`, in Chinese unless `Accept-Language: en`. See docs/api.md.',
      },
      servers: [{ url: '/' }],
      tags: [...new Set(this.operations.map((o) => o.tag))].map((name) => ({ name })),
      paths,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
        schemas: { Error: errorSchema, ...Object.fromEntries([...this.schemas].map(([name, schema]) => [name, j2s(schema).swagger])) },
        responses: Object.fromEntries(
          Object.entries(ERROR_RESPONSES).map(([s, d]) => [`E${s}`, { description: d, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
        ),
      },
    };
  }
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained HTML rendering of the document (no CDN: the center's network has no internet). */
export function renderDocsHtml(doc: OpenApiDocument): string {
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${esc(p.name)}</code> <small>(${esc(p.in)})</small> ${esc(p.description ?? '')}</li>`)
        .join('');
      const body = op.requestBody ? `<details><summary>请求体 / body</summary><pre>${esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))}</pre></details>` : '';
      const responses = Object.entries(op.responses)
        .map(([s, r]) => `<code>${esc(s)}</code> ${esc(r.description ?? (r.$ref ? doc.components.responses[r.$ref.split('/').pop()!]?.description : ''))}`)
        .join('<br>');
      const auth = op.security?.length ? Object.keys(op.security[0])[0] : 'none';
      rows.push(
        `<section id="${esc(op.operationId)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code> <small>[${esc(op.tags?.[0])} · auth: ${esc(auth)}]</small></h3>` +
          `<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}${params ? `<ul>${params}</ul>` : ''}${body}<p class="r">${responses}</p></section>`,
      );
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)}</title>
<style>body{font:14px/1.5 system-ui,"Microsoft YaHei",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
section{border-top:1px solid #ddd;padding:.5em 0}code{background:#f4f4f4;padding:0 .3em}pre{background:#f8f8f8;padding:.5em;overflow:auto;font-size:12px}
.m{display:inline-block;min-width:4em;text-align:center;color:#fff;border-radius:3px;font-size:12px;padding:2px 4px}
.get{background:#2b7bb9}.post{background:#2a9d3a}.put{background:#c77c00}.delete{background:#c0392b}.r{color:#555;font-size:12px}</style></head>
<body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p><a href="/api/openapi.json">openapi.json</a></p>${rows.join('\n')}</body></html>`;
}
