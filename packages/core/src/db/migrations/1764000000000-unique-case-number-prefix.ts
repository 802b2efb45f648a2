import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Two organizations with one case-number prefix would issue the same case numbers. */
export class UniqueCaseNumberPrefix1764000000000 implements MigrationInterface {
  name = 'UniqueCaseNumberPrefix1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('organizations', new TableIndex({ name: 'ux_org_case_number_prefix', columnNames: ['case_number_prefix'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('organizations', 'ux_org_case_number_prefix');
  }
}
