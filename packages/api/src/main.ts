/**
 * Start the server: open (and migrate) the database, make sure there is an admin to sign in with,
 * optionally fill the demo center, and listen. Configuration comes from the environment:
 * PORT, DATABASE_URL, JWT_SECRET, TIAOJIE_ADMIN_PASSWORD, TIAOJIE_DEMO, TIAOJIE_ADMIN_DIR,
 * CORS_ORIGIN, LOG_LEVEL, BODY_LIMIT, TIAOJIE_DATA_KEY, TIAOJIE_HISTORY_KEY, NODE_ENV.
 *
 * With NODE_ENV=production, JWT_SECRET and TIAOJIE_DATA_KEY must be set (the start is refused
 * otherwise); elsewhere a missing one is generated and kept in the database, with a warning.
 *
 * The webhook dispatcher and the light sweep with TIAOJIE_WORKERS (0 turns
 * both off in this process), WEBHOOK_TIMEOUT_MS, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BACKOFF_MS, WEBHOOK_LEASE_MS, WEBHOOK_INTERVAL_MS and
 * LIGHT_SWEEP_INTERVAL_MS; the sweep also removes delivered deliveries and outbox events older than
 * OUTFLOW_RETENTION_DAYS (90); messages to parties go to MESSAGE_GATEWAY_URL (with MESSAGE_GATEWAY_TOKEN) or, unset, to the log.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import * as core from '@tiaojie/core';
import { openTiaojie, type Tiaojie } from '@tiaojie/core';
import pino from 'pino';
import { createApp } from './app';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });

/** The built admin: TIAOJIE_ADMIN_DIR, else packages/admin/dist when it has been built. */
export function adminDir(): string | null {
  if (process.env.TIAOJIE_ADMIN_DIR) return resolve(process.env.TIAOJIE_ADMIN_DIR);
  const candidates: string[] = [];
  try {
    candidates.push(join(dirname(require.resolve('@tiaojie/admin/package.json')), 'dist'));
  } catch {
    /* not installed as a workspace */
  }
  candidates.push(resolve(__dirname, '../../admin/dist'));
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? null;
}

/** On an empty database: the demo center when asked, and in any case an admin to sign in with. */
export async function bootstrap(tj: Tiaojie, logger: Pick<pino.Logger, 'info' | 'warn'> = log): Promise<void> {
  const demo = process.env.TIAOJIE_DEMO === '1';
  // The demo fills only a database core calls empty (no organization, no user); the first admin, one without users.
  if (demo ? !(await tj.isEmpty()) : (await tj.users.count()) > 0) {
    if (demo) {
      // The demo never mixes into real data; say so instead of starting as if nothing was asked.
      logger.warn('TIAOJIE_DEMO=1 ignored: the database already has data, so no demo center was loaded');
      console.log(
        '\n  tiaojie: TIAOJIE_DEMO=1 was ignored: the database already has data, so no demo center was loaded.\n' +
          '  For the demo, start on an empty database: delete ./data (rm -rf data && TIAOJIE_DEMO=1 npm start)\n' +
          '  or point DATABASE_URL at another, empty database.\n',
      );
    }
    return;
  }
  if (demo) {
    logger.info('TIAOJIE_DEMO=1: filling the empty database with the demo center…');
    // Loaded only when asked, so production installs may leave @tiaojie/demo out.
    const { seedDemo } = await import('@tiaojie/demo');
    const summary = await seedDemo(tj, { adminPassword: process.env.TIAOJIE_ADMIN_PASSWORD || undefined });
    logger.info({ cases: summary.cases, users: summary.users.length, ms: summary.elapsedMs }, 'demo center ready');
    // Printed for the newcomer: the accounts to sign in with.
    console.log(`\n${summary.table}\n`);
    return;
  }
  const given = process.env.TIAOJIE_ADMIN_PASSWORD;
  const password = given || randomBytes(12).toString('base64url');
  const { created } = await tj.ensureFirstAdmin({ centerName: process.env.TIAOJIE_CENTER_NAME, casePrefix: process.env.TIAOJIE_CASE_PREFIX, password });
  if (!created) return;
  if (given) logger.info('created user "admin" with the password from TIAOJIE_ADMIN_PASSWORD');
  // Printed once, on purpose: the newcomer needs it to sign in.
  else console.log(`\n  tiaojie: created user "admin" with password: ${password}\n  (set TIAOJIE_ADMIN_PASSWORD to choose it)\n`);
}

