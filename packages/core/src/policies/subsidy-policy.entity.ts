import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, FenColumn, IntColumn, StrColumn } from '../db/columns';
import type { Complexity } from '../shared/vocabulary';

/** 以案定补: what a mediator is paid per case by complexity and result, in fen. */
@Entity('subsidy_policies')
export class SubsidyPolicy {
  @PrimaryGeneratedColumn() id: number;
  /** The organization that made it: it governs that organization's subtree, and only admins there or above change it. */
  @Index() @IntColumn() organizationId: number;
  @StrColumn(100) name: string;
  @StrColumn(20) complexity: Complexity;
  @StrColumn(20) result: 'settled' | 'failed';
  @FenColumn() amountFen: number;
  @DateColumn() validFrom: string;
  @DateColumn({ nullable: true }) validTo: string | null;
  /** Compare-and-set token for edits (incremented by every update). */
  @IntColumn({ default: 1 }) version: number;
}
