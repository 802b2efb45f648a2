/** /api/auth: sign in for a token, and who am I. */
import type Router from '@koa/router';
import type { User } from '@tiaojie/core';
import Joi from 'joi';
import { HashGate, LoginLimiter, signToken } from '../auth';
import type { Ctx, Deps } from '../context';
import { unauthenticated } from '../errors';
import { validate } from '../i18n';
import type { ApiDoc } from '../openapi';
import { meOut, pick } from '../presenters';

export const loginSchema = Joi.object({
  username: Joi.string().trim().max(64).required(),
  password: Joi.string().max(200).required(),
});

/** A user as the API shows them (never the password hash, which core does not even select). */
export function presentUser(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    organizationId: u.organizationId,
    phone: u.phone,
    active: u.active,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    version: u.version,
  };
}

/** Public routes (before authentication). */
export function mountLogin(router: Router, doc: ApiDoc, deps: Deps) {
  const { points, durationSeconds, perAddressPoints } = deps.options.loginAttempts;
  const limiter = new LoginLimiter(deps.tj, { points, durationSeconds }, { points: perAddressPoints ?? points * 10, durationSeconds });
  const gate = new HashGate(deps.options.loginConcurrency.hashes, deps.options.loginConcurrency.queue);
  router.post('/auth/login', async (ctx: Ctx) => {
    const { username, password } = validate(loginSchema, ctx.request.body ?? {});
    // The whole check (lookups, hash, counting) holds a gate slot: a flood beyond the gate is refused
    // before it costs a query or a hash.
    const user = await gate.run(async () => {
      // Throttle the account the name resolves to (exact comparison), not the typed string.
      const accountId = await deps.tj.users.accountId(username);
      await limiter.check(accountId, ctx.ip);
      const found = await deps.tj.users.authenticate(username, password);
      if (!found) {
        await limiter.fail(accountId, ctx.ip);
        throw unauthenticated('Wrong user name or password', '用户名或密码错误');
      }
      await limiter.succeed(found.id);
      return found;
    });
    ctx.body = { token: signToken(deps, user), user: presentUser(user) };
  });
  doc.add({
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    auth: 'none',
    summary: '登录 / sign in',
    description: 'Answers `{ token, user }`; send the token as `Authorization: Bearer <token>`. Repeated failures for one account (from any address), or from one address (for any names), are answered 429 with Retry-After; when too many sign-ins are being checked at once, 503 with Retry-After.',
    body: loginSchema,
    responses: { 200: '{ token, user }', 401: '用户名或密码错误 / wrong user name or password', 429: '登录失败次数过多 / too many failed sign-ins', 503: '登录请求过多 / too many sign-ins in progress' },
  });
}

/** Protected routes. */
export function mountMe(router: Router, doc: ApiDoc, deps: Deps) {
  router.get('/auth/me', async (ctx: Ctx) => {
    const actor = ctx.state.actor;
    const { user, organizationName } = await deps.tj.users.me(actor);
    ctx.body = pick(meOut, { ...user, organizationName, villageIds: actor.villageIds ?? [] });
  });
  doc.add({ method: 'get', path: '/auth/me', tag: 'auth', summary: '当前用户 / the signed-in user, with roles and organization', responses: { 200: { description: 'OK', schema: meOut } } });

  // Sign-out revokes this token alone (its id, until it would have expired), so the user's other
  // devices stay signed in; a change of access revokes them all through the token version.
  router.post('/auth/logout', async (ctx: Ctx) => {
    const token = ctx.state.token;
    if (token?.tokenId) await deps.tj.users.revokeSession(ctx.state.actor.id, token.tokenId, token.expiresAt);
    ctx.status = 204;
  });
  doc.add({
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    summary: '退出登录 / sign out',
    description: 'Revokes the token that makes the request: from now on it is answered 401. Other sessions of the user stay valid.',
    responses: { 204: '已退出 / signed out', 401: '未登录或登录已失效 / not signed in' },
  });
}
