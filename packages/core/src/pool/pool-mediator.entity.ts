import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { PoolMediatorKind } from '../shared/vocabulary';

/**
 * A mediator outside the staff (人民调解员库): 五老 (elders), 乡贤 (评理堂), lawyers, volunteers,
 * counsellors. They sit in sessions and sign agreements as the staff do, without signing in;
 * the case's history names them. Their phone is kept encrypted and masked, like a party's.
 */
@Entity('pool_mediators')
export class PoolMediator {
  @PrimaryGeneratedColumn() id: number;
  @StrColumn(100) name: string;
  @Index() @StrColumn(20) kind: PoolMediatorKind;
  /** What they are good at (婚姻家庭, 土地, 劳动 …). */
  @StrColumn(200, { nullable: true }) specialty: string | null;
  /** The area (village, township) they serve. */
  @Index() @IntColumn({ nullable: true }) areaOrgId: number | null;
  @StrColumn(200, { nullable: true, select: false }) phoneCipher: string | null;
  @StrColumn(32, { nullable: true }) phoneMasked: string | null;
  @BoolColumn({ default: true }) active: boolean;
  @IntColumn({ default: 1 }) version: number;
  @TimeColumn() createdAt: Date;
}
