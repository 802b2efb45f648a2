/** Health, one person's cases (一人一档), and the dashboard figures. */
import type Router from '@koa/router';
import type { Ctx, Deps } from '../context';
import { ApiError } from '../errors';
import type { ApiDoc } from '../openapi';
import { sendPage } from '../simple-rest';
import { dashboardOut, healthOut, listOf, caseOut, pick } from '../presenters';
import { presentCases } from './cases/present';


export function mountHealth(router: Router, doc: ApiDoc, deps: Deps) {
  router.get('/health', async (ctx: Ctx) => {
    try {
      await deps.tj.ping();
    } catch (e) {
      deps.log.warn({ reason: ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message }, 'health: database unreachable');
      throw new ApiError(503, 'UNAVAILABLE', { zh: '数据库暂时不可用', en: 'The database is unavailable' }, { database: 'down' });
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = pick(healthOut, { status: 'ok', database: 'ok', engine: deps.tj.engine });
  });
  doc.add({ method: 'get', path: '/health', tag: 'system', auth: 'none', summary: '健康检查 / health (checks the database)', responses: { 200: { description: '{ status: "ok" }', schema: healthOut }, 503: '数据库不可用 / database down' } });
}

export function mountPersonsAndStats(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;

  router.get('/persons/:idNumber/cases', async (ctx: Ctx) => {
    const rows = await tj.cases.personCases(ctx.state.actor, (ctx.params as Record<string, string>).idNumber.slice(0, 18));
    sendPage(ctx, 'cases', [0, Math.max(rows.length, 1) - 1], await presentCases(deps, rows), rows.length);
  });
  doc.add({ method: 'get', path: '/persons/:idNumber/cases', tag: 'cases', summary: '一人一档 / one person’s cases across channels, by ID card number (in the caller’s scope)', responses: { 200: { description: 'OK', schema: listOf(caseOut) } } });

  router.get('/stats/dashboard', async (ctx: Ctx) => {
    const d = await tj.stats.dashboard(ctx.state.actor);
    ctx.body = pick(dashboardOut, { ...d, myQueueByLight: pick(dashboardOut.extract('myQueueByLight') as never, d.myQueueByLight) });
  });
  doc.add({
    method: 'get',
    path: '/stats/dashboard',
    tag: 'stats',
    summary: '工作台数据 / dashboard figures in the caller’s scope',
    description:
      '{ red, yellow (open cases by light), openSupervisions, highRisk (open high/critical), myQueue (open cases assigned to me or handled by my organization), myQueueByLight, newByChannel: [{ week: Monday YYYY-MM-DD (China time), channel, count }] over the last 8 weeks }',
    responses: { 200: { description: 'OK', schema: dashboardOut } },
  });
}
