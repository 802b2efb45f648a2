import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, TimeColumn } from '../db/columns';

/** Failed sign-ins of one key (an account or a client address) in the current window. */
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 190 }) key: string;
  @IntColumn() failures: number;
  @TimeColumn() windowStart: Date;
}
