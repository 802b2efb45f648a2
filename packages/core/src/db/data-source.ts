import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { SnakeNamingStrategy } from './naming';

export const MIGRATIONS = [InitialSchema1763800000000];

export type Engine = 'sqlite' | 'mysql';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/tiaojie.sqlite';

/** Parse `sqlite:<file>` (or `sqlite::memory:`) and `mysql://user:pass@host:port/db`. */
export function dataSourceOptions(url: string): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, namingStrategy: new SnakeNamingStrategy(), synchronize: false, logging: false } as const;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || './data/tiaojie.sqlite';
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: file !== ':memory:',
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    return {
      ...common,
      type: 'mysql',
      url: url.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      connectTimeout: 5000,
      extra: { connectionLimit: 10 },
    };
  }
  throw new Error(`Unsupported database URL (expected sqlite:<file> or mysql://…): ${url.replace(/\/\/[^@]*@/, '//***@')}`);
}

export const engineOf = (ds: DataSource): Engine => (ds.options.type === 'mysql' ? 'mysql' : 'sqlite');

/** Open a data source and bring its schema up to date with the committed migrations. */
export async function connect(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } catch (e) {
    await ds.destroy();
    throw e;
  }
  return ds;
}

/** A tiny FIFO mutex: SQLite has one writer and one connection, so its transactions take turns. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
const sqliteLocks = new WeakMap<DataSource, Mutex>();

const RETRYABLE_MYSQL = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const isRetryable = (e: unknown) => {
  const code = (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (e as { code?: string })?.code;
  return typeof code === 'string' && RETRYABLE_MYSQL.has(code);
};

/**
 * Run one command in one transaction. On SQLite the transactions of one data source are
 * serialized; on MySQL/MariaDB/TiDB a deadlock victim is retried a few times (the whole command
 * runs again, so it must be written to be re-runnable, which a transaction body is).
 */
export async function transaction<T>(ds: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  if (engineOf(ds) === 'sqlite') {
    let lock = sqliteLocks.get(ds);
    if (!lock) sqliteLocks.set(ds, (lock = new Mutex()));
    return lock.run(() => ds.transaction(fn));
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(fn);
    } catch (e) {
      if (attempt >= 5 || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
