import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, IntColumn, JsonColumn, StrColumn, TimeColumn } from '../db/columns';
import type { Role } from '../shared/vocabulary';

/** A person who signs in: a mediator, a clerk, a lawyer, a grid worker, a liaison, a leader. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @StrColumn(64) username: string;
  @StrColumn(64) displayName: string;
  /** argon2id hash; never leaves core. */
  @StrColumn(255, { select: false }) passwordHash: string;
  @JsonColumn() roles: Role[];
  @Index() @IntColumn() organizationId: number;
  @StrColumn(32, { nullable: true }) phone: string | null;
  @BoolColumn({ default: true }) active: boolean;
  /**
   * Sessions signed before the last change of access (password, roles, organization, active)
   * carry an older number and are refused. Bumped by `UserService` with the change.
   */
  @IntColumn({ default: 1 }) tokenVersion: number;
  /** Compare-and-set token for edits (incremented by every update). */
  @IntColumn({ default: 1 }) version: number;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
}
