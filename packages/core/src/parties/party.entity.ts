import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, IntColumn, JsonColumn, StrColumn, TimeColumn } from '../db/columns';
import type { AgentAuthority, PartyKind, PartyRole, Sex } from '../shared/vocabulary';

/** A 委托代理人 and the scope of the authority the party gave them. */
export interface PartyAgent {
  name: string;
  /** 一般授权, or 特别授权 (to admit, waive or change claims, settle), whose powers `scope` lists. */
  authority: AgentAuthority;
  scope?: string;
  phone?: string;
}

/**
 * A party (当事人) of one case: a person or an organization. The ID card number is kept three
 * ways: a keyed hash (HMAC-SHA256) to find one person across cases (一人一档), an AES-GCM
 * ciphertext for the roles that need the full number, and a masked copy for everyone else.
 * Phones likewise.
 */
@Entity('parties')
export class Party {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() caseId: number;
  @StrColumn(20) role: PartyRole;
  @StrColumn(20) kind: PartyKind;
  @StrColumn(100) name: string;
  /** Never selected by default: it links one person across cases, which only 一人一档 may do. */
  @Index() @StrColumn(64, { nullable: true, select: false }) idNumberHash: string | null;
  @StrColumn(200, { nullable: true, select: false }) idNumberCipher: string | null;
  @StrColumn(32, { nullable: true }) idNumberMasked: string | null;
  @StrColumn(200, { nullable: true, select: false }) phoneCipher: string | null;
  @StrColumn(32, { nullable: true }) phoneMasked: string | null;
  @StrColumn(200, { nullable: true }) address: string | null;
  /** 统一社会信用代码, for organizations. */
  @StrColumn(18, { nullable: true }) creditCode: string | null;
  @StrColumn(10, { nullable: true }) sex: Sex | null;
  @StrColumn(20, { nullable: true }) ethnicity: string | null;
  /** From the ID card number when there is one (its 7th to 14th digits). */
  @DateColumn({ nullable: true }) birthDate: string | null;
  @StrColumn(50, { nullable: true }) occupation: string | null;
  /** 法定代表人 of an organization party. */
  @StrColumn(100, { nullable: true }) legalRepresentative: string | null;
  @JsonColumn({ nullable: true }) agents: PartyAgent[] | null;
  @TimeColumn() createdAt: Date;
}
