import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Class cases and early warnings (issue 10): thresholds per category, warnings, their cases and their history. */
export class Warnings1764910000000 implements MigrationInterface {
  name = 'Warnings1764910000000';

  async up(q: QueryRunner): Promise<void> {
    const bin = q.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await q.createTable(
      new Table({
        name: 'class_thresholds',
        columns: [
          id,
          { name: 'category', type: 'varchar', length: '32', isNullable: true, collation: bin },
          { name: 'window_days', type: 'integer', isNullable: false },
          { name: 'area_cases', type: 'integer', isNullable: false },
          { name: 'respondent_cases', type: 'integer', isNullable: false },
          { name: 'active', type: 'boolean', isNullable: false, default: true },
          { name: 'version', type: 'integer', isNullable: false, default: 1 },
        ],
        indices: [{ name: 'ux_class_thresholds_category', columnNames: ['category'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'warnings',
        columns: [
          id,
          { name: 'kind', type: 'varchar', length: '20', isNullable: false },
          { name: 'class_key', type: 'varchar', length: '120', isNullable: false, collation: bin },
          { name: 'organization_id', type: 'integer', isNullable: false },
          { name: 'category', type: 'varchar', length: '32', isNullable: true, collation: bin },
          { name: 'case_id', type: 'integer', isNullable: true },
          { name: 'case_count', type: 'integer', isNullable: false },
          { name: 'title', type: 'varchar', length: '200', isNullable: false },
          { name: 'state', type: 'varchar', length: '20', isNullable: false },
          { name: 'owner_id', type: 'integer', isNullable: true },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'version', type: 'integer', isNullable: false, default: 1 },
        ],
        indices: [
          { name: 'ix_warnings_state_org', columnNames: ['state', 'organization_id'] },
          { name: 'ix_warnings_class_key', columnNames: ['class_key'] },
        ],
        foreignKeys: [
          { columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] },
          { columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] },
          { columnNames: ['owner_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'warning_cases',
        columns: [id, { name: 'warning_id', type: 'integer', isNullable: false }, { name: 'case_id', type: 'integer', isNullable: false }],
        indices: [
          { name: 'ux_warning_cases', columnNames: ['warning_id', 'case_id'], isUnique: true },
          { name: 'ix_warning_cases_case', columnNames: ['case_id'] },
        ],
        foreignKeys: [
          { columnNames: ['warning_id'], referencedTableName: 'warnings', referencedColumnNames: ['id'] },
          { columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'warning_events',
        columns: [
          id,
          { name: 'warning_id', type: 'integer', isNullable: false },
          { name: 'action', type: 'varchar', length: '20', isNullable: false },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'actor_name', type: 'varchar', length: '64', isNullable: false },
          { name: 'at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'note', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'ix_warning_events_warning', columnNames: ['warning_id'] }],
        foreignKeys: [{ columnNames: ['warning_id'], referencedTableName: 'warnings', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['warning_events', 'warning_cases', 'warnings', 'class_thresholds']) await q.dropTable(t);
  }
}
