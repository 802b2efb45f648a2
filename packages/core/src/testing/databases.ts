/**
 * Throwaway databases for tests, on SQLite and on MariaDB/MySQL, for core's own tests and for
 * other systems that test against core: `import { testDatabase } from '@tiaojie/core/testing'`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type TestEngine = 'sqlite' | 'mysql';

/** Where the MariaDB/MySQL server for tests is (no database part): `TEST_MYSQL_URL`. */
export const TEST_MYSQL_SERVER = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** The engines to test on: `TEST_ENGINES` (default both). */
export const TEST_ENGINES = (process.env.TEST_ENGINES ?? 'sqlite,mysql').split(',').map((s) => s.trim()) as TestEngine[];

/** A fresh, empty database; `drop` removes it. */
export interface TestDatabase {
  engine: TestEngine;
  /** The database's name on MySQL; the file on SQLite. */
  name: string;
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

/** Create an empty database on the engine. MySQL databases are named `<prefix>_<pid>_<n>`; `test` is never touched. */
export async function testDatabase(engine: TestEngine, prefix = 'tiaojie_t'): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    const file = join(dir, 'test.sqlite');
    return { engine, name: file, url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${prefix}_${process.pid}_${++counter}`;
  const sql = async (statement: string) => {
    const c = await createConnection({ uri: TEST_MYSQL_SERVER, connectTimeout: 3000 });
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await sql(`DROP DATABASE IF EXISTS \`${name}\``);
  await sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return { engine, name, url: `${TEST_MYSQL_SERVER.replace(/\/$/, '')}/${name}`, drop: () => sql(`DROP DATABASE IF EXISTS \`${name}\``) };
}

let reachable: Promise<boolean> | undefined;

/** Whether the test MariaDB/MySQL server answers (asked once per process). */
export function mysqlReachable(): Promise<boolean> {
  return (reachable ??= createConnection({ uri: TEST_MYSQL_SERVER, connectTimeout: 2000 }).then(
    async (c) => (await c.end(), true),
    () => false,
  ));
}

/**
 * Whether a MySQL suite can run: true when the server answers; in CI (`CI` set) an unreachable
 * server is an error, elsewhere the suite should be skipped (false).
 */
export async function mysqlAvailable(): Promise<boolean> {
  if (await mysqlReachable()) return true;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`MariaDB is not reachable at ${TEST_MYSQL_SERVER}: CI must test on it`);
  console.warn(`      (MariaDB not reachable at ${TEST_MYSQL_SERVER}: skipping, as this is not CI)`);
  return false;
}
