import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, IntColumn, JsonColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';

/** Which cases a subscription hears about: the ones its organization sent, or its whole subtree's. */
export const WEBHOOK_SCOPES = ['sent', 'subtree'] as const;
export type WebhookScope = (typeof WEBHOOK_SCOPES)[number];

/**
 * A system that receives case events by HTTP POST: a channel body's (court, petition office …)
 * or any system an admin registers. The secret signs every delivery; it is kept encrypted.
 */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn() id: number;
  @StrColumn(100) name: string;
  @Index() @IntColumn() organizationId: number;
  /** `sent`: cases this organization pushed in (a channel body); `subtree`: cases handled in its subtree. */
  @StrColumn(10) scope: WebhookScope;
  @StrColumn(500) url: string;
  /** The event types wanted (`case.settled` …); empty means all. */
  @JsonColumn() eventTypes: string[];
  /** The signing secret, encrypted with the data key. */
  @TextColumn() secretCipher: string;
  @BoolColumn({ default: true }) active: boolean;
  @IntColumn({ nullable: true }) createdById: number | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
  @IntColumn({ default: 1 }) version: number;
}
