import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { TransferKind, TransferState } from '../shared/vocabulary';

/**
 * A hand-over of a case to another organization (转办) or to the parent (上提一级). Until the
 * receiver acknowledges it (签收) the sender still answers for the case.
 */
@Entity('transfers')
export class Transfer {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @StrColumn(20) kind: TransferKind;
  @IntColumn() fromOrgId: number;
  /** The sender's path when it sent the case: the sender keeps a read-only view of what it handed over. */
  @Index('ix_transfers_from_path') @StrColumn(255, { nullable: true }) fromOrgPath: string | null;
  @Index() @IntColumn() toOrgId: number;
  @StrColumn(500) reason: string;
  @Index() @StrColumn(20) state: TransferState;
  @IntColumn() createdById: number;
  @TimeColumn() createdAt: Date;
  @IntColumn({ nullable: true }) acknowledgedById: number | null;
  @TimeColumn({ nullable: true }) acknowledgedAt: Date | null;
  /** When the receiver declined it (退回), who and why; the case stayed with the sender. */
  @IntColumn({ nullable: true }) declinedById: number | null;
  @TimeColumn({ nullable: true }) declinedAt: Date | null;
  @StrColumn(500, { nullable: true }) declineReason: string | null;
}
