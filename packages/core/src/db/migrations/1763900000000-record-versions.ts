import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Tables edited through plain updates get a version, so concurrent edits are caught, not lost. */
const TABLES = ['organizations', 'users', 'sla_policies', 'subsidy_policies', 'adviser_assignments', 'consultations'];

export class RecordVersions1763900000000 implements MigrationInterface {
  name = 'RecordVersions1763900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.addColumn(t, new TableColumn({ name: 'version', type: 'integer', isNullable: false, default: 1 }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.dropColumn(t, 'version');
  }
}
