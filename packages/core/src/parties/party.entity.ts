import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { PartyKind, PartyRole } from '../shared/vocabulary';

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
  @TimeColumn() createdAt: Date;
}
