import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Case numbers as each office writes them (issue 9, item 8): a format per organization (null:
 * `（{year}）{prefix}调字第{serial}号`) and the serial's zero padding (0: plain, 第42号).
 */
export class CaseNumberFormat1764850000000 implements MigrationInterface {
  name = 'CaseNumberFormat1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('organizations', [
      new TableColumn({ name: 'case_number_format', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'serial_padding', type: 'integer', isNullable: false, default: 0 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('organizations', 'serial_padding');
    await q.dropColumn('organizations', 'case_number_format');
  }
}
