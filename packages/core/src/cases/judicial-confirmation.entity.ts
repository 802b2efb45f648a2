import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { ConfirmationState } from '../shared/vocabulary';

/** 司法确认: the parties' joint application to a court, and the court's ruling. */
@Entity('judicial_confirmations')
export class JudicialConfirmation {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @StrColumn(100) court: string;
  @DateColumn() appliedOn: string;
  @StrColumn(20) state: ConfirmationState;
  @DateColumn({ nullable: true }) decidedOn: string | null;
  @StrColumn(100, { nullable: true }) rulingNumber: string | null;
  @StrColumn(500, { nullable: true }) note: string | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
}
