import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { MediationCase } from '../cases/case.entity';
import { lightCondition } from '../cases/case-query';
import { scopeConditions, seesHandlingSubtree } from '../cases/scope';
import { countedCases, countLightSql } from '../counts/case-counts';
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

  /**
   * The dashboard of the actor's scope. For the desk roles the figures of the handling subtree
   * come from the kept counts (`counts/`) and only the scope's small branches (pending transfers
   * in, cases they work on, handed over, reported) are counted case by case; the new cases per
   * week and channel are an index-only range over the registration instant.
   */
  async dashboard(actor: Actor, weeks = 8): Promise<Dashboard> {
    return this.dashboardFigures(actor, weeks, seesHandlingSubtree(actor));
  }

  /** The dashboard counted case by case over every scope branch (what the kept counts must agree with). */
  scannedDashboard(actor: Actor, weeks = 8): Promise<Dashboard> {
    return this.dashboardFigures(actor, weeks, false);
  }

  private async dashboardFigures(actor: Actor, weeks: number, fromCounts: boolean): Promise<Dashboard> {
    const now = this.clock.now();
    const em = this.ds.manager;
    const starts = Array.from({ length: weeks }, (_, i) => new Date(weekStart(now).getTime() - (weeks - 1 - i) * 7 * DAY_MS));
    if (fromCounts) {
      const [subtree, others, recent] = await Promise.all([
        countedCases(em, { path: actor.orgPath, statuses: OPEN_STATUSES, queueOf: { mediatorId: actor.id, organizationId: actor.organizationId } }, now),
        countByBranch<{ light: Light | 'none'; risky: string | number; sup: unknown; queue: string | number; n: string | number }>(
          em,
          actor,
          (qb) =>
            qb
              .andWhere('c.status IN (:...open)', { open: OPEN_STATUSES })
              .select(countLightSql('c', 'now'), 'light')
              .addSelect(`CASE WHEN c.risk IN ('high', 'critical') THEN 1 ELSE 0 END`, 'risky')
              .addSelect('c.supervised', 'sup')
              .addSelect('CASE WHEN c.mediator_id = :me THEN 1 WHEN c.handling_org_id = :myOrg THEN 2 ELSE 0 END', 'queue')
              .addSelect('COUNT(*)', 'n')
              .setParameters({ now, me: actor.id, myOrg: actor.organizationId })
              .groupBy('light')
              .addGroupBy('risky')
              .addGroupBy('sup')
              .addGroupBy('queue'),
          { from: 1 },
        ),
        this.newByChannel(actor, starts),
      ]);
      const myQueueByLight = { green: 0, yellow: 0, red: 0, none: 0 };
      const figures = { red: 0, yellow: 0, highRisk: 0, supervised: 0 };
      const add = (light: string, risky: boolean, supervised: boolean, n: number) => {
        if (light === 'red') figures.red += n;
        if (light === 'yellow') figures.yellow += n;
        if (risky) figures.highRisk += n;
        if (supervised) figures.supervised += n;
      };
      for (const r of subtree) {
        add(r.light, r.risk === 'high' || r.risk === 'critical', r.supervised, r.n);
        if (r.queue > 0) myQueueByLight[r.light] += r.n;
      }
      for (const r of others) {
        add(r.light, Number(r.risky) === 1, Boolean(Number(r.sup)), Number(r.n));
        if (Number(r.queue) > 0) myQueueByLight[r.light] += Number(r.n);
      }
      return {
        red: figures.red,
        yellow: figures.yellow,
        openSupervisions: figures.supervised,
        highRisk: figures.highRisk,
        myQueue: Object.values(myQueueByLight).reduce((s, n) => s + n, 0),
        myQueueByLight,
        newByChannel: recent,
        at: now.toISOString(),
      };
    }
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
    const [red, yellow, highRisk, supervised, mine, ours, recent] = await Promise.all([
      count(lightCondition('c', 'red', 'now'), { now }),
      count(lightCondition('c', 'yellow', 'now'), { now }),
      count('c.risk IN (:...risky)', { risky: ['high', 'critical'] }),
      count('c.supervised = :yes', { yes: true }),
      // Mine, then my organization's not already mine: two parts, each driven by its own index (an `OR` is served by neither).
      queue('c.mediator_id = :me'),
      queue('c.handling_org_id = :myOrg AND (c.mediator_id IS NULL OR c.mediator_id <> :me)'),
      this.newByChannel(actor, starts),
    ]);
    const myQueueByLight = { green: 0, yellow: 0, red: 0, none: 0 };
    for (const r of [...mine, ...ours]) myQueueByLight[r.light] += Number(r.n);
    return {
      red,
      yellow,
      openSupervisions: supervised,
      highRisk,
      myQueue: Object.values(myQueueByLight).reduce((s, n) => s + n, 0),
      myQueueByLight,
      newByChannel: recent,
      at: now.toISOString(),
    };
  }

  /** New cases in scope per week (from `starts`) and channel. */
  private async newByChannel(actor: Actor, starts: Date[]): Promise<Dashboard['newByChannel']> {
    const weeks = starts.length;
    // Bucket by comparing with the week starts: portable to SQLite, MySQL and TiDB (no date functions).
    const bucket = `CASE ${starts
      .map((_, i) => weeks - 1 - i)
      .map((i) => `WHEN c.registered_at >= :w${i} THEN ${i}`)
      .join(' ')} END`;
    const weekParams = Object.fromEntries(starts.map((s, i) => [`w${i}`, s]));
    const recent = await countByBranch<{ bucket: string | number; channel: Channel; n: string | number }>(this.ds.manager, actor, (qb) =>
      qb
        .andWhere('c.registered_at >= :w0', { w0: starts[0] })
        .select(bucket, 'bucket')
        .addSelect('c.channel', 'channel')
        .addSelect('COUNT(*)', 'n')
        .setParameters(weekParams)
        .groupBy('bucket')
        .addGroupBy('c.channel'),
    );
    const byWeek = new Map<string, { week: string; channel: Channel; count: number }>();
    for (const r of recent) {
      const week = chinaDate(starts[Number(r.bucket)]);
      const k = `${week} ${r.channel}`;
      const entry = byWeek.get(k) ?? byWeek.set(k, { week, channel: r.channel, count: 0 }).get(k)!;
      entry.count += Number(r.n);
    }
    return [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week) || a.channel.localeCompare(b.channel));
  }
}

