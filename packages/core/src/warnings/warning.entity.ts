import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BoolColumn, IntColumn, StrColumn, TextColumn, TimeColumn } from '../db/columns';
import type { WarningKind, WarningState } from '../domain/warnings';

/**
 * When cases form a class (类案): per category (null: every category without its own row), how
 * many cases of one area within `windowDays`, or against one respondent, raise a warning.
 */
@Entity('class_thresholds')
export class ClassThreshold {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @StrColumn(32, { nullable: true }) category: string | null;
  @IntColumn() windowDays: number;
  /** Cases of the category in one area within the window. */
  @IntColumn() areaCases: number;
  /** Cases against one respondent (ID number or credit code) within the window, any category. */
  @IntColumn() respondentCases: number;
  @BoolColumn({ default: true }) active: boolean;
  @IntColumn({ default: 1 }) version: number;
}

/**
 * An early warning (预警) for the leaders of `organizationId`'s subtree: a class above its
 * threshold, or one case at high risk. Open until someone handles it or dismisses it with a reason.
 */
@Entity('warnings')
@Index('ix_warnings_state_org', ['state', 'organizationId'])
export class EarlyWarning {
  @PrimaryGeneratedColumn() id: number;
  @StrColumn(20) kind: WarningKind;
  /** What makes the class one (`area:<org>:<category>`, `respondent:<hash>`, `case:<id>`): one open warning per key. */
  @Index() @StrColumn(120) classKey: string;
  /** The class key while the warning is open, NULL once handled or dismissed: unique, so a class has one open warning even under concurrency. */
  @Index('ux_warnings_open_key', { unique: true }) @StrColumn(120, { nullable: true }) openKey: string | null;
  @IntColumn() organizationId: number;
  @StrColumn(32, { nullable: true }) category: string | null;
  /** The case a single-case warning is about; for a class, the latest case that joined it. */
  @IntColumn({ nullable: true }) caseId: number | null;
  @IntColumn() caseCount: number;
  @StrColumn(200) title: string;
  @StrColumn(20) state: WarningState;
  @IntColumn({ nullable: true }) ownerId: number | null;
  @StrColumn(500, { nullable: true }) reason: string | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
  @IntColumn({ default: 1 }) version: number;
}

/** The cases of a class warning. */
@Entity('warning_cases')
@Index('ux_warning_cases', ['warningId', 'caseId'], { unique: true })
export class WarningCase {
  @PrimaryGeneratedColumn() id: number;
  @IntColumn() warningId: number;
  @Index() @IntColumn() caseId: number;
}

/** The history of a warning: raised, grown, taken, handled, dismissed. */
@Entity('warning_events')
export class WarningEvent {
  @PrimaryGeneratedColumn() id: number;
  @Index() @IntColumn() warningId: number;
  @StrColumn(20) action: string;
  @IntColumn({ nullable: true }) actorId: number | null;
  @StrColumn(64) actorName: string;
  @TimeColumn() at: Date;
  @TextColumn({ nullable: true }) note: string | null;
}
