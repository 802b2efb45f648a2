import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../cases/case.service';
import { lightCondition } from '../cases/case-query';
import type { Actor } from '../cases/lifecycle';
import { transaction } from '../db/data-source';
import { User } from '../users/user.entity';
import { Clock } from '../shared/clock';
import Joi from 'joi';
import { customFilter, eqFilter, getRow, idValue, listRows, ListQuery, listSpecOf, Page, ReadSpec } from '../shared/listing';
import { NOTIFICATION_KINDS } from './kinds';
import { LightReminder } from './light-reminder.entity';
import { Notification } from './notification.entity';
import { notify } from './outbox';
import { sweepCounts } from '../counts/sweep';

const READ: ReadSpec<Notification> = {
  name: 'notification',
  entity: Notification,
  // Everyone reads their own, and only their own.
  scope: (qb, alias, actor) => qb.andWhere(`${alias}.userId = :me`, { me: actor.id }),
  sortable: ['id', 'createdAt'],
  defaultSort: ['id', 'DESC'],
  filters: {
    kind: eqFilter(Joi.string().valid(...NOTIFICATION_KINDS), '提醒类型'),
    caseId: eqFilter(idValue),
    read: customFilter((qb, alias, value) => qb.andWhere(`${alias}.readAt IS ${value === true || value === 'true' ? 'NOT ' : ''}NULL`), Joi.boolean(), '是否已读'),
  },
};

const LIGHT_TEXT = { yellow: '即将超期（黄灯）', red: '已超期（红灯）' } as const;

/**
 * In-app notifications of staff (lights, transfers to acknowledge, supervision orders,
 * invitations): each user reads and marks their own. The light sweep raises light reminders.
 */
