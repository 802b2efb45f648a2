import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** 以案定补 grading thresholds as policy data (issue 10): per organization, valid from a day. */
export class SubsidyGradings1765300000001 implements MigrationInterface {
  name = 'SubsidyGradings1765300000001';

  async up(q: QueryRunner): Promise<void> {
    const bin = q.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    const int = (name: string) => ({ name, type: 'integer', isNullable: true });
    const fen = (name: string) => ({ name, type: 'bigint', isNullable: true });
    const risk = (name: string) => ({ name, type: 'varchar', length: '20', isNullable: true, collation: bin });
    await q.createTable(
      new Table({
        name: 'subsidy_gradings',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'organization_id', type: 'integer', isNullable: false },
          { name: 'name', type: 'varchar', length: '100', isNullable: false },
          int('major_people'), fen('major_amount_fen'), risk('major_risk'),
          int('difficult_people'), fen('difficult_amount_fen'), risk('difficult_risk'),
          { name: 'difficult_cross_area', type: 'boolean', isNullable: false, default: true },
          int('ordinary_people'), fen('ordinary_amount_fen'), risk('ordinary_risk'),
          { name: 'valid_from', type: 'varchar', length: '10', isNullable: false, collation: bin },
          { name: 'valid_to', type: 'varchar', length: '10', isNullable: true, collation: bin },
          { name: 'version', type: 'integer', isNullable: false, default: 1 },
        ],
        indices: [{ name: 'ix_subsidy_gradings_org', columnNames: ['organization_id'] }],
        foreignKeys: [{ columnNames: ['organization_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('subsidy_gradings');
  }
}
