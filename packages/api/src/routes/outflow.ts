/**
 * What flows out of the center: webhook subscriptions (admin), their deliveries with the dead
 * letters an admin retries, and each staff member's in-app notifications. Core owns every rule;
 * the dispatcher and the light sweep run beside the server (see main.ts), not per request.
 */
import type Router from '@koa/router';
import { caseOutcomeEventSchema, PARTY_MESSAGE_KINDS, partyMessageSendSchema, partyMessageTemplateSchema, webhookSubscriptionCreateSchema, webhookSubscriptionSchema } from '@tiaojie/core';
import Joi from 'joi';
import type { Ctx, Deps } from '../context';
import type { ApiDoc } from '../openapi';
import * as P from '../presenters';
import { idParam, mountResource, versionField } from '../resources';
import { validate } from '../i18n';

const NO_DELETE_WEBHOOK = { zh: '订阅不能删除，请停用（active = false）', en: 'Subscriptions are not deleted; set active to false' };
const NO_DELETE_DELIVERY = { zh: '推送记录不能删除', en: 'Deliveries are never deleted' };
const NO_DELETE_NOTIFICATION = { zh: '提醒不能删除，可标记为已读', en: 'Notifications are not deleted; mark them read' };

export function mountOutflow(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;
  // What a subscribed system receives: POST <url> with this body (see docs/integration.md).
  doc.schemas.set('CaseOutcomeEvent', caseOutcomeEventSchema);

  mountResource(router, doc, deps, {
    name: 'webhooks',
    tag: 'webhooks',
    title: '事件推送订阅 / webhook subscriptions',
    reads: tj.webhooks,
    presenter: P.plain(P.webhookOut),
    list: tj.webhooks.listSpec,
    create: { roles: tj.webhooks.writeRoles, schema: webhookSubscriptionCreateSchema, run: (actor, body) => tj.webhooks.create(actor, body), presenter: P.plain(P.webhookCreatedOut) },
    update: { roles: tj.webhooks.writeRoles, schema: webhookSubscriptionSchema, run: (actor, id, changes, version) => tj.webhooks.update(actor, id, changes, version) },
    remove: { refuse: NO_DELETE_WEBHOOK },
  });

  router.post('/webhook-deliveries/:id/retry', async (ctx: Ctx) => {
    ctx.body = P.pick(P.webhookDeliveryOut, await tj.webhooks.retry(ctx.state.actor, idParam(ctx)));
  });
  doc.add({
    method: 'post',
    path: '/webhook-deliveries/:id/retry',
    tag: 'webhooks',
    summary: '重新推送 / send a dead delivery again (admin)',
    description: 'Back to pending with a fresh count of attempts; only a dead delivery (409/400 otherwise).',
    responses: { 200: { description: 'OK', schema: P.webhookDeliveryOut } },
  });
  router.post('/webhook-deliveries/:id/dismiss', async (ctx: Ctx) => {
    ctx.body = P.pick(P.webhookDeliveryOut, await tj.webhooks.dismiss(ctx.state.actor, idParam(ctx)));
  });
  doc.add({
    method: 'post',
    path: '/webhook-deliveries/:id/dismiss',
    tag: 'webhooks',
    summary: '撤销死信 / dismiss a dead delivery (admin)',
    description: 'The delivery becomes `dismissed`: never sent again, and removed by retention like a delivered one. Only a dead delivery (400 otherwise).',
    responses: { 200: { description: 'OK', schema: P.webhookDeliveryOut } },
  });
  mountResource(router, doc, deps, {
    name: 'webhook-deliveries',
    tag: 'webhooks',
    title: '推送记录 / webhook deliveries',
    reads: { list: (actor, q) => tj.webhooks.deliveries(actor, q), get: (actor, id) => tj.webhooks.delivery(actor, id) },
    presenter: P.plain(P.webhookDeliveryOut),
    list: tj.webhooks.deliveryListSpec,
    remove: { refuse: NO_DELETE_DELIVERY },
  });

  // Before the resource's `/notifications/:id`, which would take these paths for ids.
  router.get('/notifications/unread-count', async (ctx: Ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = P.pick(P.unreadCountOut, { count: await tj.notifications.unreadCount(ctx.state.actor) });
  });
  doc.add({ method: 'get', path: '/notifications/unread-count', tag: 'notifications', summary: '未读提醒数 / how many of my notifications are unread', responses: { 200: { description: 'OK', schema: P.unreadCountOut } } });
  router.post('/notifications/read-all', async (ctx: Ctx) => {
    ctx.body = P.pick(P.markedReadOut, { marked: await tj.notifications.markRead(ctx.state.actor) });
  });
  doc.add({ method: 'post', path: '/notifications/read-all', tag: 'notifications', summary: '全部标为已读 / mark all my notifications read', responses: { 200: { description: 'How many changed', schema: P.markedReadOut } } });
  router.post('/notifications/:id/read', async (ctx: Ctx) => {
    const id = idParam(ctx);
    await tj.notifications.markRead(ctx.state.actor, id);
    ctx.body = P.pick(P.notificationOut, await tj.notifications.get(ctx.state.actor, id));
  });
  doc.add({ method: 'post', path: '/notifications/:id/read', tag: 'notifications', summary: '标为已读 / mark one of my notifications read', responses: { 200: { description: 'OK', schema: P.notificationOut } } });
  mountResource(router, doc, deps, {
    name: 'notifications',
    tag: 'notifications',
    title: '我的提醒 / my notifications',
    reads: tj.notifications,
    presenter: P.plain(P.notificationOut),
    list: tj.notifications.listSpec,
    remove: { refuse: NO_DELETE_NOTIFICATION },
  });

  // Messages to parties: templates (admin) and sending on a case (recorded on its history).
  router.get('/message-templates', async (ctx: Ctx) => {
    ctx.body = P.pick(P.messageTemplatesOut, await tj.messages.templates());
  });
  doc.add({ method: 'get', path: '/message-templates', tag: 'party messages', summary: '当事人通知模板 / the message templates ({{name}}, {{caseNumber}}, {{org}}, {{time}}, {{place}})', responses: { 200: { description: 'OK', schema: P.messageTemplatesOut } } });
  router.put('/message-templates/:kind', async (ctx: Ctx) => {
    ctx.body = P.pick(P.messageTemplatesOut, await tj.messages.setTemplate(ctx.state.actor, (ctx.params as Record<string, string>).kind, ctx.request.body ?? {}));
  });
  doc.add({ method: 'put', path: '/message-templates/:kind', tag: 'party messages', summary: `修改通知模板 / change a template (admin); kind: ${PARTY_MESSAGE_KINDS.join(', ')}`, body: partyMessageTemplateSchema, responses: { 200: { description: 'Every template', schema: P.messageTemplatesOut } } });

  router.get('/cases/:id/messages', async (ctx: Ctx) => {
    ctx.body = (await tj.messages.ofCase(ctx.state.actor, idParam(ctx))).map((m) => P.pick(P.partyMessageOut, m));
  });
  doc.add({ method: 'get', path: '/cases/:id/messages', tag: 'party messages', summary: '发给当事人的通知 / messages sent to the case’s parties', responses: { 200: { description: 'OK', schema: P.listOf(P.partyMessageOut) } } });
  const sendBody = partyMessageSendSchema.keys({ version: versionField.required() });
  router.post('/cases/:id/messages', async (ctx: Ctx) => {
    const { version, ...input } = validate(sendBody, ctx.request.body ?? {}) as { version: number };
    // core validates `input` again (it is the one that owns the rule); here only for the 400 naming `version`.
    ctx.status = 201;
    ctx.body = (await tj.messages.send(ctx.state.actor, idParam(ctx), input, version)).map((m) => P.pick(P.partyMessageOut, m));
  });
  doc.add({
    method: 'post',
    path: '/cases/:id/messages',
    tag: 'party messages',
    summary: '通知当事人 / send a message to the parties with a phone (admin, clerk, mediator)',
    description: 'Renders the template, records each message on the case’s history (the case’s version goes up by one) and hands it to the gateway; each answers `sent` or `failed`. `template: session` needs `time` and `place`.',
    body: sendBody,
    responses: { 201: { description: 'The messages', schema: P.listOf(P.partyMessageOut) } },
  });
  const retryBody = Joi.object({ version: versionField.required() });
  router.post('/cases/:id/messages/:messageId/retry', async (ctx: Ctx) => {
    const { version } = validate(retryBody, ctx.request.body ?? {}) as { version: number };
    const raw = (ctx.params as Record<string, string>).messageId;
    const messageId = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : 0;
    ctx.body = P.pick(P.partyMessageOut, await tj.messages.retry(ctx.state.actor, idParam(ctx), messageId, version));
  });
  doc.add({
    method: 'post',
    path: '/cases/:id/messages/:messageId/retry',
    tag: 'party messages',
    summary: '重发通知 / send a failed message again (admin, clerk, mediator)',
    description: 'Only a `failed` message (400 naming `state` otherwise); to the party’s current phone; recorded on the case’s history as `retryPartyMessage` (the case’s version goes up by one). Answers the message, `sent` or `failed` again.',
    body: retryBody,
    responses: { 200: { description: 'The message', schema: P.partyMessageOut } },
  });
}
