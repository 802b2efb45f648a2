import { Entity, PrimaryColumn } from 'typeorm';
import { FenColumn, IntColumn, TextColumn } from '../db/columns';

/** The dimensions a projection row is kept by, besides time, organization, channel, metric and bucket. */
export type FigureDim = 'all' | 'category' | 'mediator';

/**
 * The figures rollup, one projection per time grain (`figure_months` by China month, `figure_days`
 * by China day): how many cases (`n`, and a sum such as handling time in `total`) count under one
 * metric and bucket, for one handling organization and channel (`''`: every channel), and one
 * dimension at a time (`all`, or one `category` or `mediator`, for the metrics that are read by
 * them). The natural key is the primary key (clustered on MariaDB): a report names its days or
 * months and metrics, so it reads short key ranges, and an upsert finds its row by the key. Kept in step with the commands by
 * `refreshCaseFigures` (called where history is appended, in the same transaction).
 * Handling days above 30 are kept in 5-day (to 90) and 30-day bins (`monthBucket`).
 */
abstract class FigureSum {
  @PrimaryColumn({ type: 'varchar', length: 10 }) dim: FigureDim;
  @PrimaryColumn({ type: 'varchar', length: 20 }) channel: string;
  @PrimaryColumn({ type: 'varchar', length: 24 }) metric: string;
  @PrimaryColumn({ type: 'integer' }) orgId: number;
  @PrimaryColumn({ type: 'varchar', length: 60 }) bucket: string;
  /** The category code or the mediator id (`0`: none); `''` for `all`. */
  @PrimaryColumn({ type: 'varchar', length: 32 }) dimValue: string;
  @IntColumn() n: number;
  @FenColumn() total: number;
}

/** The month projection: a report over whole months reads only these rows. */
@Entity('figure_months')
export class FigureMonth extends FigureSum {
  @PrimaryColumn({ type: 'varchar', length: 7 }) month: string;
}

/** The day projection: read only for the days of a range's partial months (at most half of each). */
@Entity('figure_days')
export class FigureDay extends FigureSum {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
}

/** Open cases now (no period) per handling organization, channel and mediator (`0`: none): the load figure. */
@Entity('figure_open')
export class FigureOpen {
  @PrimaryColumn({ type: 'integer' }) orgId: number;
  @PrimaryColumn({ type: 'varchar', length: 20 }) channel: string;
  @PrimaryColumn({ type: 'integer' }) mediatorId: number;
  @IntColumn() n: number;
}

/** What one case adds to the rollup now (its cells as JSON), so a command can take it back out. */
@Entity('case_figures')
export class CaseFigures {
  @PrimaryColumn({ type: 'integer' }) caseId: number;
  @TextColumn() cells: string;
}
