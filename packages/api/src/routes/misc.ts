/** Health, one person's cases (一人一档), and the dashboard figures. */
import type Router from '@koa/router';
import { MediationCase, OPEN_STATUSES, scopeCases, SupervisionOrder, type Actor } from '@tiaojie/core';
import type { Ctx, Deps } from '../context';
import { ApiError } from '../errors';
import type { ApiDoc } from '../openapi';
import { sendPage } from '../simple-rest';
import { presentCases } from './cases/present';

const DAY = 86_400_000;
const CHINA = 8 * 3600_000;
const WEEKS = 8;

export function mountHealth(router: Router, doc: ApiDoc, deps: Deps) {
  router.get('/health', async (ctx: Ctx) => {
    try {
      await deps.tj.dataSource.query('SELECT 1');
    } catch (e) {
      deps.log.warn({ reason: (e as Error).message }, 'health: database unreachable');
      throw new ApiError(503, 'UNAVAILABLE', { zh: '数据库暂时不可用', en: 'The database is unavailable' }, { database: 'down' });
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok', database: 'ok', engine: deps.tj.engine };
  });
  doc.add({ method: 'get', path: '/health', tag: 'system', auth: 'none', summary: '健康检查 / health (checks the database)', responses: { 200: '{ status: "ok" }', 503: '数据库不可用 / database down' } });
}

/** Monday (China time) of the week an instant falls in, as YYYY-MM-DD. */
export function weekOf(at: Date): string {
  const local = new Date(at.getTime() + CHINA);
  const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

export function mountPersonsAndStats(router: Router, doc: ApiDoc, deps: Deps) {
  const { tj } = deps;

  router.get('/persons/:idNumber/cases', async (ctx: Ctx) => {
    const rows = await tj.cases.personCases(ctx.state.actor, (ctx.params as Record<string, string>).idNumber.slice(0, 18));
    sendPage(ctx, 'cases', [0, Math.max(rows.length, 1) - 1], await presentCases(deps, rows), rows.length);
  });
  doc.add({ method: 'get', path: '/persons/:idNumber/cases', tag: 'cases', summary: '一人一档 / one person’s cases across channels, by ID card number (in the caller’s scope)' });

  const count = async (actor: Actor, filter: Record<string, unknown>) => (await tj.cases.list(actor, { filter, range: [0, 0] })).total;

  router.get('/stats/dashboard', async (ctx: Ctx) => {
    const actor = ctx.state.actor;
    const now = tj.clock.now();
    const open = { status: [...OPEN_STATUSES] };
    const ds = tj.dataSource;
    const mine = (qb: ReturnType<typeof scoped>) =>
      qb.andWhere('(c.mediator_id = :me OR c.handling_org_id = :myOrg)', { me: actor.id, myOrg: actor.organizationId }).andWhere('c.status IN (:...open)', { open: OPEN_STATUSES });
    const scoped = () => scopeCases(ds.getRepository(MediationCase).createQueryBuilder('c'), 'c', actor);
    const since = new Date(new Date(`${weekOf(new Date(now.getTime() - (WEEKS - 1) * 7 * DAY))}T00:00:00+08:00`).getTime());

    const [red, yellow, highRisk, openSupervisions, queue, recent] = await Promise.all([
      count(actor, { ...open, light: 'red' }),
      count(actor, { ...open, light: 'yellow' }),
      count(actor, { ...open, risk: ['high', 'critical'] }),
      scoped().innerJoin(SupervisionOrder, 'so', "so.case_id = c.id AND so.state = 'open'").getCount(),
      mine(scoped())
        .select('CASE WHEN c.deadline_at IS NULL THEN \'none\' WHEN c.deadline_at < :now THEN \'red\' WHEN c.yellow_at <= :now THEN \'yellow\' ELSE \'green\' END', 'light')
        .addSelect('COUNT(*)', 'n')
        .setParameter('now', now)
        .groupBy('light')
        .getRawMany<{ light: string; n: string | number }>(),
      scoped()
        .select('c.channel', 'channel')
        .addSelect('c.registered_at', 'at')
        .andWhere('c.registered_at >= :since', { since })
        .limit(200_000)
        .getRawMany<{ channel: string; at: string | Date }>(),
    ]);
    const byLight = { green: 0, yellow: 0, red: 0, none: 0 } as Record<string, number>;
    for (const r of queue) byLight[r.light] = Number(r.n);
    const buckets = new Map<string, number>();
    for (const r of recent) {
      const at = r.at instanceof Date ? r.at : new Date(/Z|[+-]\d\d:?\d\d$/.test(r.at) ? r.at : `${r.at.replace(' ', 'T')}Z`);
      const key = `${weekOf(at)}|${r.channel}`;
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
    const newByChannel = [...buckets.entries()]
      .map(([k, n]) => ({ week: k.split('|')[0], channel: k.split('|')[1], count: n }))
      .sort((a, b) => a.week.localeCompare(b.week) || a.channel.localeCompare(b.channel));
    ctx.body = {
      red,
      yellow,
      openSupervisions,
      highRisk,
      myQueue: byLight.green + byLight.yellow + byLight.red + byLight.none,
      myQueueByLight: byLight,
      newByChannel,
      at: now.toISOString(),
    };
  });
  doc.add({
    method: 'get',
    path: '/stats/dashboard',
    tag: 'stats',
    summary: '工作台数据 / dashboard figures in the caller’s scope',
    description:
      '{ red, yellow (open cases by light), openSupervisions, highRisk (open high/critical), myQueue (open cases assigned to me or handled by my organization), myQueueByLight, newByChannel: [{ week: Monday YYYY-MM-DD (China time), channel, count }] over the last 8 weeks }',
  });
}
