import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn } from '../db/columns';

/**
 * The next serial of an organization's case numbers in a year. Updated in the registering
 * transaction, so numbers are gapless: AUTO_INCREMENT may skip (MySQL, TiDB), a row lock does not.
 */
@Entity('case_number_counters')
export class CaseNumberCounter {
  @PrimaryColumn({ type: 'integer' }) organizationId: number;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @IntColumn() lastSerial: number;
}
