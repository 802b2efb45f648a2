import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * After judicial confirmation (issue 9, item 2): the application for enforcement of a confirmed,
 * unperformed agreement (民事诉讼法 第206条), and the court's 调解书 that may end a court-referred case.
 */
export class EnforcementAndCourtDocuments1764830000000 implements MigrationInterface {
  name = 'EnforcementAndCourtDocuments1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('cases', [
      new TableColumn({ name: 'enforcement_court', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'enforcement_applied_on', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'court_document_number', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'court_document_on', type: 'varchar', length: '10', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['court_document_on', 'court_document_number', 'enforcement_applied_on', 'enforcement_court']) await q.dropColumn('cases', c);
  }
}
