/**
 * Test support: start the real API (built dist) on a loopback port with a fresh SQLite file,
 * and seed a small center through the API itself (organizations, people of each role, a few cases).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const ADMIN_PASSWORD = 'e2e-admin-password';
/** Where browser tests leave their screenshots (not committed). */
export const ARTIFACTS = join(ROOT, 'packages/admin/test-artifacts');

/**
 * After a passing run with UPDATE_DOCS_SCREENSHOTS=1, copy the named screenshots into
 * docs/screenshots for the user guide.
 */
export function publishDocShots(names: readonly string[], failures: number): void {
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== '1' || failures > 0) return;
  const docs = join(ROOT, 'docs/screenshots');
  mkdirSync(docs, { recursive: true });
  for (const name of names) copyFileSync(join(ARTIFACTS, `${name}.png`), join(docs, `${name}.png`));
}
export const PASSWORD = 'e2e-password-1';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/** Starts `node packages/api/dist/main.js` on an ephemeral port and waits for /api/health. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'packages/api/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
      TIAOJIE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      // Not left running: an orphaned API keeps mocha from exiting.
      child.kill('SIGTERM');
      throw new Error(`API did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny JSON client of the API. */
export function client(url: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${url}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return json;
  };
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, b: unknown) => call('POST', p, b),
    put: (p: string, b: unknown) => call('PUT', p, b),
  };
}

export async function login(url: string, username: string, password: string) {
  const { token, user } = await client(url).post('/auth/login', { username, password });
  return { token, user, api: client(url, token) };
}

/** A resident ID number with its ISO 7064 check character. */
export function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}
export const PERSON_ID = idNumber('11010519800101001');

export interface Seeded {
  users: Record<'mediator' | 'mediator2' | 'clerk' | 'grid' | 'adviser' | 'leader', { username: string; password: string; id: number }>;
  orgs: Record<string, number>;
}

/** A county center with a township, a village and its grid, a specialised committee, people of every role, and a few cases. */
export async function seed(url: string, adminPassword = ADMIN_PASSWORD): Promise<Seeded> {
  const { api, user: admin } = await login(url, 'admin', adminPassword);
  const root = admin.organizationId as number;
  const org = (body: Record<string, unknown>) => api.post('/organizations', { parentId: root, ...body }).then((o: any) => o.id as number);
  const township = await org({ name: '城关镇矛调中心', type: 'township', caseNumberPrefix: '青城', regionCode: '140105001' });
  const village = await org({ name: '城东社区', type: 'village', parentId: township, regionCode: '140105001001' });
  const grid = await org({ name: '城东社区第一网格', type: 'grid', parentId: village });
  await org({ name: '解放村', type: 'village', parentId: township });
  const committee = await org({ name: '物业纠纷人民调解委员会', type: 'specialized', caseNumberPrefix: '青物' });
  await org({ name: '县人民法院诉调对接工作室', type: 'channel', channel: 'court' });
  const mk = async (username: string, displayName: string, roles: string[], organizationId: number) => {
    const u = await api.post('/users', { username, displayName, password: PASSWORD, roles, organizationId });
    return { username, password: PASSWORD, id: u.id as number };
  };
  const users = {
    mediator: await mk('chen_med', '陈调解', ['mediator', 'clerk'], root),
    mediator2: await mk('li_med', '李德明', ['mediator'], root),
    clerk: await mk('wang_clerk', '王晓燕', ['clerk'], root),
    grid: await mk('grid_zhang', '张网格', ['grid'], grid),
    adviser: await mk('lawyer_lin', '林静怡律师', ['adviser'], root),
    leader: await mk('leader_zhou', '周志刚', ['leader'], root),
  };
  await api.post('/adviser-assignments', { adviserId: users.adviser.id, villageId: village, startsOn: '2026-01-01', endsOn: '2027-12-31' });

  // A few cases so lists and the dashboard have something to show.
  const { api: clerk } = await login(url, users.clerk.username, PASSWORD);
  const samples: Array<[string, string, string, number | undefined, string]> = [
    ['hotline', 'labour', '某建筑公司拖欠十二名农民工工资', 18640000, 'high'],
    ['walk_in', 'neighbourhood', '邻居加装空调外机噪音纠纷', undefined, 'low'],
    ['walk_in', 'marriage_family', '离婚后子女抚养费支付纠纷', 3600000, 'medium'],
    ['hotline', 'property_management', '小区电梯维修费用分摊纠纷', 8500000, 'medium'],
    ['walk_in', 'traffic', '电动车与行人碰撞赔偿纠纷', 1250000, 'low'],
  ];
  const ids: number[] = [];
  for (const [channel, category, title, amountFen, risk] of samples) {
    const c = await clerk.post('/cases', {
      channel,
      category,
      title,
      description: `${title}，当事人来中心申请调解。`,
      amountFen,
      risk,
      placeOrgId: village,
      parties: [
        { role: 'applicant', kind: 'person', name: '刘建国', idNumber: PERSON_ID, phone: '13800138000' },
        { role: 'respondent', kind: 'person', name: '赵小红', idNumber: idNumber('11010519900202002') },
      ],
    });
    ids.push(c.id);
  }
  // Move some along so the lists show several statuses.
  const run = async (id: number, action: string, payload: Record<string, unknown> = {}) => {
    const c = await clerk.get(`/cases/${id}`);
    return clerk.post(`/cases/${id}/transitions`, { action, version: c.version, ...payload });
  };
  for (const id of ids.slice(0, 3)) await run(id, 'accept', { triage: 'minor' });
  for (const id of ids.slice(0, 2)) await run(id, 'assign', { mediatorId: users.mediator2.id });
  return { users, orgs: { root, township, village, grid, committee } };
}
