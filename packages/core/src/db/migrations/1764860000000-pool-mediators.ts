import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/** The mediator pool outside the staff (issue 9, item 9), and who of it sat in a session. */
export class PoolMediators1764860000000 implements MigrationInterface {
  name = 'PoolMediators1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'pool_mediators',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', length: '100', isNullable: false },
          { name: 'kind', type: 'varchar', length: '20', isNullable: false },
          { name: 'specialty', type: 'varchar', length: '200', isNullable: true },
          { name: 'area_org_id', type: 'integer', isNullable: true },
          { name: 'phone_cipher', type: 'varchar', length: '200', isNullable: true },
          { name: 'phone_masked', type: 'varchar', length: '32', isNullable: true },
          { name: 'active', type: 'boolean', isNullable: false, default: 1 },
          { name: 'version', type: 'integer', isNullable: false, default: 1 },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [
          { name: 'ix_pool_mediators_kind', columnNames: ['kind'] },
          { name: 'ix_pool_mediators_area', columnNames: ['area_org_id'] },
        ],
        foreignKeys: [{ name: 'fk_pool_mediators_area_org_id', columnNames: ['area_org_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }],
      }),
      true,
    );
    await q.addColumn('mediation_sessions', new TableColumn({ name: 'pool_mediator_ids', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('mediation_sessions', 'pool_mediator_ids');
    await q.dropTable('pool_mediators', true);
  }
}
