/**
 * Typed domain errors. Each has a stable `code` that the API maps to an HTTP status without
 * guessing, a message for people (Chinese and English) and, where useful, structured details.
 */

export interface FieldError {
  /** Dotted path of the field, e.g. `agreement.terms`. */
  field: string;
  /** Stable reason: `required`, `invalid`, `too_long`, … */
  type: string;
  /** In Chinese, the default language of the people who read it. */
  message: string;
  messages: Messages;
}

export interface Messages {
  zh: string;
  en: string;
}

export abstract class TiaojieError extends Error {
  abstract readonly code: string;
  readonly messages: Messages;
  constructor(messages: Messages) {
    super(messages.en);
    this.name = new.target.name;
    this.messages = messages;
  }
  /** Extra structured information safe to show the caller. */
  details(): unknown {
    return undefined;
  }
}

/** Input failed validation; one entry per field. */
export class ValidationError extends TiaojieError {
  readonly code = 'VALIDATION';
  constructor(readonly fields: FieldError[], messages: Messages = { zh: '输入有误', en: 'Invalid input' }) {
    super(messages);
  }
  override details() {
    return this.fields;
  }
}

/** No such record, or not one the actor may see (never reveal which). */
export class NotFoundError extends TiaojieError {
  readonly code = 'NOT_FOUND';
  constructor(readonly entity: string, readonly id: unknown) {
    super({ zh: '记录不存在', en: `${entity} not found` });
  }
}

/** The actor may not do this at all (role). */
export class ForbiddenError extends TiaojieError {
  readonly code = 'FORBIDDEN';
  constructor(messages: Messages = { zh: '没有权限', en: 'Forbidden' }) {
    super(messages);
  }
}

/** Someone else changed the record since the caller read it. */
export class StaleVersionError extends TiaojieError {
  readonly code = 'CONFLICT.STALE_VERSION';
  constructor(readonly id: number, readonly expected: number, readonly actual?: number) {
    super({ zh: '案件已被他人修改，请刷新后重试', en: 'The case was changed by someone else; reload and try again' });
  }
  override details() {
    return { id: this.id, expectedVersion: this.expected, currentVersion: this.actual };
  }
}

/** A unique value is already taken. */
export class DuplicateError extends TiaojieError {
  readonly code = 'CONFLICT.DUPLICATE';
  constructor(readonly field: string, messages?: Messages) {
    super(messages ?? { zh: `${field} 已存在`, en: `${field} already exists` });
  }
  override details() {
    return { field: this.field };
  }
}

/** The lifecycle refuses an action: which one, the reason's stable code, and what is allowed now. */
export abstract class ActionRefusedError extends TiaojieError {
  constructor(readonly action: string, readonly reasonCode: string, messages: Messages, readonly allowed: string[]) {
    super(messages);
  }
  override details() {
    return { action: this.action, reason: this.reasonCode, allowedActions: this.allowed };
  }
}

/** The action is not possible in the case's state now (its status, a guard, a deadline). */
export class InvalidTransitionError extends ActionRefusedError {
  readonly code = 'CONFLICT.INVALID_TRANSITION';
}

/**
 * The actor may not run this action on this case: their role never may, or they do not stand to
 * the case as the action asks (not its mediator, adviser, receiver or sending channel).
 */
export class ActionForbiddenError extends ActionRefusedError {
  readonly code = 'FORBIDDEN.ACTION';
}

const UNIQUE_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const UNIQUE_TEXT = /UNIQUE constraint failed|Duplicate entry/;

/**
 * Whether an error is the database refusing a duplicate of a unique index, on SQLite or
 * MySQL/MariaDB, looking through TypeORM's wrapper (`driverError`) and `cause`.
 */
export function isUniqueViolation(err: unknown): boolean {
  let e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (typeof e.code === 'string' && UNIQUE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNIQUE_TEXT.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

/** The database cannot be reached. */
export class UnavailableError extends TiaojieError {
  readonly code = 'UNAVAILABLE';
  constructor() {
    super({ zh: '数据库暂时不可用，请稍后再试', en: 'The database is unavailable; try again shortly' });
  }
}

/**
 * A sign-in token that no longer stands for its user: signed before a change of password, roles,
 * organization or active state (`changed`), or signed out (`signedOut`). The API answers 401.
 */
export class SessionRevokedError extends TiaojieError {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: 'changed' | 'signedOut') {
    super(
      reason === 'changed'
        ? { zh: '账号的密码或权限已变更，请重新登录', en: 'The account’s password or access has changed; sign in again' }
        : { zh: '您已退出登录，请重新登录', en: 'You have signed out; sign in again' },
    );
  }
}
