import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { rebuildFiguresIn } from '../../figures/rollup';

/**
 * The figures rollup at a million cases (issue 10, speed): the day-by-everything `figure_cells`
 * and the one-dimension `figure_months` give way to two projections of one shape, by month and
 * by day, keyed by channel too (`''`: every channel), with their natural key as primary key; and
 * `figure_open`, open cases now per organization, channel and mediator. The new tables are filled
 * from the cases and their history (the `rebuild-figures` computation), so an existing database
 * keeps its figures.
 */
export class FigureProjections1765350000000 implements MigrationInterface {
  name = 'FigureProjections1765350000000';

  async up(q: QueryRunner): Promise<void> {
    const bin = q.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    const str = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: false, isPrimary: true, collation: bin });
    await q.dropTable('figure_cells');
    await q.dropTable('figure_months');
    for (const [name, time] of [['figure_months', str('month', 7)], ['figure_days', str('day', 10)]] as const) {
      // Key order = read order: one dimension and channel, the days or months, the metrics, then organizations.
      await q.createTable(
        new Table({
          name,
          columns: [
            str('dim', 10),
            str('channel', 20),
            time,
            str('metric', 24),
            { name: 'org_id', type: 'integer', isNullable: false, isPrimary: true },
            str('bucket', 60),
            str('dim_value', 32),
            { name: 'n', type: 'integer', isNullable: false },
            { name: 'total', type: 'bigint', isNullable: false },
          ],
        }),
      );
    }
    await q.createTable(
      new Table({
        name: 'figure_open',
        columns: [
          { name: 'org_id', type: 'integer', isNullable: false, isPrimary: true },
          str('channel', 20),
          { name: 'mediator_id', type: 'integer', isNullable: false, isPrimary: true },
          { name: 'n', type: 'integer', isNullable: false },
        ],
      }),
    );
    await rebuildFiguresIn(q.manager);
  }

  async down(q: QueryRunner): Promise<void> {
    // The earlier shapes come back empty: run `tiaojie-system rebuild-figures` with the earlier code.
    await q.dropTable('figure_open');
    await q.dropTable('figure_days');
    await q.dropTable('figure_months');
    const bin = q.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    const str = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: false, collation: bin });
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const counts: TableColumnOptions[] = [str('metric', 24), str('bucket', 60), { name: 'n', type: 'integer', isNullable: false }, { name: 'total', type: 'bigint', isNullable: false }];
    await q.createTable(
      new Table({
        name: 'figure_cells',
        columns: [id, str('cell_key', 200), str('day', 10), { name: 'org_id', type: 'integer', isNullable: false }, str('channel', 20), str('category', 32), { name: 'mediator_id', type: 'integer', isNullable: false }, ...counts],
        indices: [
          { name: 'ux_figure_cells_key', columnNames: ['cell_key'], isUnique: true },
          { name: 'ix_figure_cells_day_org', columnNames: ['day', 'org_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'figure_months',
        columns: [id, str('cell_key', 200), str('month', 7), { name: 'org_id', type: 'integer', isNullable: false }, str('dim', 10), str('dim_value', 32), ...counts],
        indices: [
          { name: 'ux_figure_months_key', columnNames: ['cell_key'], isUnique: true },
          { name: 'ix_figure_months_dim_month_org', columnNames: ['dim', 'month', 'org_id'] },
        ],
      }),
    );
    await q.query('DELETE FROM case_figures');
  }
}
