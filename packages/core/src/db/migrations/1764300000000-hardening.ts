import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Hardening (issue 8):
 * - identifiers compare exactly on every engine: MariaDB's default collation folds case and
 *   accents ('dh_clerk' = 'DH_ÇLERK'), SQLite compares bytes; `utf8mb4_bin` gives both one answer,
 *   in lookups and in unique indexes;
 * - texts that grow with the number of parties (a 500-party agreement, its history event) outgrow
 *   MariaDB's TEXT (64 KB): MEDIUMTEXT there (SQLite's TEXT has no such limit);
 * - `login_throttles`: failed sign-ins counted in the database, so several API processes share them;
 * - `case_history_heads`: each case's chain head, MAC'd with a key that is not in the database.
 *
 * The MariaDB statements are `MODIFY`, which keeps data and indexes (TypeORM's `changeColumn`
 * would drop and re-add a column whose type changes).
 */
const BINARY: Array<[table: string, column: string, type: string, nullable: boolean]> = [
  ['users', 'username', 'varchar(64)', false],
  ['cases', 'source_ref', 'varchar(100)', true],
  ['cases', 'case_number', 'varchar(64)', false],
  ['organizations', 'case_number_prefix', 'varchar(20)', true],
  ['api_keys', 'prefix', 'varchar(16)', false],
  ['settings', 'key', 'varchar(64)', false],
];
const MEDIUM: Array<[table: string, column: string]> = [
  ['agreements', 'parties'],
  ['case_events', 'changes'],
  ['case_events', 'payload'],
  ['mediation_sessions', 'participants'],
];

export class Hardening1764300000000 implements MigrationInterface {
  name = 'Hardening1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(
      new Table({
        name: 'login_throttles',
        columns: [
          { name: 'key', type: 'varchar', length: '190', isPrimary: true, collation: mysql ? 'utf8mb4_bin' : undefined },
          { name: 'failures', type: 'integer', isNullable: false, default: 0 },
          { name: 'window_start', type: 'datetime', precision: 3, isNullable: false },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_history_heads',
        columns: [
          { name: 'case_id', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'integer', isNullable: false },
          { name: 'hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'mac', type: 'varchar', length: '64', isNullable: false },
        ],
      }),
    );
    if (!mysql) return;
    for (const [t, c, type, nullable] of BINARY) {
      await q.query(`ALTER TABLE \`${t}\` MODIFY \`${c}\` ${type} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin ${nullable ? 'NULL' : 'NOT NULL'}`);
    }
    for (const [t, c] of MEDIUM) await q.query(`ALTER TABLE \`${t}\` MODIFY \`${c}\` mediumtext NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_history_heads');
    await q.dropTable('login_throttles');
    if (q.connection.options.type !== 'mysql') return;
    for (const [t, c] of MEDIUM) await q.query(`ALTER TABLE \`${t}\` MODIFY \`${c}\` text NOT NULL`);
    for (const [t, c, type, nullable] of BINARY) {
      await q.query(`ALTER TABLE \`${t}\` MODIFY \`${c}\` ${type} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci ${nullable ? 'NULL' : 'NOT NULL'}`);
    }
  }
}
