/**
 * Sessions: `POST /api/auth/login` answers a signed token; every protected route reads it from
 * `Authorization: Bearer …` and resolves the user to a core Actor (roles, organization, scope),
 * refusing a token signed before the user's last change of access or signed out.
 * Failed logins are limited per user name and address (rate-limiter-flexible, in memory).
 */
import { randomUUID } from 'node:crypto';
import { SessionRevokedError } from '@tiaojie/core';
import jwt from 'jsonwebtoken';
import type { Next } from 'koa';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Ctx, Deps } from './context';
import { ApiError, unauthenticated } from './errors';

const ISSUER = 'tiaojie';

/**
 * A session token for a user: subject the user id, `tv` the user's token version (a change of
 * password, roles, organization or active state bumps it and so revokes earlier tokens), `jti` a
 * random id that `POST /api/auth/logout` can revoke alone.
 */
export function signToken(deps: Deps, user: { id: number; tokenVersion: number }): string {
  return jwt.sign({ tv: user.tokenVersion }, deps.options.jwtSecret, {
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
    const claims = jwt.verify(token, deps.options.jwtSecret, { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
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
    } catch (e: any) {
      // A deleted or deactivated user holds a token that no longer opens anything.
      if (e?.code === 'NOT_FOUND' || e?.code === 'FORBIDDEN') throw unauthenticated('The account is no longer active', '账号已停用');
      // Signed before a change of access, or signed out: core's message says which.
      if (e instanceof SessionRevokedError) throw unauthenticated(e.messages.en, e.messages.zh);
      throw e;
    }
    ctx.state.token = claims;
    await next();
  };
}

/** Failed-login limiter keyed by user name and address. */
export class LoginLimiter {
  private readonly limiter: RateLimiterMemory;
  constructor(points: number, durationSeconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix: 'login' });
  }
  private key(username: string, ip: string) {
    return `${username.toLowerCase()}|${ip}`;
  }
  /** @throws ApiError(429) while this user name from this address is blocked. */
  async check(username: string, ip: string) {
    const res = await this.limiter.get(this.key(username, ip));
    if (res && res.remainingPoints <= 0) throw tooMany(res.msBeforeNext);
  }
  async fail(username: string, ip: string) {
    try {
      await this.limiter.consume(this.key(username, ip));
    } catch (res: any) {
      if (typeof res?.msBeforeNext === 'number') throw tooMany(res.msBeforeNext);
      throw res;
    }
  }
  async succeed(username: string, ip: string) {
    await this.limiter.delete(this.key(username, ip));
  }
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
