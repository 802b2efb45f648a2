import { DataSource } from 'typeorm';
import type { CaseService } from '../cases/case.service';
import { lightCondition } from '../cases/case-query';
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
    private readonly cases: CaseService,
  ) {}

  async dashboard(actor: Actor, weeks = 8): Promise<Dashboard> {
    const now = this.clock.now();
    const em = this.ds.manager;
    const open = () => this.cases.scoped(em, actor).andWhere('c.status IN (:...open)', { open: OPEN_STATUSES });
    const starts = Array.from({ length: weeks }, (_, i) => new Date(weekStart(now).getTime() - (weeks - 1 - i) * 7 * DAY_MS));
    // Bucket by comparing with the week starts: portable to SQLite, MySQL and TiDB (no date functions).
    const bucket = `CASE ${starts
      .map((_, i) => weeks - 1 - i)
      .map((i) => `WHEN c.registered_at >= :w${i} THEN ${i}`)
      .join(' ')} END`;
    const weekParams = Object.fromEntries(starts.map((s, i) => [`w${i}`, s]));

    const [red, yellow, highRisk, supervised, queue, recent] = await Promise.all([
      open().andWhere(lightCondition('c', 'red', 'now'), { now }).getCount(),
      open().andWhere(lightCondition('c', 'yellow', 'now'), { now }).getCount(),
      open().andWhere('c.risk IN (:...risky)', { risky: ['high', 'critical'] }).getCount(),
      open().andWhere('c.supervised = :yes', { yes: true }).getCount(),
      open()
        .andWhere('(c.mediator_id = :me OR c.handling_org_id = :myOrg)', { me: actor.id, myOrg: actor.organizationId })
        .select(`CASE WHEN c.deadline_at IS NULL THEN 'none' WHEN ${lightCondition('c', 'red', 'now')} THEN 'red' WHEN c.yellow_at <= :now THEN 'yellow' ELSE 'green' END`, 'light')
        .addSelect('COUNT(*)', 'n')
        .setParameter('now', now)
        .groupBy('light')
        .getRawMany<{ light: Light | 'none'; n: string | number }>(),
      this.cases
        .scoped(em, actor)
        .andWhere('c.registered_at >= :w0', { w0: starts[0] })
        .select(bucket, 'bucket')
        .addSelect('c.channel', 'channel')
        .addSelect('COUNT(*)', 'n')
        .setParameters(weekParams)
        .groupBy('bucket')
        .addGroupBy('c.channel')
        .getRawMany<{ bucket: string | number; channel: Channel; n: string | number }>(),
    ]);
    const myQueueByLight = { green: 0, yellow: 0, red: 0, none: 0 };
    for (const r of queue) myQueueByLight[r.light] = Number(r.n);
    const newByChannel = recent
      .map((r) => ({ week: chinaDate(starts[Number(r.bucket)]), channel: r.channel, count: Number(r.n) }))
      .sort((a, b) => a.week.localeCompare(b.week) || a.channel.localeCompare(b.channel));
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
