import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, DataSourceOptions, EntityManager, QueryRunner } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { RecordVersions1763900000000 } from './migrations/1763900000000-record-versions';
import { UniqueCaseNumberPrefix1764000000000 } from './migrations/1764000000000-unique-case-number-prefix';
import { AuditEvents1764100000000 } from './migrations/1764100000000-audit-events';
import { ForeignKeys1764200000000 } from './migrations/1764200000000-foreign-keys';
import { Hardening1764300000000 } from './migrations/1764300000000-hardening';
import { AccessScope1764400000000 } from './migrations/1764400000000-access-scope';
import { Attachments1764500000000 } from './migrations/1764500000000-attachments';
import { Outflow1764600000000 } from './migrations/1764600000000-outflow';
import { HandoversAndChannelReferences1764700000000 } from './migrations/1764700000000-handovers-and-channel-references';
import { Figures1764900000000 } from './migrations/1764900000000-figures';
import { Warnings1764910000000 } from './migrations/1764910000000-warnings';
import { SubsidyStatements1764920000000 } from './migrations/1764920000000-subsidy-statements';
import { FigureMonths1764930000000 } from './migrations/1764930000000-figure-months';
import { SnakeNamingStrategy } from './naming';

/** Every migration, in timestamp order (one a line). */
import { DisputeCategories1764800000000 } from './migrations/1764800000000-dispute-categories';
import { CaseSourceAndParties1764810000000 } from './migrations/1764810000000-case-source-and-parties';
import { AgreementKinds1764820000000 } from './migrations/1764820000000-agreement-kinds';
import { EnforcementAndCourtDocuments1764830000000 } from './migrations/1764830000000-enforcement-and-court-documents';
import { MajorMatters1764840000000 } from './migrations/1764840000000-major-matters';
import { CaseNumberFormat1764850000000 } from './migrations/1764850000000-case-number-format';
import { PoolMediators1764860000000 } from './migrations/1764860000000-pool-mediators';
import { Holidays1764870000000 } from './migrations/1764870000000-holidays';
import { OutflowRetention1764875000000 } from './migrations/1764875000000-outflow-retention';
import { DashboardIndexes1765100000000 } from './migrations/1765100000000-dashboard-indexes';
import { CriminalRisk1765200000000 } from './migrations/1765200000000-criminal-risk';
import { OpenWarningKey1765300000000 } from './migrations/1765300000000-open-warning-key';
import { SubsidyGradings1765300000001 } from './migrations/1765300000001-subsidy-gradings';
import { FigureProjections1765350000000 } from './migrations/1765350000000-figure-projections';
import { CaseCounts1765500000000 } from './migrations/1765500000000-case-counts';
import { CaseTerms1765600000000 } from './migrations/1765600000000-case-terms';
export const MIGRATIONS = [
  InitialSchema1763800000000,
  RecordVersions1763900000000,
  UniqueCaseNumberPrefix1764000000000,
  AuditEvents1764100000000,
  ForeignKeys1764200000000,
  Hardening1764300000000,
  AccessScope1764400000000,
  Attachments1764500000000,
  Outflow1764600000000,
  HandoversAndChannelReferences1764700000000,
  DisputeCategories1764800000000,
  CaseSourceAndParties1764810000000,
  AgreementKinds1764820000000,
  EnforcementAndCourtDocuments1764830000000,
  MajorMatters1764840000000,
  CaseNumberFormat1764850000000,
  PoolMediators1764860000000,
  Holidays1764870000000,
  OutflowRetention1764875000000,
  Figures1764900000000,
  Warnings1764910000000,
  SubsidyStatements1764920000000,
  FigureMonths1764930000000,
  DashboardIndexes1765100000000,
  CriminalRisk1765200000000,
  OpenWarningKey1765300000000,
  SubsidyGradings1765300000001,
  FigureProjections1765350000000,
  CaseCounts1765500000000,
  CaseTerms1765600000000,
];

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
      // `trace: false`: mysql2's promise API otherwise captures a stack trace on every query, for
      // errors it raises; TypeORM's QueryFailedError keeps the caller's async stack anyway. About
      // 3% of the API's CPU under load (profile of a case by id, docs/performance.md).
      extra: { connectionLimit: 10, trace: false },
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
  if (engineOf(ds) === 'sqlite') takeTurnsOnSqlite(ds);
  return ds;
}

/** A FIFO mutex: SQLite has one writer and TypeORM one connection, so work on it takes turns. */
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

/** The entity manager of the `transaction()` the current async context runs in, if any. */
const openTransaction = new AsyncLocalStorage<EntityManager>();
const sqliteLocks = new WeakMap<DataSource, Mutex>();

/**
 * TypeORM gives a better-sqlite3 data source one shared query runner: a query issued while another
 * caller's transaction is open would silently run inside that transaction (and vanish with its
 * rollback), and an implicit `save()` transaction would swallow concurrent work. So on SQLite:
 * `transaction()` holds the lock for its whole length; every other statement takes the lock for
 * itself and runs on its own (autocommit), after any open transaction; implicit transactions
 * outside `transaction()` (TypeORM's `save()`) become plain statements.
 */
function takeTurnsOnSqlite(ds: DataSource): void {
  const lock = new Mutex();
  sqliteLocks.set(ds, lock);
  const runner = ds.driver.createQueryRunner('master') as QueryRunner & Record<string, unknown>;
  const inside = () => openTransaction.getStore()?.connection === ds;
  const query = runner.query.bind(runner);
  runner.query = ((...args: Parameters<QueryRunner['query']>) => (inside() ? query(...args) : lock.run(() => query(...args)))) as QueryRunner['query'];
  for (const name of ['startTransaction', 'commitTransaction', 'rollbackTransaction'] as const) {
    const original = runner[name].bind(runner) as (...a: unknown[]) => Promise<void>;
    runner[name] = ((...a: unknown[]) => (inside() ? original(...a) : Promise.resolve())) as never;
  }
}

const RETRYABLE_MYSQL = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const isRetryable = (e: unknown) => {
  const code = (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (e as { code?: string })?.code;
  return typeof code === 'string' && RETRYABLE_MYSQL.has(code);
};

/**
 * Run one command in one transaction; a `transaction()` inside another joins it. On SQLite the
 * work on one data source takes turns (see takeTurnsOnSqlite); on MySQL/MariaDB/TiDB a deadlock victim is retried a few times (the whole command
 * runs again, so it must be written to be re-runnable, which a transaction body is).
 */
export async function transaction<T>(ds: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  // Already inside one (a command calling a helper that opens its own): join it.
  const outer = openTransaction.getStore();
  if (outer?.connection === ds) return fn(outer);
  const inTransaction = (em: EntityManager) => openTransaction.run(em, () => fn(em));
  const lock = sqliteLocks.get(ds);
  // BEGIN and COMMIT run in the context too, so the shared runner lets them through.
  if (lock) return lock.run(() => openTransaction.run(ds.manager, () => ds.transaction(inTransaction)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.transaction(inTransaction);
    } catch (e) {
      if (attempt >= 5 || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
