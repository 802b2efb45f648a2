import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, IntColumn, StrColumn } from '../db/columns';

/** 村(社区)法律顾问: a lawyer serving a village for a term. */
@Entity('adviser_assignments')
export class AdviserAssignment {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() adviserId: number;
  @Index() @IntColumn() villageId: number;
  @DateColumn() startsOn: string;
  @DateColumn() endsOn: string;
  @StrColumn(200, { nullable: true }) note: string | null;
  /** Compare-and-set token for edits (incremented by every update). */
  @IntColumn({ default: 1 }) version: number;
}
