/**
 * /api/cases: list, read, register, edit (the `edit` action with the version), transitions and
 * the actions allowed now. Cases are never deleted: withdraw or archive them.
 */
import type Router from '@koa/router';
import { ACTION_PAYLOADS, CASE_SORT_FIELDS, caseFilterSchema, PERSON_ACTION_NAMES, registerSchema, StaleVersionError } from '@tiaojie/core';
import Joi from 'joi';
import type { Ctx, Deps } from '../../context';
import { methodNotAllowed } from '../../errors';
import { validate } from '../../i18n';
import type { ApiDoc } from '../../openapi';
import { changesOf, idParam, versionField } from '../../resources';
import { parseListQuery, sendPage } from '../../simple-rest';
import * as P from '../../presenters';
import { COMPUTED_CASE_FIELDS, presentCases } from './present';

const version = versionField.required();
const transitionHead = Joi.object({ action: Joi.string().valid(...PERSON_ACTION_NAMES).required(), version }).unknown(true);

/** For the OpenAPI document: one body shape per action. */
const transitionDoc = Joi.alternatives().try(
  ...PERSON_ACTION_NAMES.map((a) => ACTION_PAYLOADS[a].keys({ action: Joi.string().valid(a).required(), version }).label(`transition_${a}`)),
);

/** The case list's sorts and filters (GET /cases and the Excel export of the same list). */
export const caseSpec = {
  sortable: CASE_SORT_FIELDS,
  defaultSort: ['registeredAt', 'DESC'] as ['registeredAt', 'DESC'],
  filter: Object.fromEntries(Object.entries(caseFilterSchema.describe().keys ?? {}).map(([k]) => [k, caseFilterSchema.extract(k)])),
};

const NO_DELETE = {
  zh: '案件及其历史不能删除；请使用“撤回”或“归档”操作',
  en: 'Cases and their history are never deleted; withdraw or archive the case instead',
};

