import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';

/** Who saw a full ID card number or phone, and when. */
@Entity('pii_access_log')
export class PiiAccess {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() userId: number;
  @IntColumn({ nullable: true }) caseId: number | null;
  @IntColumn() partyId: number;
  @StrColumn(20) field: 'idNumber' | 'phone';
  @StrColumn(40) purpose: string;
  @TimeColumn() at: Date;
}
