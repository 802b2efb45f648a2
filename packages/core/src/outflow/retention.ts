/**
 * Retention of what has flowed out: delivered (and dismissed) webhook deliveries and outbox
 * events older than a configurable age are removed in batches, so the tables do not grow for
 * ever. A pending or dead delivery and the outbox event it needs are kept (a dead letter stays
 * until an admin retries or dismisses it).
 */
import { Brackets, type DataSource } from 'typeorm';
import type { Clock } from '../shared/clock';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

/** How long delivered webhook deliveries and outbox events are kept by default: 90 days. */
export const DEFAULT_OUTFLOW_RETENTION_DAYS = 90;

export interface OutflowRetentionOptions {
  /** Keep rows younger than this many days (default 90; at least 1). */
  retentionDays?: number;
  /** Rows removed per statement (default 500): short statements, short locks. */
  batchSize?: number;
  /** The moment the age is counted from (default the clock's now). */
  now?: Date;
}

/** What one pass removed. */
export interface OutflowPruned {
  deliveries: number;
  events: number;
}

/**
 * Remove old delivered and dismissed deliveries (by their last change), then old outbox events
 * that no delivery refers to any more, in batches of `batchSize`. Safe in several processes at
 * once: each DELETE re-checks its condition, so a row retried meanwhile is kept and a row
 * another process removed first is simply not counted. @throws TypeError on a bad option
 */
export async function pruneOutflow(ds: DataSource, clock: Clock, opts: OutflowRetentionOptions = {}): Promise<OutflowPruned> {
  const days = opts.retentionDays ?? DEFAULT_OUTFLOW_RETENTION_DAYS;
  const batch = opts.batchSize ?? 500;
  if (!(Number.isFinite(days) && days >= 1)) throw new TypeError('pruneOutflow: retentionDays must be at least 1');
  if (!(Number.isInteger(batch) && batch >= 1)) throw new TypeError('pruneOutflow: batchSize must be a positive integer');
  const cutoff = new Date((opts.now ?? clock.now()).getTime() - days * 86_400_000);
  const done = ['delivered', 'dismissed'];
  const out: OutflowPruned = { deliveries: 0, events: 0 };

  for (;;) {
    const ids = (
      await ds
        .getRepository(WebhookDelivery)
        .createQueryBuilder('d')
        .select('d.id', 'id')
        .where('d.state IN (:...done) AND d.updatedAt < :cutoff', { done, cutoff })
        .orderBy('d.id', 'ASC')
        .limit(batch)
        .getRawMany<{ id: number }>()
    ).map((r) => Number(r.id));
    if (!ids.length) break;
    const { affected } = await ds
      .createQueryBuilder()
      .delete()
      .from(WebhookDelivery)
      .where('id IN (:...ids) AND state IN (:...done) AND updated_at < :cutoff', { ids, done, cutoff })
      .execute();
    out.deliveries += affected ?? 0;
    if (ids.length < batch) break;
  }

  // An event is removed only once no delivery needs its body (pending and dead ones keep it).
  const unreferenced = 'NOT EXISTS (SELECT 1 FROM webhook_deliveries wd WHERE wd.outbox_event_id = outbox_events.id)';
  let after = 0;
  for (;;) {
    const ids = (
      await ds
        .getRepository(OutboxEvent)
        .createQueryBuilder('outbox_events')
        .select('outbox_events.id', 'id')
        .where('outbox_events.occurredAt < :cutoff AND outbox_events.id > :after', { cutoff, after })
        .andWhere(new Brackets((qb) => qb.where(unreferenced)))
        .orderBy('outbox_events.id', 'ASC')
        .limit(batch)
        .getRawMany<{ id: number }>()
    ).map((r) => Number(r.id));
    if (!ids.length) break;
    const { affected } = await ds.createQueryBuilder().delete().from(OutboxEvent).where(`id IN (:...ids) AND ${unreferenced}`, { ids }).execute();
    out.events += affected ?? 0;
    if (ids.length < batch) break;
    after = ids[ids.length - 1];
  }
  return out;
}
