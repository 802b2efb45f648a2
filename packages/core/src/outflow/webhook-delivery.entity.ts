import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';

/**
 * `pending` until delivered; `dead` after the configured attempts (an admin may retry it, or
 * dismiss it: `dismissed`, after which retention removes it like a delivered one).
 */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'dismissed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One event for one subscription. Written with the event (same transaction); a dispatcher claims
 * it with a lease (`leaseOwner`, `leaseUntil`), so several processes share the work without
 * `SKIP LOCKED`. Per subscription and case, a delivery waits until the one before it (by `seq`)
 * is delivered or dead.
 */
@Entity('webhook_deliveries')
@Index('ux_delivery_sub_event', ['subscriptionId', 'outboxEventId'], { unique: true })
@Index('ix_delivery_due', ['state', 'nextAttemptAt'])
@Index('ix_delivery_order', ['subscriptionId', 'caseId', 'seq'])
@Index('ix_delivery_state_updated', ['state', 'updatedAt'])
@Index('ix_delivery_outbox_event', ['outboxEventId'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() subscriptionId: number;
  @IntColumn() outboxEventId: number;
  @IntColumn() caseId: number;
  @IntColumn() seq: number;
  @StrColumn(40) eventType: string;
  @StrColumn(10) state: DeliveryState;
  @IntColumn({ default: 0 }) attempts: number;
  @TimeColumn() nextAttemptAt: Date;
  @StrColumn(64, { nullable: true }) leaseOwner: string | null;
  @TimeColumn({ nullable: true }) leaseUntil: Date | null;
  /** HTTP status of the last attempt (null: no answer). */
  @IntColumn({ nullable: true }) lastStatus: number | null;
  @StrColumn(500, { nullable: true }) lastError: string | null;
  @TimeColumn({ nullable: true }) deliveredAt: Date | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
}
