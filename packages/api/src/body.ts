/**
 * Request bodies, bounded before anything reads them: only JSON (other types 415, not read as
 * empty), only the encodings we can decode (a body that claims gzip and is not: 400), and a parsed
 * body bounded in keys and depth, so that an unauthenticated request cannot make validation
 * produce megabytes of field errors. Keys that name object internals are refused by name.
 */
import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import { ApiError } from './errors';

export interface BodyShape {
  maxKeys: number;
  maxKeysPerObject: number;
  maxDepth: number;
}

const ENCODINGS = new Set(['identity', 'gzip', 'deflate', 'br']);
/** Names that reach an object's prototype or constructor: never a field of ours. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const bad = (code: string, status: number, zh: string, en: string, field = 'body') =>
  new ApiError(status, code, { zh, en }, [{ field, type: code.toLowerCase(), message: zh, messages: { zh, en } }]);

/** Throws when `body` exceeds `shape` or holds a forbidden key; walks without recursion. */
export function checkBodyShape(body: unknown, shape: BodyShape): void {
  let keys = 0;
  const stack: Array<[unknown, number, string]> = [[body, 1, '']];
  while (stack.length) {
    const [v, depth, path] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth > shape.maxDepth) throw bad('VALIDATION', 400, `请求内容嵌套超过 ${shape.maxDepth} 层`, `The body nests deeper than ${shape.maxDepth} levels`);
    if (Array.isArray(v)) {
      keys += v.length;
      v.forEach((item, i) => stack.push([item, depth + 1, `${path}${path ? '.' : ''}${i}`]));
    } else {
      const names = Object.keys(v);
      if (names.length > shape.maxKeysPerObject) throw bad('VALIDATION', 400, `请求内容的一个对象有超过 ${shape.maxKeysPerObject} 个字段`, `An object in the body has more than ${shape.maxKeysPerObject} fields`, path || 'body');
      keys += names.length;
      for (const k of names) {
        if (FORBIDDEN_KEYS.has(k)) throw bad('VALIDATION', 400, `不允许的字段名：${k}`, `Field name not allowed: ${k}`, path ? `${path}.${k}` : k);
        stack.push([(v as Record<string, unknown>)[k], depth + 1, path ? `${path}.${k}` : k]);
      }
    }
    if (keys > shape.maxKeys) throw bad('VALIDATION', 400, `请求内容字段过多（超过 ${shape.maxKeys} 个）`, `The body has more than ${shape.maxKeys} fields`);
  }
}

/**
 * Koa middleware: content type, encoding, JSON parsing (koa bodyparser) and the shape check.
 * `multipartPaths` names the upload routes whose multipart bodies pass through to their own parser.
 */
export function jsonBody(limit: string, shape: BodyShape, multipartPaths?: RegExp) {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: limit, encoding: 'utf-8' });
  return async function readBody(ctx: Context, next: Next) {
    // An empty body (`Content-Length: 0`, as fetch sends for a bare POST) is no body, of any type.
    if (ctx.request.length === 0 && !ctx.get('Transfer-Encoding')) return next();
    // Uploads: the route's own multipart parser reads these (bounded there), and only these.
    if (multipartPaths?.test(ctx.path) && ctx.request.is('multipart/form-data')) return next();
    // `is()` is null when the request has no body at all; false when it has one of another type.
    if (ctx.request.is('application/json', '+json') === false) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', { zh: '请以 JSON 格式提交（Content-Type: application/json）', en: 'Send JSON (Content-Type: application/json)' });
    }
    const encoding = (ctx.get('Content-Encoding') || 'identity').toLowerCase().trim();
    if (!ENCODINGS.has(encoding)) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', { zh: `不支持的内容编码：${encoding.slice(0, 20)}`, en: `Unsupported Content-Encoding: ${encoding.slice(0, 20)}` });
    try {
      await parse(ctx, async () => undefined);
    } catch (e) {
      // zlib's own errors (Z_DATA_ERROR …) carry no HTTP status: the body was not what it claimed.
      const code = (e as NodeJS.ErrnoException | null)?.code;
      if (typeof code === 'string' && /^Z_/.test(code)) throw bad('BAD_ENCODING', 400, `请求内容不是有效的 ${encoding} 编码`, `The body is not valid ${encoding}`);
      throw e;
    }
    checkBodyShape(ctx.request.body, shape);
    await next();
  };
}
