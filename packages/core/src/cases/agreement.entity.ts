import { Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, FenColumn, IntColumn, JsonColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';
import type { AgentAuthority, AgreementKind, PartyRole, Sex, SignatoryRole } from '../shared/vocabulary';

/** A party's particulars as written into the agreement (人民调解法 第29条 (一) 当事人的基本情况). */
export interface AgreementParty {
  role: PartyRole;
  name: string;
  /** Masked when stored; the document shows what the reader may see. */
  idNumber?: string;
  address?: string;
  phone?: string;
  sex?: Sex;
  birthDate?: string;
  ethnicity?: string;
  occupation?: string;
  legalRepresentative?: string;
  agents?: Array<{ name: string; authority: AgentAuthority; scope?: string }>;
}

/** Who signed (签名、盖章或者按指印), sealed (the committee's 印章), and on which day (第29条). */
export interface Signature {
  role: SignatoryRole;
  name: string;
  partyId?: number;
  userId?: number;
  poolMediatorId?: number;
  signedOn: string;
}

/**
 * 调解协议书 or 口头协议. A written agreement (第28条, 第29条) takes effect when the parties have
 * signed, the mediator signed and the committee sealed it: `effectiveOn` is the last of those
 * days. It has its own number, names the committee, and records the place and manner of
 * performance (《人民调解工作若干规定》第35条). An oral agreement (第28条) takes effect when reached
 * (第30条); its content is kept in `terms`, and it has no number.
 * Article 29 lists what an agreement *may* contain; that `settle` requires the facts, points in
 * dispute, responsibilities, terms and the performance method and deadline of a written one is
 * this project's house rule (see docs/domain.md).
 */
@Entity('agreements')
export class Agreement {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @StrColumn(10, { default: 'written' }) kind: AgreementKind;
  /** （2026）平东调协字第3号, per numbering organization and year; null for oral agreements. */
  @Index({ unique: true }) @StrColumn(64, { nullable: true }) agreementNumber: string | null;
  @IntColumn({ nullable: true }) organizationId: number | null;
  @IntColumn({ nullable: true }) year: number | null;
  @IntColumn({ nullable: true }) serial: number | null;
  /** The mediation committee (人民调解委员会) whose seal the agreement bears. */
  @StrColumn(100, { nullable: true }) committeeName: string | null;
  @JsonColumn() parties: AgreementParty[];
  @JsonColumn({ nullable: true }) signatures: Signature[] | null;
  @TextColumn({ nullable: true }) facts: string | null;
  @TextColumn({ nullable: true }) disputes: string | null;
  @TextColumn({ nullable: true }) responsibilities: string | null;
  /** The agreed terms; for an oral agreement, its content. */
  @TextColumn() terms: string;
  @FenColumn({ nullable: true }) amountFen: number | null;
  @StrColumn(500, { nullable: true }) performanceMethod: string | null;
  @StrColumn(200, { nullable: true }) performancePlace: string | null;
  @DateColumn({ nullable: true }) performanceDeadline: string | null;
  /** Signature day (written) or the day it was reached (oral). */
  @DateColumn() signedOn: string;
  /** The day it takes effect; the 30 days for judicial confirmation run from it. */
  @DateColumn() effectiveOn: string;
  @IntColumn() mediatorId: number;
  @TimeColumn() createdAt: Date;
}

/** The next serial of an organization's written agreements in a year (gapless, like case numbers). */
@Entity('agreement_number_counters')
export class AgreementNumberCounter {
  @PrimaryColumn({ type: 'integer' }) organizationId: number;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @IntColumn() lastSerial: number;
}
