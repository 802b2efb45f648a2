import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Hand-overs and channel references (issue 8, defects 4 and 5).
 *
 * `transfers` keeps the sending organization's path (`from_org_path`), so the sender's read-only
 * view of the cases it handed over is one prefix match on an index, and the receiver's answer
 * when it declines (who, when, why).
 *
 * `cases.source_owner_id` is the channel body that owns the case's `source_ref` (0 for a channel
 * without bodies: hotline, grid): a reference is unique per (channel, body), so nobody can take
 * a channel body's own reference by registering it first. Existing rows keep their body, or 0.
 */
export class HandoversAndChannelReferences1764700000000 implements MigrationInterface {
  name = 'HandoversAndChannelReferences1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('transfers', [
      new TableColumn({ name: 'from_org_path', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'declined_by_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'declined_at', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'decline_reason', type: 'varchar', length: '500', isNullable: true }),
    ]);
    await q.query('UPDATE transfers SET from_org_path = (SELECT o.path FROM organizations o WHERE o.id = transfers.from_org_id)');
    await q.createIndex('transfers', new TableIndex({ name: 'ix_transfers_from_path', columnNames: ['from_org_path'] }));
    await q.createForeignKey(
      'transfers',
      new TableForeignKey({ name: 'fk_transfers_declined_by_id', columnNames: ['declined_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
    );

    await q.addColumn('cases', new TableColumn({ name: 'source_owner_id', type: 'integer', isNullable: false, default: 0 }));
    await q.query('UPDATE cases SET source_owner_id = source_org_id WHERE source_org_id IS NOT NULL');
    await q.dropIndex('cases', 'ux_cases_source');
    await q.createIndex('cases', new TableIndex({ name: 'ux_cases_source', columnNames: ['channel', 'source_owner_id', 'source_ref'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    // The old schema holds one reference per channel: a later body's equal reference keeps its
    // case, marked with the body's id (`J2026-0001#12`), rather than refusing to go down.
    await q.query(
      `UPDATE cases SET source_ref = CONCAT(source_ref, '#', source_owner_id) WHERE id IN (SELECT id FROM (` +
        'SELECT c2.id FROM cases c2 JOIN cases d ON d.channel = c2.channel AND d.source_ref = c2.source_ref AND d.id < c2.id) dup)',
    );
    await q.dropIndex('cases', 'ux_cases_source');
    await q.createIndex('cases', new TableIndex({ name: 'ux_cases_source', columnNames: ['channel', 'source_ref'], isUnique: true }));
    await q.dropColumn('cases', 'source_owner_id');
    await q.dropForeignKey('transfers', 'fk_transfers_declined_by_id');
    await q.dropIndex('transfers', 'ix_transfers_from_path');
    await q.dropColumns('transfers', ['decline_reason', 'declined_at', 'declined_by_id', 'from_org_path']);
  }
}
