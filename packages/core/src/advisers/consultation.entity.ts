import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';
import type { Category } from '../shared/vocabulary';

/** 法律咨询: a consultation a legal adviser gave in a village; it may become a case. */
@Entity('consultations')
export class Consultation {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() adviserId: number;
  @Index() @IntColumn() villageId: number;
  @TimeColumn() at: Date;
  @StrColumn(64) personName: string;
  @StrColumn(32, { nullable: true }) personPhoneMasked: string | null;
  @StrColumn(32) category: Category;
  @TextColumn() question: string;
  @TextColumn() answer: string;
  @IntColumn({ nullable: true }) caseId: number | null;
  /** Compare-and-set token for edits (incremented by every update). */
  @IntColumn({ default: 1 }) version: number;
  @TimeColumn() createdAt: Date;
}
