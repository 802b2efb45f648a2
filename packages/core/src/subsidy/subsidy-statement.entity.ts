import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn, IntColumn, StrColumn, TimeColumn } from '../db/columns';

/** A closed month of subsidies for one organization's subtree: its lines are frozen. */
@Entity('subsidy_closings')
@Index('ux_subsidy_closings', ['organizationId', 'month'], { unique: true })
export class SubsidyClosing {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() organizationId: number;
  @StrColumn(7) month: string;
  @FenColumn() totalFen: number;
  @IntColumn() closedById: number;
  @TimeColumn() closedAt: Date;
}

/** One line of a statement: a case's subsidy (`regular`), or a later change to it (`correction`). */
@Entity('subsidy_lines')
export class SubsidyLine {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() closingId: number;
  @IntColumn() organizationId: number;
  @StrColumn(7) month: string;
  @Index() @IntColumn() caseId: number;
  @StrColumn(64) caseNumber: string;
  @IntColumn({ nullable: true }) mediatorId: number | null;
  @IntColumn() handlingOrgId: number;
  @StrColumn(20) complexity: string;
  @StrColumn(20, { nullable: true }) result: string | null;
  @FenColumn() amountFen: number;
  @StrColumn(20) kind: 'regular' | 'correction';
}
