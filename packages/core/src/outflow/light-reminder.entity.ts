import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, StrColumn, TimeColumn } from '../db/columns';

/**
 * That a case's light turned yellow or red for a given deadline was noticed once. Unique per case
 * × light × deadline: a new deadline (extension, reassignment, next stage) can light up again.
 */
@Entity('light_reminders')
@Index('ux_light_reminder', ['caseId', 'light', 'deadlineAt'], { unique: true })
export class LightReminder {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() caseId: number;
  @StrColumn(10) light: 'yellow' | 'red';
  @TimeColumn() deadlineAt: Date;
  @TimeColumn() raisedAt: Date;
}
