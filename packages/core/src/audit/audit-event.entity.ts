import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, JsonColumn, StrColumn, TimeColumn } from '../db/columns';

/**
 * 审计记录: one change to what happens to cases or who may do what (policies, adviser
 * assignments, users' roles and access, organizations, API keys). Case changes live in the
 * case's own hash-chained history instead. Never holds password hashes or keys.
 */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn() id: number;
  @Index() @TimeColumn() at: Date;
  /** Who: null for the system itself (bootstrap). */
  @IntColumn({ nullable: true }) actorId: number | null;
  @StrColumn(64) actorName: string;
  /** What kind of record: `sla-policy`, `user`, `organization` … */
  @StrColumn(40) entity: string;
  @IntColumn() entityId: number;
  /** `create`, `update`, `move`, `delete`, `revoke`. */
  @StrColumn(20) action: string;
  /** The organization the record belongs to, for scoping reads; null for center-wide records (policies). */
  @Index() @IntColumn({ nullable: true }) organizationId: number | null;
  /** The changed fields before (null on create). */
  @JsonColumn({ nullable: true }) before: Record<string, unknown> | null;
  /** The changed fields after (null on delete). */
  @JsonColumn({ nullable: true }) after: Record<string, unknown> | null;
}
