import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';

/** 法律意见: a legal adviser's written opinion on a case. */
@Entity('legal_opinions')
export class LegalOpinion {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @Index() @IntColumn() adviserId: number;
  @StrColumn(200) title: string;
  @TextColumn() content: string;
  @TimeColumn() createdAt: Date;
}