export class NotificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The list's sorts and filters (the API checks a query against them before calling `list`). */
  readonly listSpec = listSpecOf(READ);

  list(actor: Actor, query?: ListQuery): Promise<Page<Notification>> {
    return listRows(this.ds.manager, READ, actor, query);
  }

  /** @throws NotFoundError (also someone else's) */
  get(actor: Actor, id: number): Promise<Notification> {
    return getRow(this.ds.manager, READ, actor, id);
  }

  /** How many of the actor's notifications are unread. */
  unreadCount(actor: Actor): Promise<number> {
    return this.ds.getRepository(Notification).createQueryBuilder('n').where('n.userId = :me AND n.readAt IS NULL', { me: actor.id }).getCount();
  }

  /** Mark one (or, without an id, all) of the actor's notifications read; answers how many changed. @throws NotFoundError (not the actor's) */
  async markRead(actor: Actor, id?: number): Promise<number> {
    if (id !== undefined) await this.get(actor, id);
    const qb = this.ds
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: this.clock.now() })
      .where('user_id = :me AND read_at IS NULL', { me: actor.id });
    if (id !== undefined) qb.andWhere('id = :id', { id });
    return (await qb.execute()).affected ?? 0;
  }

  /**
   * Raise a reminder for each open case whose light turned yellow or red and was not reminded
   * of for that light and deadline yet: to its mediator, or the handling organization's desk.
   * Idempotent (a unique row per case × light × deadline) and safe in several processes at
   * once: whoever inserts the row first notifies, the others skip. Batched by case id.
   * Answers how many reminders this call raised.
   */
  async sweepLights(opts: { batchSize?: number; now?: Date } = {}): Promise<number> {
    const now = opts.now ?? this.clock.now();
    const batch = opts.batchSize ?? 200;
    // The lights the clock changed move in the kept counts too (list totals, the dashboard).
    await sweepCounts(this.ds, now);
    let raised = 0;
    for (const light of ['red', 'yellow'] as const) {
      let after = 0;
      for (;;) {
        const rows = await this.ds
          .createQueryBuilder()
          .select(['c.id AS id', 'c.case_number AS caseNumber', 'c.title AS title', 'c.mediator_id AS mediatorId', 'c.handling_org_id AS orgId', 'c.deadline_at AS deadlineAt'])
          .from('cases', 'c')
          .leftJoin('light_reminders', 'r', 'r.case_id = c.id AND r.light = :light AND r.deadline_at = c.deadline_at', { light })
          .where('r.id IS NULL AND c.deadline_at IS NOT NULL AND c.id > :after', { after })
          .andWhere(lightCondition('c', light, 'now'), { now })
          .orderBy('c.id', 'ASC')
          .limit(batch)
          .getRawMany<{ id: number; caseNumber: string; title: string; mediatorId: number | null; orgId: number; deadlineAt: Date | string }>();
        for (const c of rows) {
          if (await this.remind(light, c, now)) raised++;
          // On SQLite every statement runs on this thread and a transaction never waits for I/O:
          // without a turn of the event loop here, a first sweep of thousands of reminders would
          // hold every request until it ends.
          await nextTurn();
        }
        if (rows.length < batch) break;
        after = Number(rows[rows.length - 1].id);
      }
    }
    return raised;
  }

  private async remind(light: 'yellow' | 'red', c: { id: number; caseNumber: string; title: string; mediatorId: number | null; orgId: number; deadlineAt: Date | string }, now: Date): Promise<boolean> {
    const deadlineAt = toDate(c.deadlineAt);
    try {
      await transaction(this.ds, async (em) => {
        await em.getRepository(LightReminder).insert({ caseId: Number(c.id), light, deadlineAt, raisedAt: now });
        let to = c.mediatorId ? [Number(c.mediatorId)] : [];
        if (!to.length) {
          const users = await em.getRepository(User).find({ where: { organizationId: Number(c.orgId), active: true }, select: { id: true, roles: true } });
          to = users.filter((u) => u.roles.includes('clerk')).map((u) => u.id);
        }
        await notify(em, to, { kind: light === 'red' ? 'light_red' : 'light_yellow', caseId: Number(c.id), message: `案件${c.caseNumber}（${c.title}）${LIGHT_TEXT[light]}`, key: `light:${c.id}:${light}:${deadlineAt.getTime()}`, at: now });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false; // another process raised it first
      throw e;
    }
  }
}

/** Let the event loop run what waits (requests, timers) before going on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A raw datetime: a Date from mysql2 (timezone Z), text 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) from SQLite. */
function toDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  return new Date(v.includes('T') ? v : `${v.replace(' ', 'T')}Z`);
}


/**
 * Runs `lapse` when given (`tj.cases.lapseOverdue`: overdue cases of a category whose rule says so
 * fail, 医疗纠纷预防和处理条例 第38条), then `sweepLights`, every `intervalMs` (±25 % jitter) until
 * stopped, then `prune` when given
 * (the outbox's retention, `tj.pruneOutflow`): one per API process is fine, several at once
 * raise each reminder once and remove each old row once.
 */
export class LightSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly notifications: NotificationService,
    private readonly opts: { intervalMs?: number; onError?: (e: unknown) => void; prune?: () => Promise<unknown>; lapse?: () => Promise<unknown> } = {},
  ) {}

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.schedule(Math.random() * (this.opts.intervalMs ?? 60_000) * 0.25);
    return this;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // A case that lapses is failed before the lights are looked at: it gets no red reminder.
      // A failing lapse is reported and does not hold up the lights.
      const report = this.opts.onError ?? ((x: unknown) => console.error('tiaojie: light sweep', x));
      this.running = Promise.resolve()
        .then(() => this.opts.lapse?.())
        .catch(report)
        .then(() => this.notifications.sweepLights())
        .then(() => this.opts.prune?.())
        .catch((e) => (this.opts.onError ?? ((x) => console.error('tiaojie: light sweep', x)))(e))
        .finally(() => {
          this.running = null;
          this.schedule((this.opts.intervalMs ?? 60_000) * (0.75 + Math.random() * 0.5));
        });
    }, ms);
  }

  /** Stop and wait for a sweep in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
