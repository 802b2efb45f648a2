import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { Clock, systemClock } from '../shared/clock';
import { OutboxEvent } from './outbox-event.entity';
import { signatureHeader } from './signature';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookService } from './webhook.service';

export interface DispatcherOptions {
  /** This process's name on the leases it takes (default host:pid:random). */
  owner?: string;
  /** Deliveries claimed per pass (sent concurrently; a case's events still go one at a time). */
  batchSize?: number;
  /** Give up on a receiver's answer after this long (default 10 s). */
  timeoutMs?: number;
  /** How long a claim holds (default timeout + 5 s): a process that dies mid-delivery is replaced after it. */
  leaseMs?: number;
  /** Attempts before a delivery is dead (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (default 5 s), up to `maxBackoffMs` (default 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Pause between passes when idle (default 1 s, ±25 % jitter so processes spread out). */
  intervalMs?: number;
  clock?: Clock;
  /** Errors of the loop itself (database down …); deliveries' failures are recorded on the delivery. */
  onError?: (e: unknown) => void;
}

/** What one attempt did, for logs and tests. */
export interface AttemptResult {
  deliveryId: number;
  ok: boolean;
  status: number | null;
  error?: string;
}

const USER_AGENT = 'tiaojie-webhooks/1';

/**
 * Delivers webhook deliveries: claims due ones with a lease (a compare-and-set UPDATE whose
 * affected row count says who won; no `SKIP LOCKED`, so it also runs on TiDB), POSTs the signed
 * body, and records the answer: delivered, retried later with exponential backoff, or dead after
 * `maxAttempts`. Per subscription and case only the oldest undelivered event is due, so events
 * arrive in order. State lives in the database: any number of processes may run one, and a
 * restarted or replacement process carries on. Usable without Koa: `tj.dispatcher().start()`.
 */
