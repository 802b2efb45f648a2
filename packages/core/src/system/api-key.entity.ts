import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { Channel } from '../shared/vocabulary';

/** A key a channel organization's system uses to push cases in. Only its hash is stored. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn() id: number;
  @StrColumn(100) name: string;
  @Index() @IntColumn() organizationId: number;
  @StrColumn(20) channel: Channel;
  /** The first characters, shown to tell keys apart. */
  @StrColumn(16) prefix: string;
  @Index({ unique: true }) @StrColumn(64, { select: false }) keyHash: string;
  @IntColumn() createdById: number;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) revokedAt: Date | null;
  @TimeColumn({ nullable: true }) lastUsedAt: Date | null;
}
