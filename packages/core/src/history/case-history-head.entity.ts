import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, StrColumn } from '../db/columns';

/**
 * The head of a case's history chain: the last event's sequence number and hash, sealed with a MAC
 * under the history key (which is not in the database). Editing an event, recomputing the chain
 * or deleting the latest events no longer matches the sealed head.
 */
@Entity('case_history_heads')
export class CaseHistoryHead {
  @PrimaryColumn({ type: 'integer' }) caseId: number;
  @IntColumn() seq: number;
  @StrColumn(64) hash: string;
  @StrColumn(64) mac: string;
}
