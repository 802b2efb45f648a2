import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { MediationCase } from '../cases/case.entity';
import { lightCondition } from '../cases/case-query';
import { scopeConditions } from '../cases/scope';
import type { Actor } from '../cases/lifecycle';
import { Clock, DAY_MS } from '../shared/clock';
import { chinaDate, chinaWeekStart } from '../shared/china-time';
import { OPEN_STATUSES } from '../shared/vocabulary';
import type { Channel, Light } from '../shared/vocabulary';

/** Monday 00:00 (China time) of the week an instant falls in. */
export const weekStart = chinaWeekStart;

export interface Dashboard {
  /** Open cases in scope by light. */
  red: number;
  yellow: number;
  /** Open cases in scope under supervision. */
  openSupervisions: number;
  /** Open cases in scope at high or critical risk. */
  highRisk: number;
  /** Open cases assigned to me or handled by my organization, by light (`none`: no clock runs). */
  myQueue: number;
  myQueueByLight: Record<Light | 'none', number>;
  /** New cases per channel and week (Monday, China time) over the last `weeks` weeks. */
  newByChannel: Array<{ week: string; channel: Channel; count: number }>;
  at: string;
}

/** Figures for the people who watch the lights. Every figure is computed in the database, within scope. */
export class StatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async dashboard(actor: Actor, weeks = 8): Promise<Dashboard> {
    const now = this.clock.now();
    const em = this.ds.manager;
    const open = (qb: SelectQueryBuilder<MediationCase>) => qb.andWhere('c.status IN (:...open)', { open: OPEN_STATUSES });
    const count = (where: string, params: Record<string, unknown> = {}) =>
      countByBranch<{ n: string | number }>(em, actor, (qb) => open(qb).andWhere(where, params).select('COUNT(*)', 'n')).then((rows) => rows.reduce((s, r) => s + Number(r.n), 0));
    const queue = (mine: string) =>
      countByBranch<{ light: Light | 'none'; n: string | number }>(em, actor, (qb) =>
        open(qb)
          .andWhere(mine, { me: actor.id, myOrg: actor.organizationId })
          .select(`CASE WHEN c.deadline_at IS NULL THEN 'none' WHEN ${lightCondition('c', 'red', 'now')} THEN 'red' WHEN c.yellow_at <= :now THEN 'yellow' ELSE 'green' END`, 'light')
          .addSelect('COUNT(*)', 'n')
          .setParameter('now', now)
          .groupBy('light'),
      );
    const starts = Array.from({ length: weeks }, (_, i) => new Date(weekStart(now).getTime() - (weeks - 1 - i) * 7 * DAY_MS));
    // Bucket by comparing with the week starts: portable to SQLite, MySQL and TiDB (no date functions).
    const bucket = `CASE ${starts
      .map((_, i) => weeks - 1 - i)
      .map((i) => `WHEN c.registered_at >= :w${i} THEN ${i}`)
      .join(' ')} END`;
    const weekParams = Object.fromEntries(starts.map((s, i) => [`w${i}`, s]));

    const [red, yellow, highRisk, supervised, mine, ours, recent] = await Promise.all([
      count(lightCondition('c', 'red', 'now'), { now }),
      count(lightCondition('c', 'yellow', 'now'), { now }),
      count('c.risk IN (:...risky)', { risky: ['high', 'critical'] }),
      count('c.supervised = :yes', { yes: true }),
      // Mine, then my organization's not already mine: two parts, each driven by its own index (an `OR` is served by neither).
      queue('c.mediator_id = :me'),
      queue('c.handling_org_id = :myOrg AND (c.mediator_id IS NULL OR c.mediator_id <> :me)'),
      countByBranch<{ bucket: string | number; channel: Channel; n: string | number }>(em, actor, (qb) =>
        qb
          .andWhere('c.registered_at >= :w0', { w0: starts[0] })
          .select(bucket, 'bucket')
          .addSelect('c.channel', 'channel')
          .addSelect('COUNT(*)', 'n')
          .setParameters(weekParams)
          .groupBy('bucket')
          .addGroupBy('c.channel'),
      ),
    ]);
    const myQueueByLight = { green: 0, yellow: 0, red: 0, none: 0 };
    for (const r of [...mine, ...ours]) myQueueByLight[r.light] += Number(r.n);
    const byWeek = new Map<string, { week: string; channel: Channel; count: number }>();
    for (const r of recent) {
      const week = chinaDate(starts[Number(r.bucket)]);
      const k = `${week} ${r.channel}`;
      const entry = byWeek.get(k) ?? byWeek.set(k, { week, channel: r.channel, count: 0 }).get(k)!;
      entry.count += Number(r.n);
    }
    const newByChannel = [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week) || a.channel.localeCompare(b.channel));
    return {
      red,
      yellow,
      openSupervisions: supervised,
      highRisk,
      myQueue: Object.values(myQueueByLight).reduce((s, n) => s + n, 0),
      myQueueByLight,
      newByChannel,
      at: now.toISOString(),
    };
  }
}

/**
 * A figure over the actor's scope as a `UNION ALL` of one query per scope branch, each branch
 * excluding the ones before it, so every case counts once and each part can use its own index
 * (the `OR` of the whole scope made MariaDB read every open case of the table for each figure).
 * `build` adds the figure's conditions, select and grouping; the caller adds up the rows.
 */
export async function countByBranch<R>(em: EntityManager, actor: Actor, build: (qb: SelectQueryBuilder<MediationCase>) => SelectQueryBuilder<MediationCase>): Promise<R[]> {
  const { branches, params } = scopeConditions('c', actor);
  // `CASE … = 0`, not `NOT (…)`: a NULL column (no pending transfer, no reporter) must count as "not in that branch".
  const parts = branches.map((branch, i) => {
    const qb = em.getRepository(MediationCase).createQueryBuilder('c').where(branch, params);
    for (const earlier of branches.slice(0, i)) qb.andWhere(`CASE WHEN ${earlier} THEN 1 ELSE 0 END = 0`);
    return build(qb).getQueryAndParameters();
  });
  // Each part is wrapped so its GROUP BY stays its own on every engine; the placeholders are positional (`?`) on SQLite and MySQL.
  const sql = parts.map(([q], i) => `SELECT * FROM (${q}) b${i}`).join(' UNION ALL ');
  return em.query(sql, parts.flatMap(([, p]) => p));
}
