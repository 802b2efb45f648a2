import { MigrationInterface, QueryRunner, TableForeignKey } from 'typeorm';

/**
 * Referential integrity: a foreign key on every reference column, on every engine.
 *
 * ON DELETE is NO ACTION (RESTRICT) throughout, on purpose: cases and their history are never
 * deleted (人民调解 files are kept), and users and organizations are deactivated, not deleted,
 * so a delete that would orphan a row is a bug to refuse, never something to cascade.
 *
 * Not a foreign key: `case_events.actor_id`. The history names its actor and hashes the id into
 * the chain; a channel's intake is written as actor 0, which no user has, and rewriting it would
 * break the chain. The actor's name is stored beside it, so the history reads without a join.
 *
 * Tables are listed parents first. On SQLite, TypeORM adds foreign keys by rebuilding the table
 * (copying its rows) with foreign-key enforcement off, as it does for every migration; so `up`
 * ends with `PRAGMA foreign_key_check` and refuses rows that would break a key, as MariaDB's
 * `ALTER TABLE` does by itself.
 */
const ORG = 'organizations';
const USER = 'users';
const CASE = 'cases';

const REFERENCES: Array<[table: string, Array<[column: string, parent: string]>]> = [
  ['organizations', [['parent_id', ORG]]],
  ['users', [['organization_id', ORG]]],
  ['transfers', [['case_id', CASE], ['from_org_id', ORG], ['to_org_id', ORG], ['created_by_id', USER], ['acknowledged_by_id', USER]]],
  [
    'cases',
    [
      ['registering_org_id', ORG], ['source_org_id', ORG], ['place_org_id', ORG], ['handling_org_id', ORG],
      ['mediator_id', USER], ['adviser_id', USER], ['reporter_id', USER], ['created_by_id', USER], ['pending_transfer_id', 'transfers'],
    ],
  ],
  ['parties', [['case_id', CASE]]],
  ['case_participants', [['case_id', CASE], ['user_id', USER]]],
  ['case_events', [['case_id', CASE]]],
  ['mediation_sessions', [['case_id', CASE], ['recorded_by_id', USER]]],
  ['agreements', [['case_id', CASE], ['mediator_id', USER]]],
  ['judicial_confirmations', [['case_id', CASE]]],
  ['performance_records', [['case_id', CASE], ['recorded_by_id', USER]]],
  ['follow_ups', [['case_id', CASE], ['by_id', USER]]],
  ['supervision_orders', [['case_id', CASE], ['opened_by_id', USER], ['closed_by_id', USER]]],
  ['legal_opinions', [['case_id', CASE], ['adviser_id', USER]]],
  ['consultations', [['adviser_id', USER], ['village_id', ORG], ['case_id', CASE]]],
  ['adviser_assignments', [['adviser_id', USER], ['village_id', ORG]]],
  ['case_number_counters', [['organization_id', ORG]]],
  ['api_keys', [['organization_id', ORG], ['created_by_id', USER]]],
  ['pii_access_log', [['user_id', USER], ['case_id', CASE], ['party_id', 'parties']]],
];

/** Nullable "who" columns in which an early version wrote 0 for "nobody": that is NULL. */
const ZERO_MEANS_NOBODY: Array<[string, string]> = [
  ['cases', 'reporter_id'],
  ['cases', 'created_by_id'],
  ['cases', 'pending_transfer_id'],
  ['consultations', 'case_id'],
  ['pii_access_log', 'case_id'],
];

const keysOf = (table: string, refs: Array<[string, string]>) =>
  refs.map(
    ([column, parent]) =>
      new TableForeignKey({ name: `fk_${table}_${column}`, columnNames: [column], referencedTableName: parent, referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
  );

export class ForeignKeys1764200000000 implements MigrationInterface {
  name = 'ForeignKeys1764200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of ZERO_MEANS_NOBODY) await q.query(`UPDATE ${table} SET ${column} = NULL WHERE ${column} = 0`);
    for (const [table, refs] of REFERENCES) await q.createForeignKeys(table, keysOf(table, refs));
    if (q.connection.options.type !== 'mysql') {
      const broken: Array<{ table: string; rowid: number; parent: string }> = await q.query('PRAGMA foreign_key_check');
      if (broken.length) {
        const sample = broken.slice(0, 5).map((b) => `${b.table} row ${b.rowid} → ${b.parent}`).join(', ');
        throw new Error(`ForeignKeys1764200000000: ${broken.length} rows refer to rows that do not exist (${sample}); fix them before upgrading`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, refs] of [...REFERENCES].reverse()) await q.dropForeignKeys(table, keysOf(table, refs));
  }
}
