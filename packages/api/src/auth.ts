/**
 * Sessions: `POST /api/auth/login` answers a signed token; every protected route reads it from
 * `Authorization: Bearer …` and resolves the user to a core Actor (roles, organization, scope),
 * refusing a token signed before the user's last change of access or signed out.
 * Failed sign-ins are limited per account and per address (in the database), and password hashes
 * in flight are bounded (HashGate).
 */
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { SessionRevokedError, TiaojieError } from '@tiaojie/core';
import jwt from 'jsonwebtoken';
import type { ThrottleLimit, Tiaojie } from '@tiaojie/core';
import type { Next } from 'koa';
import type { Ctx, Deps } from './context';
import { ApiError, unauthenticated } from './errors';

const ISSUER = 'tiaojie';

/**
 * The HS256 secret as a key object, made once per secret. Given a string, jsonwebtoken first tries
 * to parse it as a PEM public key on every verify and builds the secret key when that throws: in a
 * profile of `GET /api/cases/:id` under load, 13.5% of the API's CPU time.
 */
const KEYS = new Map<string, KeyObject>();
function keyOf(deps: Deps): KeyObject {
  const secret = deps.options.jwtSecret;
  let key = KEYS.get(secret);
  if (!key) KEYS.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

/**
 * A session token for a user: subject the user id, `tv` the user's token version (a change of
 * password, roles, organization or active state bumps it and so revokes earlier tokens), `jti` a
 * random id that `POST /api/auth/logout` can revoke alone.
 */
export function signToken(deps: Deps, user: { id: number; tokenVersion: number }): string {
  return jwt.sign({ tv: user.tokenVersion }, keyOf(deps), {
    algorithm: 'HS256',
    subject: String(user.id),
    issuer: ISSUER,
    jwtid: randomUUID(),
    expiresIn: deps.options.tokenTtlSeconds,
  });
}

/** What a valid token says: whose it is, its version and id, and when it expires. */
export interface TokenClaims {
  userId: number;
  tokenVersion: number;
  tokenId: string | null;
  expiresAt: Date;
}

/** The claims of a validly signed, unexpired token, or null. Revocation is checked by `authenticate`. */
export function verifyToken(deps: Deps, token: string): TokenClaims | null {
  try {
    const claims = jwt.verify(token, keyOf(deps), { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || id < 1 || typeof claims.exp !== 'number') return null;
    // A token from before token versions carries none: as old as can be.
    const tokenVersion = Number.isSafeInteger(claims.tv) ? (claims.tv as number) : 0;
    return { userId: id, tokenVersion, tokenId: typeof claims.jti === 'string' ? claims.jti : null, expiresAt: new Date(claims.exp * 1000) };
  } catch {
    return null;
  }
}

/**
 * Middleware: a valid, unrevoked token of an active user, or 401. Sets `ctx.state.actor` and
 * `ctx.state.token` (for sign-out).
 */
export function authenticate(deps: Deps) {
  return async function requireUser(ctx: Ctx, next: Next) {
    const header = ctx.get('Authorization');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthenticated();
    const claims = verifyToken(deps, m[1]);
    if (!claims) throw unauthenticated('The session is invalid or has expired; sign in again', '登录已失效，请重新登录');
    try {
      ctx.state.actor = await deps.tj.actorFor(claims.userId, { tokenVersion: claims.tokenVersion, tokenId: claims.tokenId ?? undefined });
    } catch (e) {
      // A deleted or deactivated user holds a token that no longer opens anything.
      if (e instanceof TiaojieError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) throw unauthenticated('The account is no longer active', '账号已停用');
      // Signed before a change of access, or signed out: core's message says which.
      if (e instanceof SessionRevokedError) throw unauthenticated(e.messages.en, e.messages.zh);
      throw e;
    }
    ctx.state.token = claims;
    await next();
  };
}

/**
 * Failed sign-ins limited per *resolved account* (the account the name names exactly, whatever
 * address tries it) and per client address (whatever names it tries). Counts live in the database
 * (core's LoginThrottleService), so several API processes share them. Names that resolve to no
 * account are limited by their address only and leave no rows behind.
 */
export class LoginLimiter {
  constructor(
    private readonly tj: Tiaojie,
    private readonly perAccount: ThrottleLimit,
    private readonly perAddress: ThrottleLimit,
  ) {}

  /** @throws ApiError(429) while the address, or the account when there is one, is blocked. */
  async check(accountId: number | null, ip: string) {
    const waits = await Promise.all([
      this.tj.loginThrottle.blockedFor(`address:${ip}`, this.perAddress),
      accountId ? this.tj.loginThrottle.blockedFor(`account:${accountId}`, this.perAccount) : 0,
    ]);
    const ms = Math.max(...waits);
    if (ms > 0) throw tooMany(ms);
  }

  async fail(accountId: number | null, ip: string) {
    await this.tj.loginThrottle.fail(`address:${ip}`, this.perAddress);
    if (accountId) await this.tj.loginThrottle.fail(`account:${accountId}`, this.perAccount);
  }

  /** A correct password clears the account's failures (not the address's: one good account must not unlock guessing at others). */
  async succeed(accountId: number) {
    await this.tj.loginThrottle.reset(`account:${accountId}`, this.perAccount);
  }
}

/**
 * A bound on password hashes in flight. Hashing is deliberately slow (argon2); a flood of sign-ins
 * would otherwise fill the thread pool and slow every other request to seconds. At most
 * `concurrency` run at once, at most `queue` wait (each no longer than `maxWaitMs`); any more are
 * refused at once with 503 and Retry-After.
 */
export class HashGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency = 4,
    readonly queue = 32,
    readonly maxWaitMs = 3000,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queue) return Promise.reject(busy());
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        clearTimeout(timer);
        resolve(); // the slot passes from the releaser to us: running stays the same
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(busy());
      }, this.maxWaitMs);
      this.waiting.push(go);
    });
  }

  private release() {
    const next = this.waiting.shift();
    // Hand the slot over on the next turn of the event loop, not in a microtask: otherwise queued
    // hashes run back to back and requests waiting for I/O (a health check) wait for all of them.
    if (next) setImmediate(next);
    else this.running--;
  }
}

function busy() {
  return new ApiError(503, 'BUSY', { zh: '登录请求过多，请稍后再试', en: 'Too many sign-ins in progress; try again shortly' }, { retryAfterSeconds: 2 });
}

function tooMany(ms: number) {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new ApiError(
    429,
    'RATE_LIMITED',
    { zh: `登录失败次数过多，请 ${seconds} 秒后再试`, en: `Too many failed sign-ins; try again in ${seconds} s` },
    { retryAfterSeconds: seconds },
  );
}
