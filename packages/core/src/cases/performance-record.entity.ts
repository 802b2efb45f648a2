import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn, IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { PerformanceState } from '../shared/vocabulary';

/** 履行: how far the agreement has been carried out, as seen at one check. */
@Entity('performance_records')
export class PerformanceRecord {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @StrColumn(20) state: PerformanceState;
  @FenColumn({ nullable: true }) amountPaidFen: number | null;
  @StrColumn(500, { nullable: true }) note: string | null;
  @IntColumn() recordedById: number;
  @TimeColumn() recordedAt: Date;
}
