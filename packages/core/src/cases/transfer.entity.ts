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
  @Index() @IntColumn() toOrgId: number;
  @StrColumn(500) reason: string;
  @Index() @StrColumn(20) state: TransferState;
  @IntColumn() createdById: number;
  @TimeColumn() createdAt: Date;
  @IntColumn({ nullable: true }) acknowledgedById: number | null;
  @TimeColumn({ nullable: true }) acknowledgedAt: Date | null;
}
