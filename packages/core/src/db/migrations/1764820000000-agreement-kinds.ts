import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Agreements as the law has them (issue 9, item 1): written (numbered per organization and year,
 * naming the committee, with who signed and when, and the place of performance) or oral (人民调解法
 * 第28条, effective when reached 第30条), whose Article-29 elements a house rule does not ask for.
 */
export class AgreementKinds1764820000000 implements MigrationInterface {
  name = 'AgreementKinds1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('agreements', [
      new TableColumn({ name: 'kind', type: 'varchar', length: '10', isNullable: false, default: "'written'" }),
      new TableColumn({ name: 'agreement_number', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'organization_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'year', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'serial', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'committee_name', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'signatures', type: 'text', isNullable: true }),
      new TableColumn({ name: 'performance_place', type: 'varchar', length: '200', isNullable: true }),
    ]);
    await q.createIndex('agreements', new TableIndex({ name: 'ux_agreements_number', columnNames: ['agreement_number'], isUnique: true }));
    // An oral agreement records its content (in `terms`); the other elements are optional for it.
    for (const name of ['facts', 'disputes', 'responsibilities']) {
      await q.changeColumn('agreements', name, new TableColumn({ name, type: 'text', isNullable: true }));
    }
    await q.changeColumn('agreements', 'performance_method', new TableColumn({ name: 'performance_method', type: 'varchar', length: '500', isNullable: true }));
    await q.changeColumn('agreements', 'performance_deadline', new TableColumn({ name: 'performance_deadline', type: 'varchar', length: '10', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'agreement_number_counters',
        columns: [
          { name: 'organization_id', type: 'integer', isPrimary: true },
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'last_serial', type: 'integer', isNullable: false },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('agreement_number_counters', true);
    await q.dropIndex('agreements', 'ux_agreements_number');
    for (const c of ['performance_place', 'signatures', 'committee_name', 'serial', 'year', 'organization_id', 'agreement_number', 'kind']) await q.dropColumn('agreements', c);
  }
}
