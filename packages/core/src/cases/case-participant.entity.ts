import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';

/** A mediator or legal adviser who works on a case (co-mediators, the lawyer who joined). */
@Entity('case_participants')
@Index('ux_case_participant', ['caseId', 'userId', 'role'], { unique: true })
export class CaseParticipant {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() caseId: number;
  @Index() @IntColumn() userId: number;
  @StrColumn(20) role: 'mediator' | 'adviser';
  @TimeColumn() joinedAt: Date;
}
