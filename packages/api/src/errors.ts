/**
 * The one place where errors become HTTP. Core's typed errors carry a stable `code`; this file
 * maps each code to a status and answers `{ error: { code, message, details } }` in the caller's
 * language. Anything unknown is logged and answered with a generic 500: no stack, no SQL.
 */
import type { Context, Next } from 'koa';
import { isUniqueViolation } from '@tiaojie/core';
import { langOf, type Lang } from './i18n';
import { labelZh } from './labels';
import { redactPath } from './redact';

export interface Messages {
  zh: string;
  en: string;
}

/** An error of the HTTP layer itself (authentication, method, size, rate), shaped like core's. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Messages,
    private readonly extra?: unknown,
  ) {
    super(messages.en);
    this.name = 'ApiError';
  }
  details(): unknown {
    return this.extra;
  }
}

export const unauthenticated = (en = 'Sign in first', zh = '请先登录') => new ApiError(401, 'UNAUTHENTICATED', { zh, en });
export const forbidden = () => new ApiError(403, 'FORBIDDEN', { zh: '没有权限', en: 'Forbidden' });
export const notFound = (what = 'record') => new ApiError(404, 'NOT_FOUND', { zh: '记录不存在', en: `${what} not found` });
export const methodNotAllowed = (messages: Messages, allow?: string[]) => new ApiError(405, 'METHOD_NOT_ALLOWED', messages, allow ? { allow } : undefined);
export const staleRecord = (currentVersion?: number) =>
  new ApiError(409, 'CONFLICT.STALE_VERSION', { zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and try again' }, currentVersion === undefined ? undefined : { currentVersion });
export const badParam = (param: string, zh: string, en: string) =>
  new ApiError(400, 'VALIDATION', { zh: `查询参数“${labelZh(param)}”有误：${zh}`, en: `Bad query parameter ${param}: ${en}` }, [
    { field: param, type: 'invalid', message: zh, messages: { zh, en } },
  ]);

/** Core error codes (and our own) → HTTP statuses. */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNAVAILABLE: 503,
};

export function statusOf(code: string): number {
  if (STATUS_BY_CODE[code]) return STATUS_BY_CODE[code];
  // FORBIDDEN.ACTION: the lifecycle refuses the actor (role, relation to the case), not the case's state.
  if (code.startsWith('FORBIDDEN')) return 403;
  if (code.startsWith('CONFLICT')) return 409;
  return 500;
}

/** Network-level failures of the database driver: the database is unreachable, not the request wrong. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_SERVER_GONE_ERROR',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  'CR_CONNECTION_ERROR',
  'POOL_CLOSED',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

const UNREACHABLE_TEXT = /connect ECONNREFUSED|Connection lost|closed state|Pool is closed|Can't add new command when connection is in closed state|connect ETIMEDOUT|read ECONNRESET|Too many connections|Server has gone away/i;

/**
 * What the handler reads of a thrown value, whatever threw it: core's and the API's errors (code,
 * messages, details), the database drivers' (code, fatal, driverError, query, parameters), koa's
 * http-errors (status, headers). Nothing is trusted to be there: each use checks its type.
 */
type Thrown =
  | {
      code?: unknown;
      messages?: { zh?: unknown; en?: unknown };
      details?: unknown;
      fatal?: unknown;
      name?: unknown;
      message?: unknown;
      stack?: unknown;
      driverError?: unknown;
      cause?: unknown;
      query?: unknown;
      status?: unknown;
      statusCode?: unknown;
      headers?: { Allow?: string };
    }
  | null
  | undefined;

/** A domain or API error: a stable code and messages in both languages, safe to show. */
function isWorded(err: unknown): err is { code: string; messages: Messages; details?: unknown } {
  const e = err as Thrown;
  return !!e && typeof e.code === 'string' && !!e.messages && typeof e.messages.zh === 'string';
}

/** Whether an error means "the database cannot be reached now" (answered 503). */
export function isDatabaseUnreachable(err: unknown): boolean {
  for (let e = err as Thrown, depth = 0; e && depth < 4; e = (e.driverError ?? e.cause) as Thrown, depth++) {
    if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
    if (e.fatal === true) return true;
    if (typeof e.message === 'string' && UNREACHABLE_TEXT.test(e.message)) return true;
  }
  return false;
}

/**
 * Whether an error is the database refusing a duplicate (a unique index): a race that core's own
 * checks could not see coming. Answered 409, never 500. Core's detector, re-exported.
 */
export { isUniqueViolation };

const DUPLICATE = { zh: '与已有记录重复', en: 'This conflicts with an existing record' };

