import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, IntColumn, StrColumn, TimeColumn } from '../db/columns';
import type { Channel, OrganizationType } from '../shared/vocabulary';

/**
 * A node of the county's organization tree (county → township → village → grid), or a
 * specialised mediation organization, a channel body or a department standing beside it.
 * `path` is the materialized path of ids (`/1/4/17/`) so a subtree is one indexed prefix match.
 */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn() id: number;
  @StrColumn(100) name: string;
  @StrColumn(20) type: OrganizationType;
  @Index() @IntColumn({ nullable: true }) parentId: number | null;
  @Index() @StrColumn(255) path: string;
  @IntColumn() depth: number;
  /** 行政区划代码 of the area it serves, where it has one. */
  @StrColumn(12, { nullable: true }) regionCode: string | null;
  /** Prefix of the case numbers it issues (`晋0105` in （2026）晋0105调字第00042号); null: it registers none. */
  @Index({ unique: true }) @StrColumn(20, { nullable: true }) caseNumberPrefix: string | null;
  /** How its case numbers are written: `{year}`, `{prefix}`, `{serial}`; null: `（{year}）{prefix}调字第{serial}号`. */
  @StrColumn(100, { nullable: true }) caseNumberFormat: string | null;
  /** Zero padding of the serial: 0 writes plain serials (第42号), as offices do; 5 writes 第00042号. */
  @IntColumn({ default: 0 }) serialPadding: number;
  /** For channel bodies: the channel they push cases from. */
  @StrColumn(20, { nullable: true }) channel: Channel | null;
  @BoolColumn({ default: true }) active: boolean;
  /** Compare-and-set token for edits (incremented by every update). */
  @IntColumn({ default: 1 }) version: number;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
}
