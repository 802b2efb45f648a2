import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** 以案定补 statements (issue 10): closed months and their frozen lines. */
export class SubsidyStatements1764920000000 implements MigrationInterface {
  name = 'SubsidyStatements1764920000000';

  async up(q: QueryRunner): Promise<void> {
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await q.createTable(
      new Table({
        name: 'subsidy_closings',
        columns: [
          id,
          { name: 'organization_id', type: 'integer', isNullable: false },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'total_fen', type: 'bigint', isNullable: false },
          { name: 'closed_by_id', type: 'integer', isNullable: false },
          { name: 'closed_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [{ name: 'ux_subsidy_closings', columnNames: ['organization_id', 'month'], isUnique: true }],
        foreignKeys: [
          { columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] },
          { columnNames: ['closed_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'subsidy_lines',
        columns: [
          id,
          { name: 'closing_id', type: 'integer', isNullable: false },
          { name: 'organization_id', type: 'integer', isNullable: false },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'case_id', type: 'integer', isNullable: false },
          { name: 'case_number', type: 'varchar', length: '64', isNullable: false },
          { name: 'mediator_id', type: 'integer', isNullable: true },
          { name: 'handling_org_id', type: 'integer', isNullable: false },
          { name: 'complexity', type: 'varchar', length: '20', isNullable: false },
          { name: 'result', type: 'varchar', length: '20', isNullable: true },
          { name: 'amount_fen', type: 'bigint', isNullable: false },
          { name: 'kind', type: 'varchar', length: '20', isNullable: false },
        ],
        indices: [
          { name: 'ix_subsidy_lines_closing', columnNames: ['closing_id'] },
          { name: 'ix_subsidy_lines_case', columnNames: ['case_id'] },
        ],
        foreignKeys: [
          { columnNames: ['closing_id'], referencedTableName: 'subsidy_closings', referencedColumnNames: ['id'] },
          { columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('subsidy_lines');
    await q.dropTable('subsidy_closings');
  }
}
