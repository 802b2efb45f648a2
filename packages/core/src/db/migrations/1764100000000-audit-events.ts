import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The audit trail of reference data: policies, assignments, users, organizations, API keys. */
export class AuditEvents1764100000000 implements MigrationInterface {
  name = 'AuditEvents1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'actor_name', type: 'varchar', length: '64', isNullable: false },
          { name: 'entity', type: 'varchar', length: '40', isNullable: false },
          { name: 'entity_id', type: 'integer', isNullable: false },
          { name: 'action', type: 'varchar', length: '20', isNullable: false },
          { name: 'organization_id', type: 'integer', isNullable: true },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
        ],
        indices: [
          { name: 'ix_audit_at', columnNames: ['at'] },
          { name: 'ix_audit_entity', columnNames: ['entity', 'entity_id'] },
          { name: 'ix_audit_org', columnNames: ['organization_id'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_events', true);
  }
}
