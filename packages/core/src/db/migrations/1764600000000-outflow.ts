import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const int = (name: string, isNullable = false) => ({ name, type: 'integer', isNullable });
const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const time = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

/** Outcome events: the outbox, webhook subscriptions and deliveries, in-app notifications, light reminders, party messages. */
export class Outflow1764600000000 implements MigrationInterface {
  name = 'Outflow1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox_events',
        columns: [id, str('type', 40), int('case_id'), int('seq'), time('occurred_at'), { name: 'body', type: 'text', isNullable: false }],
        indices: [
          { name: 'ux_outbox_case_seq', columnNames: ['case_id', 'seq'], isUnique: true },
          { name: 'ix_outbox_type', columnNames: ['type'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'webhook_subscriptions',
        columns: [
          id, str('name', 100), int('organization_id'), str('scope', 10), str('url', 500), { name: 'event_types', type: 'text', isNullable: false },
          { name: 'secret_cipher', type: 'text', isNullable: false }, { name: 'active', type: 'boolean', isNullable: false, default: true },
          int('created_by_id', true), time('created_at'), time('updated_at'), { name: 'version', type: 'integer', isNullable: false, default: 1 },
        ],
        indices: [{ name: 'ix_webhook_sub_org', columnNames: ['organization_id'] }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id, int('subscription_id'), int('outbox_event_id'), int('case_id'), int('seq'), str('event_type', 40), str('state', 10),
          { name: 'attempts', type: 'integer', isNullable: false, default: 0 }, time('next_attempt_at'), str('lease_owner', 64, true), time('lease_until', true),
          int('last_status', true), str('last_error', 500, true), time('delivered_at', true), time('created_at'), time('updated_at'),
        ],
        indices: [
          { name: 'ux_delivery_sub_event', columnNames: ['subscription_id', 'outbox_event_id'], isUnique: true },
          { name: 'ix_delivery_due', columnNames: ['state', 'next_attempt_at'] },
          { name: 'ix_delivery_order', columnNames: ['subscription_id', 'case_id', 'seq'] },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [id, int('user_id'), str('kind', 20), int('case_id', true), str('message', 300), str('dedup_key', 120), time('created_at'), time('read_at', true)],
        indices: [
          { name: 'ix_notification_user', columnNames: ['user_id', 'read_at'] },
          { name: 'ux_notification_dedup', columnNames: ['dedup_key'], isUnique: true },
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'light_reminders',
        columns: [id, int('case_id'), str('light', 10), time('deadline_at'), time('raised_at')],
        indices: [{ name: 'ux_light_reminder', columnNames: ['case_id', 'light', 'deadline_at'], isUnique: true }],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'party_messages',
        columns: [
          id, int('case_id'), int('party_id'), str('kind', 20), str('to_masked', 20), str('text', 500), str('state', 10), str('gateway_ref', 100, true), str('error', 500, true),
          time('created_at'), time('sent_at', true),
        ],
        indices: [{ name: 'ix_party_message_case', columnNames: ['case_id'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['party_messages', 'light_reminders', 'notifications', 'webhook_deliveries', 'webhook_subscriptions', 'outbox_events']) await q.dropTable(t, true);
  }
}
