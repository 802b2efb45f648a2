import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The month rollup of the figures (issue 10, speed): one dimension at a time per month and organization. */
export class FigureMonths1764930000000 implements MigrationInterface {
  name = 'FigureMonths1764930000000';

  async up(q: QueryRunner): Promise<void> {
    const bin = q.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    await q.createTable(
      new Table({
        name: 'figure_months',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'cell_key', type: 'varchar', length: '200', isNullable: false, collation: bin },
          { name: 'month', type: 'varchar', length: '7', isNullable: false, collation: bin },
          { name: 'org_id', type: 'integer', isNullable: false },
          { name: 'dim', type: 'varchar', length: '10', isNullable: false, collation: bin },
          { name: 'dim_value', type: 'varchar', length: '32', isNullable: false, collation: bin },
          { name: 'metric', type: 'varchar', length: '24', isNullable: false, collation: bin },
          { name: 'bucket', type: 'varchar', length: '60', isNullable: false, collation: bin },
          { name: 'n', type: 'integer', isNullable: false },
          { name: 'total', type: 'bigint', isNullable: false },
        ],
        indices: [
          { name: 'ux_figure_months_key', columnNames: ['cell_key'], isUnique: true },
          { name: 'ix_figure_months_dim_month_org', columnNames: ['dim', 'month', 'org_id'] },
        ],
      }),
    );
    // Open cases per mediator (the load figure) count a short index range instead of every case in scope.
    await q.createIndex('cases', new TableIndex({ name: 'ix_cases_mediator_status', columnNames: ['mediator_id', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('cases', 'ix_cases_mediator_status');
    await q.dropTable('figure_months');
  }
}
