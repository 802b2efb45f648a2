import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openTiaojie, OpenOptions, Tiaojie } from '../../src';

/** Where the MariaDB/MySQL server for tests is (no database part). */
export const MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const inCI = !!process.env.CI;
const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

let counter = 0;

/** A fresh, empty, migrated database on one engine; `drop` removes it. */
export interface TestDb {
  url: string;
  open(opts?: Omit<OpenOptions, 'url'>): Promise<Tiaojie>;
  drop(): Promise<void>;
}

async function sqliteDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-test-'));
  const url = `sqlite:${join(dir, 'test.sqlite')}`;
  return { url, open: (o = {}) => openTiaojie({ dataKey: TEST_KEY, ...o, url }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function mysqlDb(): Promise<TestDb> {
  const name = `tiaojie_t${process.pid}_${++counter}`;
  const admin = await createConnection({ uri: MYSQL_SERVER, connectTimeout: 3000 });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = `${MYSQL_SERVER.replace(/\/$/, '')}/${name}`;
  return {
    url,
    open: (o = {}) => openTiaojie({ dataKey: TEST_KEY, ...o, url }),
    drop: async () => {
      const c = await createConnection({ uri: MYSQL_SERVER });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

let mysqlReachable: Promise<boolean> | undefined;
const probeMysql = () =>
  (mysqlReachable ??= createConnection({ uri: MYSQL_SERVER, connectTimeout: 2000 }).then(
    async (c) => (await c.end(), true),
    () => false,
  ));

export const ENGINES = (process.env.TEST_ENGINES ?? 'sqlite,mysql').split(',') as Array<'sqlite' | 'mysql'>;

/**
 * Run a suite once per engine, each with its own fresh database. MariaDB that cannot be reached
 * fails the run in CI, and is skipped with a warning elsewhere.
 */
export function forEachEngine(title: string, body: (ctx: { db: () => TestDb; engine: 'sqlite' | 'mysql' }) => void): void {
  for (const engine of ENGINES) {
    describe(`${title} [${engine}]`, function () {
      let db: TestDb | undefined;
      before(async function () {
        if (engine === 'mysql' && !(await probeMysql())) {
          if (inCI) throw new Error(`MariaDB is not reachable at ${MYSQL_SERVER}: CI must test on it`);
          console.warn(`      (MariaDB not reachable at ${MYSQL_SERVER}: skipping, as this is not CI)`);
          this.skip();
        }
        db = engine === 'sqlite' ? await sqliteDb() : await mysqlDb();
      });
      after(async () => db?.drop());
      body({ db: () => db!, engine });
    });
  }
}