/**
 * A figure over the actor's scope as a `UNION ALL` of one query per scope branch, each branch
 * excluding the ones before it, so every case counts once and each part can use its own index
 * (the `OR` of the whole scope made MariaDB read every open case of the table for each figure).
 * `build` adds the figure's conditions, select and grouping; the caller adds up the rows.
 * `from` leaves out the branches before it (still excluded from the later ones): the handling
 * subtree, when the kept counts answer for it.
 */
export async function countByBranch<R>(
  em: EntityManager,
  actor: Actor,
  build: (qb: SelectQueryBuilder<MediationCase>) => SelectQueryBuilder<MediationCase>,
  opts: { from?: number } = {},
): Promise<R[]> {
  const { branches, params } = scopeConditions('c', actor);
  // `CASE … = 0`, not `NOT (…)`: a NULL column (no pending transfer, no reporter) must count as "not in that branch".
  const parts = branches.map((branch, i) => {
    const qb = em.getRepository(MediationCase).createQueryBuilder('c').where(branch, params);
    for (const earlier of branches.slice(0, i)) qb.andWhere(`CASE WHEN ${earlier} THEN 1 ELSE 0 END = 0`);
    return build(qb).getQueryAndParameters();
  }).slice(opts.from ?? 0);
  if (!parts.length) return [];
  // Each part is wrapped so its GROUP BY stays its own on every engine; the placeholders are positional (`?`) on SQLite and MySQL.
  const sql = parts.map(([q], i) => `SELECT * FROM (${q}) b${i}`).join(' UNION ALL ');
  return em.query(sql, parts.flatMap(([, p]) => p));
}
