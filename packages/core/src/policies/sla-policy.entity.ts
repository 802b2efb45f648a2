import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, IntColumn, StrColumn } from '../db/columns';
import type { Category, Channel } from '../shared/vocabulary';

/**
 * Time limits per channel and category, in days. Null channel or category: any. Among the active
 * policies of the organizations above a case's handling organization (itself included), the
 * nearest organization's wins; among its own, the most specific (channel and category, then
 * channel, then category, then default).
 */
@Entity('sla_policies')
export class SlaPolicy {
  @PrimaryGeneratedColumn() id: number;
  /** The organization that made it: it governs that organization's subtree, and only admins there or above change it. */
  @Index() @IntColumn() organizationId: number;
  @StrColumn(100) name: string;
  @StrColumn(20, { nullable: true }) channel: Channel | null;
  @StrColumn(32, { nullable: true }) category: Category | null;
  @IntColumn() acceptDays: number;
  @IntColumn() mediateDays: number;
  @IntColumn() extensionDays: number;
  @IntColumn() followUpDays: number;
  @IntColumn({ default: 30 }) confirmationDays: number;
  /** Share of the limit after which the light turns yellow, in percent (75). */
  @IntColumn({ default: 75 }) yellowPercent: number;
  @BoolColumn({ default: true }) active: boolean;
  /** Compare-and-set token for edits (incremented by every update). */
  @IntColumn({ default: 1 }) version: number;
}