export function mountCases(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;
  const one = async (c: object) => (await presentCases(deps, [c as Record<string, unknown>]))[0];

  router.get('/cases', async (ctx: Ctx) => {
    const { sort, range, filter } = parseListQuery(ctx, caseSpec);
    const { rows, total, capped } = await tj.cases.list(ctx.state.actor, { filter, sort, range });
    sendPage(ctx, 'cases', range, await presentCases(deps, rows), total, capped);
  });
  doc.add({
    method: 'get',
    path: '/cases',
    tag: 'cases',
    summary: '案件列表 / list cases in the caller’s scope',
    description: 'light is computed at query time; organizationId includes the subtree; q searches case number, party names and description; handedOver=true lists the cases your organization handed over (acknowledged by the receiver), which you keep reading to their end.',
    list: { sortable: CASE_SORT_FIELDS, filters: Object.keys(caseSpec.filter) },
    responses: { 200: { description: 'OK', schema: P.listOf(P.caseOut) } },
  });

  router.get('/cases/:id', async (ctx: Ctx) => {
    ctx.body = await one(await tj.cases.getNamed(ctx.state.actor, idParam(ctx)));
  });
  doc.add({ method: 'get', path: '/cases/:id', tag: 'cases', summary: '查看案件 / get a case (404 outside scope)', responses: { 200: { description: 'OK', schema: P.caseOut } } });

  router.post('/cases', async (ctx: Ctx) => {
    const { case: c, created } = await tj.cases.register(ctx.state.actor, ctx.request.body ?? {});
    ctx.status = created ? 201 : 200;
    ctx.body = await one(c);
  });
  doc.add({
    method: 'post',
    path: '/cases',
    tag: 'cases',
    summary: '登记案件 / register a case (walk-in, hotline, grid)',
    description: 'A linked channel (court, procuratorate, police, government, petition) registered at the desk with a sourceRef names the channel body that sent the paper referral (sourceOrgId: an organization of type channel or department of that channel); its own push of the same reference (POST /intake/:channel) then answers this case. A liaison registers for its own body.',
    body: registerSchema,
    responses: { 201: { description: 'Created', schema: P.caseOut }, 200: { description: 'The same channel reference was already registered: the existing case', schema: P.caseOut } },
  });

  router.put('/cases/:id', async (ctx: Ctx) => {
    const actor = ctx.state.actor;
    const id = idParam(ctx);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const expected = validate(Joi.object({ version }).unknown(true), body).version as number;
    const current = await one(await tj.cases.get(actor, id));
    const changes = changesOf(body, current as Record<string, unknown>, ACTION_PAYLOADS.edit, COMPUTED_CASE_FIELDS);
    // Nothing changed: answer the case as it is, without a history event. A stale version still conflicts.
    if (Object.keys(changes).length === 0) {
      const currentVersion = (current as { version: number }).version;
      if (currentVersion !== expected) throw new StaleVersionError(id, expected, currentVersion);
      ctx.body = current;
      return;
    }
    ctx.body = await one(await tj.cases.run(actor, id, 'edit', changes, expected));
  });
  doc.add({
    method: 'put',
    path: '/cases/:id',
    tag: 'cases',
    summary: '修改案情 / edit the facts (the `edit` action)',
    description: 'Send `version` (optimistic locking: a stale one is 409). Only the fields below change; status, case number, version, creator and history are not writable and may only be sent back unchanged.',
    body: ACTION_PAYLOADS.edit.keys({ version }),
    responses: { 200: { description: 'OK', schema: P.caseOut } },
  });

  router.delete('/cases/:id', async () => {
    throw methodNotAllowed(NO_DELETE);
  });
  doc.add({ method: 'delete', path: '/cases/:id', tag: 'cases', summary: '不能删除 / never deleted: withdraw or archive', responses: { 405: NO_DELETE.zh } });

  router.post('/cases/:id/transitions', async (ctx: Ctx) => {
    const id = idParam(ctx);
    const { action, version: expected, ...payload } = validate(transitionHead, ctx.request.body ?? {}) as { action: string; version: number };
    ctx.body = await one(await tj.cases.run(ctx.state.actor, id, action, payload, expected));
  });
  doc.add({
    method: 'post',
    path: '/cases/:id/transitions',
    tag: 'cases',
    summary: '执行流程操作 / run a lifecycle action',
    description: 'Body: `{ action, version, ...payload }`. Answers the updated case. 403 FORBIDDEN.ACTION when your role or relation to the case may not run it, 409 CONFLICT.INVALID_TRANSITION when the case’s state does not allow it (both list the allowed actions); 409 CONFLICT.STALE_VERSION when someone else changed the case.',
    body: transitionDoc,
    responses: { 200: { description: 'The updated case', schema: P.caseOut } },
  });

  router.get('/cases/:id/actions', async (ctx: Ctx) => {
    ctx.body = P.pick(P.actionsOut, { actions: await tj.cases.allowedActions(ctx.state.actor, idParam(ctx)) });
  });
  doc.add({ method: 'get', path: '/cases/:id/actions', tag: 'cases', summary: '当前可执行的操作 / actions the caller may run now', responses: { 200: { description: '{ "actions": ["accept", …] }', schema: P.actionsOut } } });

  router.get('/cases/:id/transfer-targets', async (ctx: Ctx) => {
    ctx.body = (await tj.cases.transferTargets(ctx.state.actor, idParam(ctx))).map((o) => P.pick(P.transferTargetOut, o));
  });
  doc.add({
    method: 'get',
    path: '/cases/:id/transfer-targets',
    tag: 'cases',
    summary: '可移交的组织 / where the caller may transfer the case now',
    description: 'Active organizations other than the handling one with at least one active member who may acknowledge (签收): clerk, admin or mediator. Empty when the caller may not transfer the case. A transfer elsewhere is refused with a field error on toOrganizationId.',
    responses: { 200: { description: 'OK', schema: P.listOf(P.transferTargetOut) } },
  });

  router.get('/cases/:id/history', async (ctx: Ctx) => {
    ctx.body = (await tj.cases.history(ctx.state.actor, idParam(ctx))).map((e) => P.pick(P.caseEventOut, e));
  });
  doc.add({ method: 'get', path: '/cases/:id/history', tag: 'cases', summary: '案件历史 / the case’s history, oldest first', responses: { 200: { description: 'OK', schema: P.listOf(P.caseEventOut) } } });

  router.get('/cases/:id/parties', async (ctx: Ctx) => {
    const reveal = validate(Joi.object({ reveal: Joi.boolean().truthy('1').falsy('0') }), ctx.query).reveal === true;
    const rows = await tj.cases.parties(ctx.state.actor, idParam(ctx), { reveal });
    ctx.body = rows.map((p) => P.pick(reveal ? P.partyRevealedOut : P.partyOut, p));
    if (reveal) ctx.set('Cache-Control', 'no-store');
  });
  doc.add({
    method: 'get',
    path: '/cases/:id/parties',
    tag: 'cases',
    summary: '当事人 / the case’s parties',
    description: 'ID numbers and phones are masked. `reveal=1` shows them in full to admins, clerks and the case’s mediators, and records who saw them.',
    query: { reveal: Joi.boolean() },
    responses: { 200: { description: 'Parties, masked; with reveal=1 PartyRevealed', schema: Joi.alternatives().try(P.listOf(P.partyOut), P.listOf(P.partyRevealedOut)) } },
  });
}
