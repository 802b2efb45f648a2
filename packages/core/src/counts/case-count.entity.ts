import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn, BoolColumn } from '../db/columns';

/** A case's light for counting: `none` when no clock runs (or it has no yellow instant). */
export type CountLight = 'none' | 'green' | 'yellow' | 'red';

/**
 * How many cases are now handled by one organization in one status, light, risk and supervision,
 * with one mediator (0: none). Kept in step with the commands by `refreshCaseCounts` (called where
 * history is appended, in the same transaction), so a list's total or a dashboard figure sums a
 * few rows of the subtree's organizations instead of counting cases. Keyed by organization first:
 * concurrent commands of different organizations never touch the same row.
 */
@Entity('case_counts')
export class CaseCount {
  @PrimaryColumn({ type: 'integer' }) organizationId: number;
  @PrimaryColumn({ type: 'varchar', length: 20 }) status: string;
  @PrimaryColumn({ type: 'varchar', length: 6 }) light: CountLight;
  /** 0: no mediator. */
  @PrimaryColumn({ type: 'integer' }) mediatorId: number;
  @PrimaryColumn({ type: 'varchar', length: 10 }) risk: string;
  @PrimaryColumn({ type: 'boolean' }) supervised: boolean;
  @IntColumn() n: number;
}

/**
 * Where one case is counted now (its key in `case_counts`), so a command can take it back out,
 * and when its light changes next by the clock alone (`changesAt`: the yellow instant while green,
 * the deadline while yellow), so the sweep and the readers find the cases whose count is due.
 */
@Entity('case_count_marks')
@Index('ix_case_count_marks_changes', ['changesAt'])
export class CaseCountMark {
  @PrimaryColumn({ type: 'integer' }) caseId: number;
  @IntColumn() organizationId: number;
  @StrColumn(20) status: string;
  @StrColumn(6) light: CountLight;
  @IntColumn() mediatorId: number;
  @StrColumn(10) risk: string;
  @BoolColumn() supervised: boolean;
  @TimeColumn({ nullable: true }) changesAt: Date | null;
}
