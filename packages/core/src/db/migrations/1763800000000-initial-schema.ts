import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndexOptions } from 'typeorm';

// Portable column builders: the same migration runs on SQLite, MariaDB/MySQL and TiDB.
const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
const int = (name: string, nullable = false, dflt?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable, default: dflt });
const big = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false, dflt?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  default: dflt === undefined ? undefined : `'${dflt}'`,
});
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const bool = (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: dflt ? 1 : 0 });
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const date = (name: string, nullable = false) => str(name, 10, nullable);
const idx = (name: string, columnNames: string[], isUnique = false): TableIndexOptions => ({ name, columnNames, isUnique });

const TABLES: Array<{ name: string; columns: TableColumnOptions[]; indices?: TableIndexOptions[] }> = [
  {
    name: 'organizations',
    columns: [id(), str('name', 100), str('type', 20), int('parent_id', true), str('path', 255), int('depth'), str('region_code', 12, true), str('case_number_prefix', 20, true), str('channel', 20, true), bool('active', true), time('created_at'), time('updated_at')],
    indices: [idx('ix_org_parent', ['parent_id']), idx('ix_org_path', ['path'])],
  },
  {
    name: 'users',
    columns: [id(), str('username', 64), str('display_name', 64), str('password_hash', 255), text('roles'), int('organization_id'), str('phone', 32, true), bool('active', true), time('created_at'), time('updated_at')],
    indices: [idx('ux_users_username', ['username'], true), idx('ix_users_org', ['organization_id'])],
  },
  {
    name: 'cases',
    columns: [
      id(), str('case_number', 64), int('registering_org_id'), int('year'), int('serial'),
      str('channel', 20), str('source_ref', 100, true), int('source_org_id', true),
      str('category', 32), str('title', 200), text('description'), big('amount_fen'), int('people_count', false, 1), int('place_org_id', true), str('address', 200, true),
      str('status', 20), str('triage', 10, true), str('risk', 10, false, 'low'),
      int('handling_org_id'), str('handling_org_path', 255), int('mediator_id', true), int('adviser_id', true), int('reporter_id', true), int('created_by_id', true),
      str('clock_stage', 20, true), time('clock_started_at', true), time('yellow_at', true), time('deadline_at', true), big('paused_remaining_ms'), big('paused_yellow_remaining_ms'), bool('extended', false), time('confirmation_deadline_at', true),
      time('registered_at'), time('accepted_at', true), time('settled_at', true), time('closed_at', true), str('close_route', 20, true), str('result_summary', 500, true), bool('followed_up', false), str('performance', 20, true),
      bool('supervised', false), int('pending_transfer_id', true), str('pending_transfer_to_path', 255, true), int('unacknowledged_transfers', false, 0), bool('flagged', false),
      int('version', false, 1), time('updated_at'),
    ],
    indices: [
      idx('ux_cases_number', ['case_number'], true),
      idx('ux_cases_source', ['channel', 'source_ref'], true),
      idx('ix_cases_org_status', ['handling_org_path', 'status']),
      idx('ix_cases_deadline', ['deadline_at']),
      idx('ix_cases_yellow', ['yellow_at']),
      idx('ix_cases_registered', ['registered_at']),
      idx('ix_cases_source_org', ['source_org_id']),
      idx('ix_cases_category', ['category']),
      idx('ix_cases_place', ['place_org_id']),
      idx('ix_cases_status', ['status']),
      idx('ix_cases_risk', ['risk']),
      idx('ix_cases_handling_org', ['handling_org_id']),
      idx('ix_cases_mediator', ['mediator_id']),
      idx('ix_cases_adviser', ['adviser_id']),
      idx('ix_cases_reporter', ['reporter_id']),
      idx('ix_cases_supervised', ['supervised']),
      idx('ix_cases_flagged', ['flagged']),
      idx('ix_cases_pending_to', ['pending_transfer_to_path']),
    ],
  },
  {
    name: 'parties',
    columns: [id(), int('case_id'), str('role', 20), str('kind', 20), str('name', 100), str('id_number_hash', 64, true), str('id_number_cipher', 200, true), str('id_number_masked', 32, true), str('phone_cipher', 200, true), str('phone_masked', 32, true), str('address', 200, true), str('credit_code', 18, true), time('created_at')],
    indices: [idx('ix_parties_case', ['case_id']), idx('ix_parties_id_hash', ['id_number_hash'])],
  },
  {
    name: 'case_participants',
    columns: [id(), int('case_id'), int('user_id'), str('role', 20), time('joined_at')],
    indices: [idx('ux_case_participant', ['case_id', 'user_id', 'role'], true), idx('ix_case_participants_user', ['user_id'])],
  },
  {
    name: 'case_events',
    columns: [id(), int('case_id'), int('seq'), str('action', 40), int('actor_id', true), str('actor_name', 64), time('at'), str('from_status', 20, true), str('to_status', 20), text('changes'), text('payload'), str('prev_hash', 64), str('hash', 64)],
    indices: [idx('ux_case_event_seq', ['case_id', 'seq'], true)],
  },
  {
    name: 'mediation_sessions',
    columns: [id(), int('case_id'), time('held_at'), str('place', 200), text('participants'), text('minutes'), str('outcome', 500, true), int('recorded_by_id'), time('created_at')],
    indices: [idx('ix_sessions_case', ['case_id'])],
  },
  {
    name: 'agreements',
    columns: [id(), int('case_id'), text('parties'), text('facts'), text('disputes'), text('responsibilities'), text('terms'), big('amount_fen'), str('performance_method', 500), date('performance_deadline'), date('signed_on'), date('effective_on'), int('mediator_id'), time('created_at')],
    indices: [idx('ix_agreements_case', ['case_id'])],
  },
  {
    name: 'judicial_confirmations',
    columns: [id(), int('case_id'), str('court', 100), date('applied_on'), str('state', 20), date('decided_on', true), str('ruling_number', 100, true), str('note', 500, true), time('created_at'), time('updated_at')],
    indices: [idx('ix_confirmations_case', ['case_id'])],
  },
  {
    name: 'performance_records',
    columns: [id(), int('case_id'), str('state', 20), big('amount_paid_fen'), str('note', 500, true), int('recorded_by_id'), time('recorded_at')],
    indices: [idx('ix_performance_case', ['case_id'])],
  },
  {
    name: 'follow_ups',
    columns: [id(), int('case_id'), str('method', 20), str('satisfaction', 30), str('note', 500, true), int('by_id'), time('at')],
    indices: [idx('ix_follow_ups_case', ['case_id'])],
  },
  {
    name: 'transfers',
    columns: [id(), int('case_id'), str('kind', 20), int('from_org_id'), int('to_org_id'), str('reason', 500), str('state', 20), int('created_by_id'), time('created_at'), int('acknowledged_by_id', true), time('acknowledged_at', true)],
    indices: [idx('ix_transfers_case', ['case_id']), idx('ix_transfers_to', ['to_org_id']), idx('ix_transfers_state', ['state'])],
  },
  {
    name: 'supervision_orders',
    columns: [id(), int('case_id'), text('instructions'), time('deadline_at'), str('state', 20), int('opened_by_id'), time('opened_at'), int('closed_by_id', true), time('closed_at', true), str('conclusion', 500, true)],
    indices: [idx('ix_supervision_case', ['case_id']), idx('ix_supervision_state', ['state'])],
  },
  {
    name: 'legal_opinions',
    columns: [id(), int('case_id'), int('adviser_id'), str('title', 200), text('content'), time('created_at')],
    indices: [idx('ix_opinions_case', ['case_id']), idx('ix_opinions_adviser', ['adviser_id'])],
  },
  {
    name: 'consultations',
    columns: [id(), int('adviser_id'), int('village_id'), time('at'), str('person_name', 64), str('person_phone_masked', 32, true), str('category', 32), text('question'), text('answer'), int('case_id', true), time('created_at')],
    indices: [idx('ix_consultations_adviser', ['adviser_id']), idx('ix_consultations_village', ['village_id'])],
  },
  {
    name: 'adviser_assignments',
    columns: [id(), int('adviser_id'), int('village_id'), date('starts_on'), date('ends_on'), str('note', 200, true)],
    indices: [idx('ix_assignments_adviser', ['adviser_id']), idx('ix_assignments_village', ['village_id'])],
  },
  {
    name: 'sla_policies',
    columns: [id(), str('name', 100), str('channel', 20, true), str('category', 32, true), int('accept_days'), int('mediate_days'), int('extension_days'), int('follow_up_days'), int('confirmation_days', false, 30), int('yellow_percent', false, 75), bool('active', true)],
  },
  {
    name: 'subsidy_policies',
    columns: [id(), str('name', 100), str('complexity', 20), str('result', 20), { name: 'amount_fen', type: 'bigint', isNullable: false }, date('valid_from'), date('valid_to', true)],
  },
  {
    name: 'case_number_counters',
    columns: [
      { name: 'organization_id', type: 'integer', isPrimary: true },
      { name: 'year', type: 'integer', isPrimary: true },
      int('last_serial'),
    ],
  },
  {
    name: 'api_keys',
    columns: [id(), str('name', 100), int('organization_id'), str('channel', 20), str('prefix', 16), str('key_hash', 64), int('created_by_id'), time('created_at'), time('revoked_at', true), time('last_used_at', true)],
    indices: [idx('ux_api_keys_hash', ['key_hash'], true), idx('ix_api_keys_org', ['organization_id'])],
  },
  { name: 'settings', columns: [{ name: 'key', type: 'varchar', length: '64', isPrimary: true }, text('value')] },
  {
    name: 'pii_access_log',
    columns: [id(), int('user_id'), int('case_id', true), int('party_id'), str('field', 20), str('purpose', 40), time('at')],
    indices: [idx('ix_pii_access_user', ['user_id'])],
  },
];

/** The whole schema of the first release. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.createTable(new Table(t), true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [...TABLES].reverse()) await q.dropTable(t.name, true);
  }
}
