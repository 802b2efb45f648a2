import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Files uploaded to cases; the bytes are in the file storage, addressed by their SHA-256. */
export class Attachments1764500000000 implements MigrationInterface {
  name = 'Attachments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'attachments',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'case_id', type: 'integer', isNullable: false },
          { name: 'session_id', type: 'integer', isNullable: true },
          { name: 'agreement_id', type: 'integer', isNullable: true },
          { name: 'category', type: 'varchar', length: '20', isNullable: false },
          { name: 'file_name', type: 'varchar', length: '200', isNullable: false },
          { name: 'mime_type', type: 'varchar', length: '100', isNullable: false },
          { name: 'size', type: 'bigint', isNullable: false },
          { name: 'sha256', type: 'varchar', length: '64', isNullable: false },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'uploaded_by_id', type: 'integer', isNullable: false },
          { name: 'uploaded_by_name', type: 'varchar', length: '64', isNullable: false },
          { name: 'uploaded_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'supersedes_id', type: 'integer', isNullable: true },
          { name: 'superseded_by_id', type: 'integer', isNullable: true },
          { name: 'withdrawn_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'withdrawn_by_id', type: 'integer', isNullable: true },
          { name: 'withdraw_reason', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [
          { name: 'ix_attachments_case', columnNames: ['case_id', 'id'] },
          { name: 'ix_attachments_sha256', columnNames: ['sha256'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachments', true);
  }
}
