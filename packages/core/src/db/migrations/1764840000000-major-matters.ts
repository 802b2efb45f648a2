import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey } from 'typeorm';

/**
 * 三事分流 (issue 9, item 6): a major matter names its responsible unit and person when accepted
 * (明确承办单位、科室和人员), and a department may answer it by administrative handling.
 */
export class MajorMatters1764840000000 implements MigrationInterface {
  name = 'MajorMatters1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('cases', [
      new TableColumn({ name: 'responsible_org_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'responsible_person', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'administrative_reply', type: 'text', isNullable: true }),
      new TableColumn({ name: 'administrative_reply_on', type: 'varchar', length: '10', isNullable: true }),
    ]);
    await q.createForeignKey(
      'cases',
      new TableForeignKey({ name: 'fk_cases_responsible_org_id', columnNames: ['responsible_org_id'], referencedTableName: 'organizations', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropForeignKey('cases', 'fk_cases_responsible_org_id');
    for (const c of ['administrative_reply_on', 'administrative_reply', 'responsible_person', 'responsible_org_id']) await q.dropColumn('cases', c);
  }
}
