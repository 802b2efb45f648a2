import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { PartyMessageKind } from './party-messages';

/**
 * A message to a party (受理通知, 调解时间通知, 回访): recorded with the case's history event in the
 * command's transaction, then sent through the gateway after commit. The phone is kept masked.
 */
@Entity('party_messages')
@Index('ix_party_message_case', ['caseId'])
export class PartyMessage {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() caseId: number;
  @IntColumn() partyId: number;
  @StrColumn(20) kind: PartyMessageKind;
  @StrColumn(20) toMasked: string;
  @StrColumn(500) text: string;
  /** `pending` until the gateway answered: `sent` or `failed`. */
  @StrColumn(10) state: 'pending' | 'sent' | 'failed';
  @StrColumn(100, { nullable: true }) gatewayRef: string | null;
  @StrColumn(500, { nullable: true }) error: string | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) sentAt: Date | null;
}
