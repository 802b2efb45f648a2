import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IntColumn, TimeColumn } from '../db/columns';

/**
 * A session token signed out before its expiry (`POST /api/auth/logout`), by its id (`jti`).
 * Kept until the token would have expired anyway, in the database so every API process agrees.
 */
@Entity('revoked_tokens')
export class RevokedToken {
  @PrimaryColumn({ type: 'varchar', length: 64 }) jti: string;
  @IntColumn() userId: number;
  @Index() @TimeColumn() expiresAt: Date;
}
