import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, IntColumn, StrColumn } from '../db/columns';
import type { HolidayKind } from '../shared/vocabulary';

/**
 * One day of the working-day calendar that is not what its weekday says: a public holiday on a
 * weekday (放假) or a make-up working day on a weekend (调休上班), as the State Council's yearly
 * notice (国务院办公厅关于部分节假日安排的通知) sets them. An admin maintains the table.
 */
@Entity('holidays')
export class Holiday {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @DateColumn() day: string;
  @StrColumn(10) kind: HolidayKind;
  @StrColumn(50) name: string;
  @IntColumn({ default: 1 }) version: number;
}
