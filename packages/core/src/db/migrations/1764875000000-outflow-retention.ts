import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Retention of the outbox (issue 11): the sweep removes old delivered deliveries by state and
 * last change, and old outbox events no delivery refers to; these indexes keep both lookups
 * from scanning the tables.
 */
export class OutflowRetention1764875000000 implements MigrationInterface {
  name = 'OutflowRetention1764875000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('webhook_deliveries', new TableIndex({ name: 'ix_delivery_state_updated', columnNames: ['state', 'updated_at'] }));
    await q.createIndex('webhook_deliveries', new TableIndex({ name: 'ix_delivery_outbox_event', columnNames: ['outbox_event_id'] }));
    await q.createIndex('outbox_events', new TableIndex({ name: 'ix_outbox_occurred', columnNames: ['occurred_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('outbox_events', 'ix_outbox_occurred');
    await q.dropIndex('webhook_deliveries', 'ix_delivery_outbox_event');
    await q.dropIndex('webhook_deliveries', 'ix_delivery_state_updated');
  }
}
