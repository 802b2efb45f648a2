import { openTiaojie, OpenOptions, Tiaojie } from '@tiaojie/core';
import { mysqlAvailable, TEST_ENGINES, testDatabase, TestDatabase } from '@tiaojie/core/testing';

const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

/** A fresh, empty, migrated database on one engine. */
export interface TestDb extends TestDatabase {
  open(opts?: Omit<OpenOptions, 'url'>): Promise<Tiaojie>;
}

/**
 * Run a suite once per engine, each with its own fresh database. MariaDB that cannot be reached
 * fails the run in CI, and is skipped with a warning elsewhere.
 */
export function forEachEngine(title: string, body: (ctx: { db: () => TestDb; engine: 'sqlite' | 'mysql' }) => void): void {
  for (const engine of TEST_ENGINES) {
    describe(`${title} [${engine}]`, function () {
      let db: TestDb | undefined;
      before(async function () {
        if (engine === 'mysql' && !(await mysqlAvailable())) this.skip();
        const d = await testDatabase(engine);
        db = { ...d, open: (o = {}) => openTiaojie({ dataKey: TEST_KEY, ...o, url: d.url }) };
      });
      after(async () => db?.drop());
      body({ db: () => db!, engine });
    });
  }
}
