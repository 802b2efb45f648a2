import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const POLICY_TABLES = ['sla_policies', 'subsidy_policies'];

/**
 * Who may do what, second half of issue 8:
 * - a policy belongs to an organization and governs its subtree (existing rows: the root);
 * - a user's `token_version` is bumped by every change of access, revoking earlier tokens;
 * - `revoked_tokens` holds the ids of tokens signed out before their expiry, in the database so
 *   that several API processes agree.
 */
export class AccessScope1764400000000 implements MigrationInterface {
  name = 'AccessScope1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const [root] = (await q.query('SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id LIMIT 1')) as Array<{ id: number }>;
    for (const t of POLICY_TABLES) {
      await q.addColumn(t, new TableColumn({ name: 'organization_id', type: 'integer', isNullable: true }));
      if (root) await q.query(`UPDATE ${t} SET organization_id = ?`, [Number(root.id)]);
      // No organization at all means no policy could have been edited by anyone: drop orphans.
      else await q.query(`DELETE FROM ${t}`);
      await q.changeColumn(t, 'organization_id', new TableColumn({ name: 'organization_id', type: 'integer', isNullable: false }));
      await q.createIndex(t, new TableIndex({ name: `ix_${t}_org`, columnNames: ['organization_id'] }));
    }
    await q.addColumn('users', new TableColumn({ name: 'token_version', type: 'integer', isNullable: false, default: 1 }));
    await q.createTable(
      new Table({
        name: 'revoked_tokens',
        columns: [
          { name: 'jti', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'integer', isNullable: false },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [{ name: 'ix_revoked_tokens_expiry', columnNames: ['expires_at'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('revoked_tokens', true);
    await q.dropColumn('users', 'token_version');
    for (const t of POLICY_TABLES) {
      await q.dropIndex(t, `ix_${t}_org`);
      await q.dropColumn(t, 'organization_id');
    }
  }
}
