import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { rebuildCounts } from '../../counts/case-counts';

/**
 * Counts kept in step with the commands (issue 12): `case_counts` (cases per handling
 * organization, status, light, mediator, risk and supervision) and `case_count_marks` (where each
 * case is counted, and when its light changes next), filled from the cases already there.
 */
export class CaseCounts1765500000000 implements MigrationInterface {
  name = 'CaseCounts1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const bin = mysql ? 'utf8mb4_bin' : undefined;
    await q.createTable(
      new Table({
        name: 'case_counts',
        columns: [
          { name: 'organization_id', type: 'integer', isPrimary: true },
          { name: 'status', type: 'varchar', length: '20', isPrimary: true, collation: bin },
          { name: 'light', type: 'varchar', length: '6', isPrimary: true, collation: bin },
          { name: 'mediator_id', type: 'integer', isPrimary: true },
          { name: 'risk', type: 'varchar', length: '10', isPrimary: true, collation: bin },
          { name: 'supervised', type: 'boolean', isPrimary: true },
          { name: 'n', type: 'integer', isNullable: false },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_count_marks',
        columns: [
          { name: 'case_id', type: 'integer', isPrimary: true },
          { name: 'organization_id', type: 'integer', isNullable: false },
          { name: 'status', type: 'varchar', length: '20', isNullable: false, collation: bin },
          { name: 'light', type: 'varchar', length: '6', isNullable: false, collation: bin },
          { name: 'mediator_id', type: 'integer', isNullable: false },
          { name: 'risk', type: 'varchar', length: '10', isNullable: false, collation: bin },
          { name: 'supervised', type: 'boolean', isNullable: false },
          { name: 'changes_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [{ name: 'ix_case_count_marks_changes', columnNames: ['changes_at'] }],
      }),
    );
    await rebuildCounts(q.manager, new Date());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_count_marks');
    await q.dropTable('case_counts');
  }
}
