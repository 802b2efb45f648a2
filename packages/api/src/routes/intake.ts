/**
 * Channel intake for external systems (court, procuratorate, police, government, petition):
 * authenticated by an API key issued to the channel body, idempotent on the channel's reference.
 */
import type Router from '@koa/router';
import { CHANNELS, registerSchema, type ChannelPrincipal } from '@tiaojie/core';
import Joi from 'joi';
import type { Next } from 'koa';
import type { Ctx, Deps } from '../context';
import { ApiError, notFound } from '../errors';
import type { ApiDoc } from '../openapi';
import { channelCaseOut, pick } from '../presenters';

const badKey = () => new ApiError(401, 'UNAUTHENTICATED', { zh: '接口密钥无效或已吊销', en: 'The API key is unknown or revoked' });
const wrongChannel = () => new ApiError(403, 'FORBIDDEN', { zh: '该接口密钥不属于这个渠道', en: 'This API key does not belong to this channel' });

/** What a channel learns about its case: where it stands and how it ended (never the internal record). */
const outcome = (c: object) => pick(channelCaseOut, c);

export function mountIntake(router: Router, doc: ApiDoc, deps: Deps) {
  const requireKey = async (ctx: Ctx, next: Next) => {
    const key = ctx.get('X-Api-Key');
    if (!key || key.length > 200) throw badKey();
    const principal = await deps.tj.apiKeys.authenticate(key);
    if (!principal) throw badKey();
    if (principal.channel !== (ctx.params as Record<string, string>).channel) throw wrongChannel();
    (ctx.state as unknown as { channel: ChannelPrincipal }).channel = principal;
    await next();
  };

  router.post('/intake/:channel', requireKey, async (ctx: Ctx) => {
    const principal = (ctx.state as unknown as { channel: ChannelPrincipal }).channel;
    const { case: c, created } = await deps.tj.cases.intake(principal, ctx.request.body ?? {});
    ctx.status = created ? 201 : 200;
    ctx.body = outcome(c);
  });
  doc.add({
    method: 'post',
    path: '/intake/:channel',
    tag: 'intake',
    auth: 'apiKey',
    summary: '渠道推送案件 / push a case from a channel system',
    description: `channel: ${CHANNELS.join(', ')} (the key's own). sourceRef is required and identifies the case together with the key's channel body: the same reference again answers 200 with the existing case, also one the desk registered from this body's paper referral; another body's equal reference is a separate case. Both answer the channel's view of the case (as GET /intake/:channel/:sourceRef).`,
    body: registerSchema.keys({ channel: Joi.forbidden(), sourceOrgId: Joi.forbidden() }),
    responses: { 201: { description: '新案件 / new case', schema: channelCaseOut }, 200: { description: '已存在的案件 / the case this reference already registered', schema: channelCaseOut }, 401: '接口密钥无效 / bad API key', 403: '密钥不属于该渠道 / key of another channel' },
  });

  router.get('/intake/:channel/:sourceRef', requireKey, async (ctx: Ctx) => {
    const principal = (ctx.state as unknown as { channel: ChannelPrincipal }).channel;
    const ref = (ctx.params as Record<string, string>).sourceRef;
    const c = ref.length <= 100 ? await deps.tj.cases.findForChannel(principal, ref) : null;
    if (!c) throw notFound('case');
    ctx.body = outcome(c);
  });
  doc.add({
    method: 'get',
    path: '/intake/:channel/:sourceRef',
    tag: 'intake',
    auth: 'apiKey',
    summary: '查询办理结果 / status and outcome of a case this channel sent',
    description: 'Only the channel body that sent the case gets an answer; anyone else gets 404.',
    responses: { 200: { description: 'OK', schema: channelCaseOut } },
  });
}
