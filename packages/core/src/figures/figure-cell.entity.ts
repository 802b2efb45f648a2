import { Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn, IntColumn, StrColumn, TextColumn } from '../db/columns';

/**
 * One cell of the figures rollup: how many cases (`n`, and a sum such as handling time in `total`)
 * count under one metric on one China day, for one handling organization, channel, category and
 * mediator. Kept in step with the commands by `refreshCaseFigures` (called where history is
 * appended, in the same transaction), so a county-year report sums a few thousand cells instead
 * of scanning every case. `cellKey` joins the dimensions, so an upsert finds the cell by one key.
 */
@Entity('figure_cells')
@Index('ix_figure_cells_day_org', ['day', 'orgId'])
export class FigureCell {
  @PrimaryGeneratedColumn() id: number;
  @Index('ux_figure_cells_key', { unique: true }) @StrColumn(200) cellKey: string;
  @StrColumn(10) day: string;
  @IntColumn() orgId: number;
  @StrColumn(20) channel: string;
  @StrColumn(32) category: string;
  /** 0: no mediator. */
  @IntColumn() mediatorId: number;
  @StrColumn(24) metric: string;
  @StrColumn(60) bucket: string;
  @IntColumn() n: number;
  @FenColumn() total: number;
}

/** What one case adds to the rollup now (its cells as JSON), so a command can take it back out. */
@Entity('case_figures')
export class CaseFigures {
  @PrimaryColumn({ type: 'integer' }) caseId: number;
  @TextColumn() cells: string;
}

/**
 * The month rollup: the day cells summed per China month, handling organization and one
 * dimension at a time (`all`, or one `channel`, `category` or `mediator`), so a report over whole
 * months reads a few thousand rows however many cases there are. Handling days above 30 are kept
 * in 5-day (to 90) and 30-day bins (`monthBucket`).
 */
@Entity('figure_months')
@Index('ix_figure_months_dim_month_org', ['dim', 'month', 'orgId'])
export class FigureMonth {
  @PrimaryGeneratedColumn() id: number;
  @Index('ux_figure_months_key', { unique: true }) @StrColumn(200) cellKey: string;
  @StrColumn(7) month: string;
  @IntColumn() orgId: number;
  @StrColumn(10) dim: 'all' | 'channel' | 'category' | 'mediator';
  @StrColumn(32) dimValue: string;
  @StrColumn(24) metric: string;
  @StrColumn(60) bucket: string;
  @IntColumn() n: number;
  @FenColumn() total: number;
}
