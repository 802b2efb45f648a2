import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { idCheckChar, openTiaojie, type Clock, type Organization, type Tiaojie, type User } from '@tiaojie/core';
import { mysqlAvailable, TEST_ENGINES, testDatabase, type TestDatabase, type TestEngine } from '@tiaojie/core/testing';
import pino from 'pino';
import { createApp, type CreateAppOptions } from '../../src/app';

export const DATA_KEY = Buffer.alloc(32, 9).toString('base64');
export const JWT_SECRET = 'test-secret-of-sufficient-length';
export const PASSWORD = 'correct horse battery';

export type Engine = TestEngine;
export type TestDb = TestDatabase;
export const sqliteDb = () => testDatabase('sqlite', 'tiaojie_api');
export const mysqlDb = () => testDatabase('mysql', 'tiaojie_api');

/** Skip (or, in CI, fail) a MariaDB suite when the server is not there. */
export async function requireMysql(ctx: Mocha.Context) {
  if (!(await mysqlAvailable())) ctx.skip();
}

export interface Running {
  tj: Tiaojie;
  app: ReturnType<typeof createApp>;
  server: Server;
  base: string;
  close(): Promise<void>;
}

/** The app over a database, listening on 127.0.0.1 on an ephemeral port. */
export async function startApp(url: string, opts: Partial<CreateAppOptions> & { clock?: Clock } = {}): Promise<Running> {
  // Attachments: next to the SQLite file; for MariaDB a throwaway folder, never ./data of the checkout.
  const filesDir = url.startsWith('sqlite:') ? undefined : mkdtempSync(join(tmpdir(), 'tiaojie_api_files-'));
  const tj = await openTiaojie({ url, dataKey: DATA_KEY, clock: opts.clock, filesDir });
  const app = createApp({ tj, jwtSecret: JWT_SECRET, log: pino({ level: process.env.LOG_LEVEL ?? 'silent' }), ...opts });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const { port } = server.address() as AddressInfo;
  return {
    tj,
    app,
    server,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await tj.close().catch(() => undefined);
      if (filesDir) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP request; JSON in and out. */
export async function call<T = any>(base: string, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  } else if (opts.raw !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export const validId = (first17: string) => first17 + idCheckChar(first17);
export const ZHANG_ID = validId('11010519800101001');
export const LI_ID = validId('11010519850202002');

type OrgKey = 'county' | 'east' | 'eastVillage' | 'eastGrid' | 'west' | 'westVillage' | 'courtDesk' | 'policeDesk';
type UserKey = 'admin' | 'clerk' | 'eastMediator' | 'westMediator' | 'westClerk' | 'lawyer' | 'grid' | 'liaison' | 'leader';

export interface Center {
  org: Record<OrgKey, Organization>;
  user: Record<UserKey, User>;
  token: Record<UserKey, string>;
}

/** A small county: two townships with a village each, a grid, a court desk and a police desk, and one user per role. */
export async function buildCenter(run: Running): Promise<Center> {
  const o = run.tj.organizations;
  const county = await o.create({ name: '平安县矛盾纠纷调处化解中心', type: 'county', caseNumberPrefix: '平安' });
  const east = await o.create({ name: '东关镇', type: 'township', parentId: county.id, caseNumberPrefix: '平东' });
  const eastVillage = await o.create({ name: '东关村', type: 'village', parentId: east.id });
  const eastGrid = await o.create({ name: '东关村第一网格', type: 'grid', parentId: eastVillage.id });
  const west = await o.create({ name: '西河乡', type: 'township', parentId: county.id, caseNumberPrefix: '平西' });
  const westVillage = await o.create({ name: '西河村', type: 'village', parentId: west.id });
  const courtDesk = await o.create({ name: '平安县人民法院诉调对接工作室', type: 'channel', parentId: county.id, channel: 'court' });
  const policeDesk = await o.create({ name: '城关派出所公调对接室', type: 'channel', parentId: county.id, channel: 'police' });
  const mk = (username: string, displayName: string, roles: string[], org: Organization) =>
    run.tj.users.create({ username, displayName, password: PASSWORD, roles, organizationId: org.id });
  const user = {
    admin: await mk('admin', '管理员', ['admin'], county),
    clerk: await mk('clerk', '窗口小王', ['clerk'], county),
    eastMediator: await mk('med_east', '李调解', ['mediator'], east),
    westMediator: await mk('med_west', '周调解', ['mediator'], west),
    westClerk: await mk('clerk_west', '窗口小孙', ['clerk'], west),
    lawyer: await mk('lawyer', '陈律师', ['adviser'], county),
    grid: await mk('grid', '网格员小刘', ['grid'], eastGrid),
    liaison: await mk('liaison', '法院对接员', ['liaison'], courtDesk),
    leader: await mk('leader', '县领导', ['leader'], county),
  };
  const token = {} as Record<UserKey, string>;
  for (const [k, u] of Object.entries(user)) {
    const r = await call(run.base, 'POST', '/api/auth/login', { body: { username: u.username, password: PASSWORD } });
    if (r.status !== 200) throw new Error(`login ${u.username}: ${r.status} ${JSON.stringify(r.body)}`);
    token[k as UserKey] = r.body.token;
  }
  return { org: { county, east, eastVillage, eastGrid, west, westVillage, courtDesk, policeDesk }, user, token };
}

export const walkIn = (placeOrgId: number, extra: Record<string, unknown> = {}) => ({
  channel: 'walk_in',
  category: 'neighbourhood',
  title: '邻里排水纠纷',
  description: '张某与李某因院墙排水问题发生争执，双方多次协商未果。',
  amountFen: 500000,
  placeOrgId,
  parties: [
    { role: 'applicant', kind: 'person', name: '张三', idNumber: ZHANG_ID, phone: '13800138000' },
    { role: 'respondent', kind: 'person', name: '李四', idNumber: LI_ID },
  ],
  ...extra,
});

export const agreement = {
  facts: '双方因院墙排水问题发生纠纷。',
  disputes: '排水管道改造费用由谁承担。',
  responsibilities: '被申请人负主要责任。',
  terms: '被申请人于十日内改造排水管道，并补偿申请人人民币五千元。',
  amountFen: 500000,
  performanceMethod: '现金一次性支付',
  performanceDeadline: '2026-12-31',
  signedOn: '2026-11-20',
};

/** Run a suite once per engine with a fresh database and a running app with the test center. */
export function forEachEngine(title: string, body: (get: () => { run: Running; center: Center; engine: Engine }) => void) {
  for (const engine of TEST_ENGINES) {
    describe(`${title} [${engine}]`, function () {
      let db: TestDb | undefined;
      let state: { run: Running; center: Center; engine: Engine } | undefined;
      before(async function () {
        if (engine === 'mysql') await requireMysql(this);
        db = engine === 'sqlite' ? await sqliteDb() : await mysqlDb();
        const run = await startApp(db.url);
        state = { run, center: await buildCenter(run), engine };
      });
      after(async () => {
        await state?.run.close();
        await db?.drop();
      });
      body(() => state!);
    });
  }
}
