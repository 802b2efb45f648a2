import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';
import type { SupervisionState } from '../shared/vocabulary';

/** 督办: a leader's order on a case, with its own deadline. */
@Entity('supervision_orders')
export class SupervisionOrder {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @TextColumn() instructions: string;
  @TimeColumn() deadlineAt: Date;
  @Index() @StrColumn(20) state: SupervisionState;
  @IntColumn() openedById: number;
  @TimeColumn() openedAt: Date;
  @IntColumn({ nullable: true }) closedById: number | null;
  @TimeColumn({ nullable: true }) closedAt: Date | null;
  @StrColumn(500, { nullable: true }) conclusion: string | null;
}
