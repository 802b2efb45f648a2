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

/** The lifecycle refuses the action; says why and what is allowed now. */
export class InvalidTransitionError extends TiaojieError {
  readonly code = 'CONFLICT.INVALID_TRANSITION';
  constructor(readonly action: string, readonly reasonCode: string, messages: Messages, readonly allowed: string[]) {
    super(messages);
  }
  override details() {
    return { action: this.action, reason: this.reasonCode, allowedActions: this.allowed };
  }
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
