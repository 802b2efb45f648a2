import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, DateColumn, FenColumn, IntColumn, StrColumn } from '../db/columns';
import type { GradingThresholds } from '../domain/subsidy';

/**
 * 以案定补 grading: from how many people, what amount (fen) and what risk a case is major,
 * difficult or ordinary, valid from a day, for an organization's subtree (the nearest one above a
 * case's handling organization wins). A null threshold turns that condition off.
 */
@Entity('subsidy_gradings')
export class SubsidyGrading implements GradingThresholds {
  @PrimaryGeneratedColumn() id: number;
  /** The organization that made it: it governs that organization's subtree. */
  @Index() @IntColumn() organizationId: number;
  @StrColumn(100) name: string;
  @IntColumn({ nullable: true }) majorPeople: number | null;
  @FenColumn({ nullable: true }) majorAmountFen: number | null;
  @StrColumn(20, { nullable: true }) majorRisk: string | null;
  @IntColumn({ nullable: true }) difficultPeople: number | null;
  @FenColumn({ nullable: true }) difficultAmountFen: number | null;
  @StrColumn(20, { nullable: true }) difficultRisk: string | null;
  @BoolColumn({ default: true }) difficultCrossArea: boolean;
  @IntColumn({ nullable: true }) ordinaryPeople: number | null;
  @FenColumn({ nullable: true }) ordinaryAmountFen: number | null;
  @StrColumn(20, { nullable: true }) ordinaryRisk: string | null;
  @DateColumn() validFrom: string;
  @DateColumn({ nullable: true }) validTo: string | null;
  @IntColumn({ default: 1 }) version: number;
}
