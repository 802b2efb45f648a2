import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The case fact that a risk of turning criminal (民转刑) was reported (人民调解法 第25条, issue 10). */
export class CriminalRisk1765200000000 implements MigrationInterface {
  name = 'CriminalRisk1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('cases', new TableColumn({ name: 'criminal_risk', type: 'boolean', isNullable: false, default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('cases', 'criminal_risk');
  }
}
