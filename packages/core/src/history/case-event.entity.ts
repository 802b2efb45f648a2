import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, JsonColumn, StrColumn, TimeColumn } from '../db/columns';
import type { CaseStatus } from '../shared/vocabulary';

/** Before and after of every field an action changed. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * One entry of a case's history: append-only and hash-chained. `hash` covers the event's content
 * and the previous event's hash, so editing or deleting an event breaks the chain
 * (`verifyHistory` finds where).
 */
@Entity('case_events')
@Index('ux_case_event_seq', ['caseId', 'seq'], { unique: true })
export class CaseEvent {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() caseId: number;
  @IntColumn() seq: number;
  @StrColumn(40) action: string;
  @IntColumn({ nullable: true }) actorId: number | null;
  @StrColumn(64) actorName: string;
  @TimeColumn() at: Date;
  @StrColumn(20, { nullable: true }) fromStatus: CaseStatus | null;
  @StrColumn(20) toStatus: CaseStatus;
  @JsonColumn() changes: FieldChanges;
  /** What the actor said with the action (reason, triage, …), personal data masked. */
  @JsonColumn() payload: Record<string, unknown>;
  @StrColumn(64) prevHash: string;
  @StrColumn(64) hash: string;
}
