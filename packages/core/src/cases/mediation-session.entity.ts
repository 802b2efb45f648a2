import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, JsonColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';

/** 调解记录: one sitting of the mediation. */
@Entity('mediation_sessions')
export class MediationSession {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @TimeColumn() heldAt: Date;
  @StrColumn(200) place: string;
  @TextColumn() participants: string;
  @TextColumn() minutes: string;
  @StrColumn(500, { nullable: true }) outcome: string | null;
  /** Mediators from the pool (outside the staff) who sat in this session. */
  @JsonColumn({ nullable: true }) poolMediatorIds: number[] | null;
  @IntColumn() recordedById: number;
  @TimeColumn() createdAt: Date;
}
