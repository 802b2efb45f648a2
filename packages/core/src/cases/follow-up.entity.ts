import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { Satisfaction } from '../shared/vocabulary';

/** 回访: a visit or call after settlement, with the parties' satisfaction. */
@Entity('follow_ups')
export class FollowUp {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @StrColumn(20) method: 'phone' | 'visit' | 'message';
  @StrColumn(30) satisfaction: Satisfaction;
  @StrColumn(500, { nullable: true }) note: string | null;
  @IntColumn() byId: number;
  @TimeColumn() at: Date;
}