/**
 * Secrets kept beside the data protect nothing from whoever copies the database: in production
 * they must come from the environment. @throws MissingSecretError naming every missing one
 */
export function requireProductionSecrets(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  const missing = ['JWT_SECRET', 'TIAOJIE_DATA_KEY'].filter((k) => !env[k]);
  if (missing.length) throw new core.MissingSecretError(missing);
}

const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * The background work every API process shares through the database: the webhook dispatcher
 * (leases) and the light sweep (unique reminders). Safe in any number of processes.
 */
export function startWorkers(tj: Tiaojie): { stop(): Promise<void> } {
  if (process.env.TIAOJIE_WORKERS === '0') return { stop: async () => undefined };
  const dispatcher = tj
    .dispatcher({
      timeoutMs: envInt('WEBHOOK_TIMEOUT_MS', 10_000),
      maxAttempts: envInt('WEBHOOK_MAX_ATTEMPTS', 8),
      backoffMs: envInt('WEBHOOK_BACKOFF_MS', 5_000),
      leaseMs: envInt('WEBHOOK_LEASE_MS', envInt('WEBHOOK_TIMEOUT_MS', 10_000) + 5_000),
      intervalMs: envInt('WEBHOOK_INTERVAL_MS', 1_000),
      onError: (e) => log.warn({ err: e }, 'webhook dispatcher pass failed'),
    })
    .start();
  const retentionDays = envInt('OUTFLOW_RETENTION_DAYS', core.DEFAULT_OUTFLOW_RETENTION_DAYS);
  const sweeper = new core.LightSweeper(tj.notifications, {
    intervalMs: envInt('LIGHT_SWEEP_INTERVAL_MS', 60_000),
    onError: (e) => log.warn({ err: e }, 'light sweep failed'),
    lapse: async () => {
      const lapsed = await tj.cases.lapseOverdue();
      if (lapsed) log.info({ lapsed }, 'overdue cases failed by their category rule');
    },
    prune: async () => {
      const pruned = await tj.pruneOutflow({ retentionDays });
      if (pruned.deliveries || pruned.events) log.info({ pruned, retentionDays }, 'old webhook deliveries and outbox events removed');
    },
  }).start();
  log.info({ owner: dispatcher.owner }, 'webhook dispatcher and light sweep started');
  return { stop: async () => void (await Promise.all([dispatcher.stop(), sweeper.stop()])) };
}

export async function main(): Promise<Server> {
  requireProductionSecrets();
  const url = process.env.DATABASE_URL ?? core.DEFAULT_DATABASE_URL;
  const tj = await openTiaojie({ url, warn: (m) => log.warn(m) });
  await bootstrap(tj);
  if (process.env.MESSAGE_GATEWAY_URL) tj.messages.gateway = new core.HttpGateway({ url: process.env.MESSAGE_GATEWAY_URL, token: process.env.MESSAGE_GATEWAY_TOKEN });
  else tj.messages.gateway = new core.LogGateway((line) => log.info({ kind: 'party-message' }, line));
  let jwtSecret = process.env.JWT_SECRET;
  if (!jwtSecret) {
    jwtSecret = await tj.settings.getOrCreate('jwt_secret', () => randomBytes(48).toString('base64url'));
    log.warn('JWT_SECRET is not set: the token signing secret is kept in the database (settings), so a copy of the database can sign tokens. Set JWT_SECRET outside development.');
  }
  const staticDir = adminDir();
  const app = createApp({
    tj,
    log,
    jwtSecret,
    staticDir,
    bodyLimit: process.env.BODY_LIMIT ?? '1mb',
    corsOrigins: (process.env.CORS_ORIGIN ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  });
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, process.env.HOST ?? '0.0.0.0');
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  log.info({ port, database: tj.engine, admin: staticDir ? 'served at /' : 'not built (API only)' }, `tiaojie listening on http://localhost:${port}`);
  const workers = startWorkers(tj);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      log.warn('requests still running after 10 s; closing anyway');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await workers.stop().catch(() => undefined);
      await tj.close().catch(() => undefined);
      log.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return server;
}

if (require.main === module) {
  main().catch((e) => {
    log.fatal({ err: e }, 'tiaojie failed to start');
    process.exit(1);
  });
}
