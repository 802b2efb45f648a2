/**
 * Sessions: `POST /api/auth/login` answers a signed token; every protected route reads it from
 * `Authorization: Bearer …` and resolves the user to a core Actor (roles, organization, scope).
 * Failed logins are limited per user name and address (rate-limiter-flexible, in memory).
 */
import jwt from 'jsonwebtoken';
import type { Next } from 'koa';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Ctx, Deps } from './context';
import { ApiError, unauthenticated } from './errors';

const ISSUER = 'tiaojie';

export function signToken(deps: Deps, userId: number): string {
  return jwt.sign({}, deps.options.jwtSecret, {
    algorithm: 'HS256',
    subject: String(userId),
    issuer: ISSUER,
    expiresIn: deps.options.tokenTtlSeconds,
  });
}

/** The user id in a valid token, or null. */
export function verifyToken(deps: Deps, token: string): number | null {
  try {
    const claims = jwt.verify(token, deps.options.jwtSecret, { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
    const id = Number(claims.sub);
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/** Middleware: a valid token of an active user, or 401. Sets `ctx.state.actor`. */
export function authenticate(deps: Deps) {
  return async function requireUser(ctx: Ctx, next: Next) {
    const header = ctx.get('Authorization');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthenticated();
    const userId = verifyToken(deps, m[1]);
    if (!userId) throw unauthenticated('The session is invalid or has expired; sign in again', '登录已失效，请重新登录');
    try {
      ctx.state.actor = await deps.tj.actorFor(userId);
    } catch (e: any) {
      // A deleted or deactivated user holds a token that no longer opens anything.
      if (e?.code === 'NOT_FOUND' || e?.code === 'FORBIDDEN') throw unauthenticated('The account is no longer active', '账号已停用');
      throw e;
    }
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
