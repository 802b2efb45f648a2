/** Early warnings for leaders and their class cases (预警, 类案), and the class thresholds. */
import type Router from '@koa/router';
import { thresholdSchema, warningActionSchema, WARNING_KINDS, WARNING_STATES } from '@tiaojie/core';
import Joi from 'joi';
import type { Ctx, Deps } from '../context';
import { validate } from '../i18n';
import type { ApiDoc } from '../openapi';
import { classAssignOut, classSuperviseOut, listOf, thresholdOut, warningDetailOut, warningOut } from '../presenters';
import { idParam } from '../resources';
import { parseListQuery, sendPage } from '../simple-rest';

const strip = (schema: Joi.ObjectSchema, v: unknown) => schema.validate(v, { stripUnknown: true }).value;
const pick = (schema: Joi.ObjectSchema) => (v: unknown) => strip(schema, JSON.parse(JSON.stringify(v)));

export function mountWarnings(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;
  const spec = { sortable: ['updatedAt'], defaultSort: ['updatedAt', 'DESC'] as ['updatedAt', 'DESC'], filter: { state: Joi.string().valid(...WARNING_STATES), kind: Joi.string().valid(...WARNING_KINDS) } };

  router.get('/warnings', async (ctx: Ctx) => {
    const { range, filter } = parseListQuery(ctx, spec);
    const { rows, total } = await tj.warnings.list(ctx.state.actor, filter as never, range);
    sendPage(ctx, 'warnings', range, rows.map(pick(warningOut)), total);
  });
  doc.add({ method: 'get', path: '/warnings', tag: 'warnings', summary: '预警列表 / early warnings in the caller’s subtree (admin, leader)', list: { sortable: spec.sortable, filters: Object.keys(spec.filter) }, responses: { 200: { description: 'OK', schema: listOf(warningOut) } } });

  router.get('/warnings/:id', async (ctx: Ctx) => {
    ctx.body = pick(warningDetailOut)(await tj.warnings.get(ctx.state.actor, idParam(ctx)));
  });
  doc.add({ method: 'get', path: '/warnings/:id', tag: 'warnings', summary: '查看预警 / a warning, its cases and its history', responses: { 200: { description: 'OK', schema: warningDetailOut } } });

  router.post('/warnings/:id/actions', async (ctx: Ctx) => {
    ctx.body = pick(warningDetailOut)(await tj.warnings.act(ctx.state.actor, idParam(ctx), ctx.request.body ?? {}));
  });
  doc.add({ method: 'post', path: '/warnings/:id/actions', tag: 'warnings', summary: '处置预警 / take, handle or dismiss (with a reason) a warning', body: warningActionSchema, responses: { 200: { description: 'OK', schema: warningDetailOut }, 409: 'not open, or a stale version' } });

  router.post('/warnings/:id/assign', async (ctx: Ctx) => {
    const { mediatorId } = validate(Joi.object({ mediatorId: Joi.number().integer().min(1).required() }), ctx.request.body ?? {}) as { mediatorId: number };
    ctx.body = pick(classAssignOut)(await tj.warnings.assignClass(ctx.state.actor, idParam(ctx), mediatorId));
  });
  doc.add({ method: 'post', path: '/warnings/:id/assign', tag: 'warnings', summary: '类案统一分派 / assign the accepted cases of a class to one mediator', body: Joi.object({ mediatorId: Joi.number().integer().min(1).required() }), responses: { 200: { description: 'OK', schema: classAssignOut } } });

  const superviseSchema = Joi.object({ instructions: Joi.string().trim().min(2).max(500).required(), deadlineDays: Joi.number().integer().min(1).max(90).required() });
  router.post('/warnings/:id/supervise', async (ctx: Ctx) => {
    const body = validate(superviseSchema, ctx.request.body ?? {}) as { instructions: string; deadlineDays: number };
    ctx.body = pick(classSuperviseOut)(await tj.warnings.superviseClass(ctx.state.actor, idParam(ctx), body));
  });
  doc.add({ method: 'post', path: '/warnings/:id/supervise', tag: 'warnings', summary: '类案督办 / one supervision order over every case of a class', body: superviseSchema, responses: { 200: { description: 'OK', schema: classSuperviseOut } } });

  router.get('/class-thresholds', async (ctx: Ctx) => {
    const rows = (await tj.warnings.thresholds(ctx.state.actor)).map(pick(thresholdOut));
    sendPage(ctx, 'class-thresholds', [0, Math.max(rows.length, 1) - 1], rows, rows.length);
  });
  doc.add({ method: 'get', path: '/class-thresholds', tag: 'warnings', summary: '类案阈值 / class thresholds per category (null: default)', responses: { 200: { description: 'OK', schema: listOf(thresholdOut) } } });

  router.put('/class-thresholds', async (ctx: Ctx) => {
    ctx.body = pick(thresholdOut)(await tj.warnings.setThreshold(ctx.state.actor, ctx.request.body ?? {}));
  });
  doc.add({ method: 'put', path: '/class-thresholds', tag: 'warnings', summary: '设置类案阈值 / set a category’s class threshold (admin)', body: thresholdSchema, responses: { 200: { description: 'OK', schema: thresholdOut } } });
}
