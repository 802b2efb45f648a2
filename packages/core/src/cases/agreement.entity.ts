import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, FenColumn, IntColumn, JsonColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';

/** A party's particulars as written into the agreement (人民调解法 第29条). */
export interface AgreementParty {
  role: 'applicant' | 'respondent' | 'third_party';
  name: string;
  /** Masked when stored; the document shows what the reader may see. */
  idNumber?: string;
  address?: string;
  phone?: string;
}

/**
 * 调解协议书. Article 29 of the People's Mediation Law asks for the parties' particulars, the
 * main facts, the points in dispute and each side's responsibility, the agreed terms, and how
 * and by when they are performed; `settle` refuses an agreement missing any of them.
 */
@Entity('agreements')
export class Agreement {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @JsonColumn() parties: AgreementParty[];
  @TextColumn() facts: string;
  @TextColumn() disputes: string;
  @TextColumn() responsibilities: string;
  @TextColumn() terms: string;
  @FenColumn({ nullable: true }) amountFen: number | null;
  @StrColumn(500) performanceMethod: string;
  @DateColumn() performanceDeadline: string;
  @DateColumn() signedOn: string;
  /** The day it takes effect (the last signature); the 30 days for judicial confirmation run from it. */
  @DateColumn() effectiveOn: string;
  @IntColumn() mediatorId: number;
  @TimeColumn() createdAt: Date;
}
