import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, IntColumn, StrColumn } from '../db/columns';
import type { DayKind, StatsCategory } from '../shared/vocabulary';

/**
 * A dispute category (纠纷类型) of this deployment: a row an admin maintains, mapped to the justice
 * administration's statistics category. Cases keep the `code`; registration and `edit` accept
 * active codes only. A category may carry its own mediation limit (labour disputes 15 days,
 * 劳动争议调解仲裁法 第14条; medical disputes 30 working days, 医疗纠纷预防和处理条例 第38条), which
 * wins over the SLA policy's.
 */
@Entity('dispute_categories')
export class DisputeCategory {
  @PrimaryGeneratedColumn() id: number;
  /** Stable code, compared byte for byte on every engine (binary collation on MySQL). */
  @Index({ unique: true }) @StrColumn(32) code: string;
  @StrColumn(50) name: string;
  @Index() @StrColumn(32) statsCategory: StatsCategory;
  @BoolColumn({ default: true }) active: boolean;
  @IntColumn({ default: 0 }) sortOrder: number;
  /** Mediation limit for this category, in `dayKind` days; null: the SLA policy's limit. */
  @IntColumn({ nullable: true }) mediateDays: number | null;
  @StrColumn(10, { default: 'calendar' }) dayKind: DayKind;
  /** Past the limit without agreement counts as failed (医疗纠纷预防和处理条例 第38条): `settle` is refused. */
  @BoolColumn({ default: false }) overdueFails: boolean;
  @IntColumn({ default: 1 }) version: number;
}