/** Field errors carry both languages (`messages`); the caller gets one `message` in theirs. */
function localize(details: unknown, lang: Lang): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d) =>
    d && typeof d === 'object' && 'field' in d ? { field: d.field, type: d.type, message: d.messages?.[lang] ?? d.message } : d,
  );
}

/** At most this many field errors go back: enough to fix a form, never megabytes. */
export const MAX_DETAILS = 50;
const capDetails = (d: unknown) => (Array.isArray(d) && d.length > MAX_DETAILS ? [...d.slice(0, MAX_DETAILS), { field: '…', type: 'truncated', message: `+${d.length - MAX_DETAILS}` }] : d);

interface Shaped {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  headers?: Record<string, string>;
}

const UNAVAILABLE = { zh: '数据库暂时不可用，请稍后再试', en: 'The database is unavailable; try again shortly' };

/** What the client will see for an error, or null when it is an unexpected one (a 500). */
export function shape(err: unknown, lang: Lang): Shaped | null {
  if (isWorded(err)) {
    const status = err instanceof ApiError ? err.status : statusOf(err.code);
    if (status === 500) return null;
    const details = capDetails(localize(typeof err.details === 'function' ? (err.details as () => unknown).call(err) : undefined, lang));
    const retry = err.code === 'UNAVAILABLE' ? 5 : (details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    const headers = retry ? { 'Retry-After': String(retry) } : undefined;
    return { status, code: err.code, message: err.messages[lang], details, headers };
  }
  // The driver's own words name tables, indexes and values: they stay in the log.
  if (isUniqueViolation(err)) return { status: 409, code: 'CONFLICT.DUPLICATE', message: DUPLICATE[lang] };
  if (isDatabaseUnreachable(err)) return { status: 503, code: 'UNAVAILABLE', message: UNAVAILABLE[lang], headers: { 'Retry-After': '5' } };
  // Errors raised by koa and its middleware (http-errors): body parser, router.
  const thrown = err as Thrown;
  const status = thrown?.status ?? thrown?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return { status, code: 'PAYLOAD_TOO_LARGE', message: lang === 'en' ? 'The request body is too large' : '请求内容过大' };
    if (status === 405) return { status, code: 'METHOD_NOT_ALLOWED', message: lang === 'en' ? 'Method not allowed' : '不支持该请求方法' };
    if (status === 415) return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message: lang === 'en' ? 'Send JSON' : '请以 JSON 格式提交' };
    if (status === 400)
      return {
        status,
        code: 'VALIDATION',
        message: lang === 'en' ? 'The request body is not valid JSON' : '请求内容不是有效的 JSON',
        details: [{ field: 'body', type: 'invalid', message: lang === 'en' ? 'invalid JSON' : '无效的 JSON' }],
      };
    return { status, code: 'BAD_REQUEST', message: lang === 'en' ? 'Bad request' : '请求有误' };
  }
  return null;
}

export interface ErrorLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Koa middleware: must be the outermost (after the request id) so it sees every error. */
export function errorHandler(log: ErrorLogger) {
  /** A database error without its bound parameters: they may hold personal data. */
  const loggable = (err: unknown) => {
    const e = err as Thrown;
    return e && typeof e === 'object' && 'parameters' in e ? { type: e.name, message: e.message, code: (e.driverError as Thrown)?.code ?? e.code, query: e.query, stack: e.stack } : err;
  };
  return async function handleErrors(ctx: Context, next: Next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && /^\/+api(\/|$)/i.test(ctx.path)) throw notFound('route');
    } catch (err) {
      const e = err as Thrown;
      const lang = langOf(ctx.get('Accept-Language'));
      let shaped = shape(err, lang);
      if (!shaped) {
        log.error({ err: loggable(err), requestId: ctx.state.requestId, method: ctx.method, path: redactPath(ctx.path) }, 'unexpected error');
        shaped = { status: 500, code: 'INTERNAL', message: lang === 'en' ? 'Internal server error' : '服务器内部错误' };
      } else if (shaped.code === 'CONFLICT.DUPLICATE' && !isWorded(err)) {
        log.warn({ requestId: ctx.state.requestId, method: ctx.method, path: redactPath(ctx.path), reason: (e?.driverError as Thrown)?.code ?? e?.code }, 'duplicate refused by a unique index');
      } else if (shaped.status === 503) {
        log.warn({ requestId: ctx.state.requestId, reason: e?.message }, 'database unavailable');
      }
      ctx.status = shaped.status;
      for (const [k, v] of Object.entries(shaped.headers ?? {})) ctx.set(k, v);
      if (shaped.status === 405 && e?.headers?.Allow) ctx.set('Allow', e.headers.Allow);
      ctx.body = { error: { code: shaped.code, message: shaped.message, details: shaped.details ?? null } };
    }
  };
}
