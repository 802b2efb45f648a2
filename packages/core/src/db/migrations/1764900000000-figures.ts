import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Figures (issue 10): the rollup `figure_cells` (one row per day, organization, channel, category,
 * mediator, metric and bucket) and `case_figures`, each case's own contribution to it.
 */
export class Figures1764900000000 implements MigrationInterface {
  name = 'Figures1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const bin = mysql ? 'utf8mb4_bin' : undefined;
    await q.createTable(
      new Table({
        name: 'figure_cells',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'cell_key', type: 'varchar', length: '200', isNullable: false, collation: bin },
          { name: 'day', type: 'varchar', length: '10', isNullable: false, collation: bin },
          { name: 'org_id', type: 'integer', isNullable: false },
          { name: 'channel', type: 'varchar', length: '20', isNullable: false, collation: bin },
          { name: 'category', type: 'varchar', length: '32', isNullable: false, collation: bin },
          { name: 'mediator_id', type: 'integer', isNullable: false },
          { name: 'metric', type: 'varchar', length: '24', isNullable: false, collation: bin },
          { name: 'bucket', type: 'varchar', length: '60', isNullable: false, collation: bin },
          { name: 'n', type: 'integer', isNullable: false },
          { name: 'total', type: 'bigint', isNullable: false },
        ],
        indices: [
          { name: 'ux_figure_cells_key', columnNames: ['cell_key'], isUnique: true },
          { name: 'ix_figure_cells_day_org', columnNames: ['day', 'org_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_figures',
        columns: [
          { name: 'case_id', type: 'integer', isPrimary: true },
          { name: 'cells', type: 'text', isNullable: false },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_figures');
    await q.dropTable('figure_cells');
  }
}
