import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes that serve the dashboard's figures from the index alone (issue 12): each figure is
 * counted per scope branch (`countByBranch`), and within the handling-subtree branch these hold
 * every column the figure reads (status, the clock's instants, risk, registration week, channel,
 * and the path the branch matches), so no case row is read.
 */
const INDEXES = [
  new TableIndex({ name: 'ix_cases_status_clock', columnNames: ['status', 'deadline_at', 'yellow_at', 'handling_org_path'] }),
  new TableIndex({ name: 'ix_cases_status_risk', columnNames: ['status', 'risk', 'handling_org_path'] }),
  new TableIndex({ name: 'ix_cases_registered_scope', columnNames: ['registered_at', 'status', 'handling_org_path', 'channel'] }),
];

export class DashboardIndexes1765100000000 implements MigrationInterface {
  name = 'DashboardIndexes1765100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const index of INDEXES) await q.createIndex('cases', index);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [...INDEXES].reverse()) await q.dropIndex('cases', index.name!);
  }
}
