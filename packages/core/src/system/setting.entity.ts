import { Entity, PrimaryColumn } from 'typeorm';
import { TextColumn } from '../db/columns';

/** Installation-wide values generated once and kept (signing secret, data key). */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64 }) key: string;
  @TextColumn() value: string;
}