export class WebhookDispatcher {
  readonly owner: string;
  private readonly o: Required<Omit<DispatcherOptions, 'owner' | 'clock' | 'onError'>>;
  private readonly clock: Clock;
  private readonly onError: (e: unknown) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly ds: DataSource,
    private readonly webhooks: WebhookService,
    opts: DispatcherOptions = {},
  ) {
    this.owner = (opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`).slice(0, 64);
    const timeoutMs = opts.timeoutMs ?? 10_000;
    this.o = {
      batchSize: opts.batchSize ?? 20,
      timeoutMs,
      leaseMs: opts.leaseMs ?? timeoutMs + 5_000,
      maxAttempts: opts.maxAttempts ?? 8,
      backoffMs: opts.backoffMs ?? 5_000,
      maxBackoffMs: opts.maxBackoffMs ?? 3_600_000,
      intervalMs: opts.intervalMs ?? 1_000,
    };
    if (this.o.leaseMs <= this.o.timeoutMs) throw new TypeError('WebhookDispatcher: leaseMs must exceed timeoutMs');
    this.clock = opts.clock ?? systemClock;
    this.onError = opts.onError ?? ((e) => console.error('tiaojie: webhook dispatcher', e));
  }

  /** The delay before attempt `attempts + 1` after `attempts` failures. */
  backoff(attempts: number): number {
    return Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** Math.max(0, attempts - 1));
  }

  /** Claim the due deliveries this process may send now. */
  private async claim(): Promise<WebhookDelivery[]> {
    const now = this.clock.now();
    const due = await this.ds
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .innerJoin('webhook_subscriptions', 's', 's.id = d.subscription_id AND s.active = :yes', { yes: true })
      .where('d.state = :pending', { pending: 'pending' })
      .andWhere('d.next_attempt_at <= :now', { now })
      .andWhere('(d.lease_until IS NULL OR d.lease_until < :now)')
      // In order per case: an event waits while an older one of its case is still pending for this receiver.
      .andWhere('NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.subscription_id = d.subscription_id AND p.case_id = d.case_id AND p.seq < d.seq AND p.state = :pending)')
      .orderBy('d.next_attempt_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(this.o.batchSize)
      .getRawMany<{ id: number }>();
    const claimed: WebhookDelivery[] = [];
    for (const { id } of due) {
      const leaseUntil = new Date(now.getTime() + this.o.leaseMs);
      const { affected } = await this.ds
        .createQueryBuilder()
        .update(WebhookDelivery)
        .set({ leaseOwner: this.owner, leaseUntil })
        .where('id = :id AND state = :pending AND (lease_until IS NULL OR lease_until < :now)', { id: Number(id), pending: 'pending', now })
        .execute();
      if (affected === 1) claimed.push(await this.ds.getRepository(WebhookDelivery).findOneByOrFail({ id: Number(id) }));
    }
    return claimed;
  }

  /** One pass: claim what is due and attempt each; answers what was attempted. */
  async tick(): Promise<AttemptResult[]> {
    const claimed = await this.claim();
    return Promise.all(claimed.map((d) => this.attempt(d)));
  }

  private async attempt(d: WebhookDelivery): Promise<AttemptResult> {
    const sub = await this.webhooks.secretOf(d.subscriptionId);
    const event = await this.ds.getRepository(OutboxEvent).findOneByOrFail({ id: d.outboxEventId });
    let status: number | null = null;
    let error: string | undefined;
    try {
      if (!sub) throw new Error('subscription removed');
      const t = Math.floor(Date.now() / 1000);
      const res = await fetch(sub.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.o.timeoutMs),
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': USER_AGENT,
          'X-Tiaojie-Event': event.type,
          'X-Tiaojie-Delivery': String(d.id),
          'X-Tiaojie-Signature': signatureHeader(sub.secret, t, event.body),
        },
        body: event.body,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      error = err.name === 'TimeoutError' ? `timeout after ${this.o.timeoutMs} ms` : `${err.cause?.code ?? err.name}: ${err.message}`;
    }
    await this.record(d, status, error);
    return { deliveryId: d.id, ok: !error, status, error };
  }

  private async record(d: WebhookDelivery, status: number | null, error: string | undefined): Promise<void> {
    const now = this.clock.now();
    const attempts = d.attempts + 1;
    const set: Partial<WebhookDelivery> = error
      ? attempts >= this.o.maxAttempts
        ? { state: 'dead', attempts, lastStatus: status, lastError: error.slice(0, 500), leaseOwner: null, leaseUntil: null, updatedAt: now }
        : { attempts, lastStatus: status, lastError: error.slice(0, 500), nextAttemptAt: new Date(now.getTime() + this.backoff(attempts)), leaseOwner: null, leaseUntil: null, updatedAt: now }
      : { state: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now };
    // Only while the lease is ours: had it expired and been taken over, the other process records its own attempt.
    await this.ds
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set(set)
      .where('id = :id AND lease_owner = :owner AND state = :pending', { id: d.id, owner: this.owner, pending: 'pending' })
      .execute();
  }

  /** Run passes until nothing is due (for tests and scripts); answers every attempt made. */
  async drain(maxPasses = 1000): Promise<AttemptResult[]> {
    const all: AttemptResult[] = [];
    for (let i = 0; i < maxPasses; i++) {
      const r = await this.tick();
      if (!r.length) break;
      all.push(...r);
    }
    return all;
  }

  /** Start the loop (idempotent): passes back to back while work is due, then a jittered pause. */
  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.schedule(0);
    return this;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.loop().finally(() => {
        this.running = null;
        this.schedule(this.o.intervalMs * (0.75 + Math.random() * 0.5));
      });
    }, ms);
  }

  private async loop() {
    try {
      while (!this.stopped && (await this.tick()).length) {
        /* more may be due */
      }
    } catch (e) {
      this.onError(e);
    }
  }

  /** Stop the loop and wait for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
