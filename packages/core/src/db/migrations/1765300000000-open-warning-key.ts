import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * One open warning per class, even when two commands raise it at once (issue 10): `open_key`
 * holds the class key while the warning is open and NULL once it is handled or dismissed; a unique
 * index admits one row per key, and NULLs are distinct on SQLite and MariaDB alike.
 */
export class OpenWarningKey1765300000000 implements MigrationInterface {
  name = 'OpenWarningKey1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const bin = q.connection.options.type === 'mysql' ? 'utf8mb4_bin' : undefined;
    await q.addColumn('warnings', new TableColumn({ name: 'open_key', type: 'varchar', length: '120', isNullable: true, collation: bin }));
    // Of open warnings that a race already doubled, the newest keeps the key; the others stay open, keyless.
    const open: Array<{ id: number | string; class_key: string }> = await q.query(`SELECT id, class_key FROM warnings WHERE state = 'open' ORDER BY id DESC`);
    const seen = new Set<string>();
    for (const w of open) {
      if (seen.has(w.class_key)) continue;
      seen.add(w.class_key);
      await q.query('UPDATE warnings SET open_key = ? WHERE id = ?', [w.class_key, Number(w.id)]);
    }
    await q.createIndex('warnings', new TableIndex({ name: 'ux_warnings_open_key', columnNames: ['open_key'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('warnings', 'ux_warnings_open_key');
    await q.dropColumn('warnings', 'open_key');
  }
}
