import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src';

/**
 * Take the schema down to just before `migration` (every later one goes down first), so a test can
 * write rows as they were before it; `runMigrations` brings it up again.
 */
export async function downTo(ds: DataSource, migration: (typeof MIGRATIONS)[number]): Promise<void> {
  const steps = MIGRATIONS.length - MIGRATIONS.indexOf(migration);
  if (steps > MIGRATIONS.length) throw new Error(`not a migration of MIGRATIONS: ${migration.name}`);
  for (let i = 0; i < steps; i++) await ds.undoLastMigration({ transaction: 'each' });
}
