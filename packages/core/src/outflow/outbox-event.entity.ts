import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';

/**
 * 事件发件箱: one outcome event of a case, written in the same transaction as the change it
 * reports (so a rolled-back change sends nothing and a committed one is never lost). `body` is
 * the exact JSON every webhook receives, fixed at write time so retries sign the same bytes.
 */
@Entity('outbox_events')
@Index('ux_outbox_case_seq', ['caseId', 'seq'], { unique: true })
export class OutboxEvent {
  @PrimaryGeneratedColumn() id: number;
  /** `case.settled` … (see CASE_EVENT_TYPES). */
  @Index() @StrColumn(40) type: string;
  @IntColumn() caseId: number;
  /** The history event's sequence number in its case: the delivery order. */
  @IntColumn() seq: number;
  @Index('ix_outbox_occurred') @TimeColumn() occurredAt: Date;
  /** The webhook body: `{ id, type, schemaVersion, occurredAt, sequence, case }` as JSON text. */
  @TextColumn() body: string;
}
