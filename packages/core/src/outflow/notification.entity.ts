import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';

import type { NotificationKind } from './kinds';
export { NOTIFICATION_KINDS } from './kinds';
export type { NotificationKind } from './kinds';

/**
 * 站内提醒: one in-app notification for one staff member. `dedupKey` is unique, so raising the
 * same reminder twice (two processes sweeping at once, a re-run) stores it once.
 */
@Entity('notifications')
@Index('ix_notification_user', ['userId', 'readAt'])
@Index('ux_notification_dedup', ['dedupKey'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() userId: number;
  @StrColumn(20) kind: NotificationKind;
  @IntColumn({ nullable: true }) caseId: number | null;
  /** Chinese text, as shown in the bell. */
  @StrColumn(300) message: string;
  /** ASCII only (`light:12:red:1764…:34`), so it compares alike on every engine. */
  @StrColumn(120) dedupKey: string;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) readAt: Date | null;
}
