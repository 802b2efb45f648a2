/**
 * `npm run bench`: tiaojie's API over loopback beside a bare Koa + @koa/router + mysql2 ceiling
 * (`ceiling.ts`) on the same database, both driven by autocannon. Fills a database of N cases
 * through the bulk loader (demo county, `generateCases`), starts both servers as child processes,
 * runs each request for a few seconds, prints requests/s, p50/p99, the ratio to the ceiling and
 * the API's peak RSS, writes the result as JSON under `bench/results/` and as a table in
 * `docs/performance.md`, and stops everything it started (the bench database is dropped).
 *
 *   node packages/demo/dist/bench/http.js [--cases 100000 | --million] [--engine mysql|sqlite]
 *        [--connections 32] [--duration 8] [--mysql mysql://root@127.0.0.1:3306] [--no-doc]
 *        [--only case,register] [--db tiaojie_bench_http] [--keep]
 *        [--soak <minutes>] [--node-options="<flags for the API's node>"] [--sqlite-file <path>]
 *
 * The API runs with `memory-probe.js` preloaded: after every request the bench asks it for its
 * memory breakdown (resident set, V8 heap by space, external). `--soak <minutes>` runs, instead
 * of the requests one by one, a mixed load of all of them but the text search for that long,
 * samples the API's memory every 10 s, and prints the series and the slope of the resident set.
 * `--sqlite-file <path>` (SQLite) fills that file when it does not exist (the demo's users and
 * organizations beside it in `<path>.json`) and reuses it, never deleting it, when it does: one
 * database for runs before and after a change.
 *
 * `--only` runs the requests of those keys (health, case, county, township, red, search, dashboard,
 * register, transition, statistics: the admin's statistics page timed in chromium, see `page.ts`). `--keep` keeps
 * the MariaDB database and writes the demo accounts beside it (`bench/.fill/<db>-<n>.json`), so the
 * next run with `--keep` and the same `--db` and `--cases` reuses it instead of filling again.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openTiaojie } from '@tiaojie/core';
import { generateCases } from '../bulk';
import { DEFAULT_DEMO_PASSWORD, seedDemo, type DemoSummary } from '../seed';
import { canTimePages, chromiumPath, pageTable, timeStatisticsPage, type PageTimes } from './page';
import { askMemory, memoryLine, runSoak, soakTable, type MemoryMiB, type SoakResult } from './soak';

const ROOT = resolve(__dirname, '../../../..');
const KEY = Buffer.alloc(32, 42).toString('base64');
const BENCH_DB = 'tiaojie_bench_http';

interface Req {
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  token?: string;
}
/** A request made anew for each call (a transition needs the case's current version). */
interface Dyn {
  dynamic: (i: number) => { setup: (req: Record<string, unknown>, ctx: Record<string, unknown>) => Record<string, unknown>; onResponse: (status: number, body: string, ctx: Record<string, unknown>) => void };
  token?: string;
}
interface Scenario {
  key: string;
  what: string;
  api: Req | Dyn;
  bare?: Req | Dyn;
}
export interface BenchRow {
  what: string;
  api: { rps: number; p50: number; p99: number; errors: number; non2xx: number };
  bare?: { rps: number; p50: number; p99: number; errors: number; non2xx: number };
  ratio?: number;
  /** The API's memory right after the request's run (MiB). */
  memory?: MemoryMiB;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Peak resident set size of a process (Linux: VmHWM), in MiB. */
function peakRss(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function drive(url: string, req: Req | Dyn, connections: number, duration: number) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let r: autocannon.Result;
  if ('dynamic' in req) {
    // Each connection works on its own case: a per-connection context keeps its version.
    let next = 0;
    const { setup, onResponse } = req.dynamic(0);
    r = await autocannon({
      url,
      headers,
      connections,
      duration,
      timeout: 20,
      requests: [
        {
          setupRequest: ((rq: Record<string, unknown>, ctx: Record<string, unknown>) => {
            if (ctx.slot === undefined) ctx.slot = next++;
            return setup(rq, ctx);
          }) as never,
          onResponse: ((status: number, body: string, ctx: Record<string, unknown>) => onResponse(status, body, ctx)) as never,
        },
      ],
    });
  } else {
    r = await autocannon({ url: url + req.path, method: req.method ?? 'GET', body: req.body, headers, connections, duration, timeout: 20 });
  }
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function fill(url: string, n: number) {
  const tj = await openTiaojie({ url, dataKey: KEY });
  try {
    const t0 = Date.now();
    const demo = await seedDemo(tj, { cases: 300 });
    await generateCases(tj, demo, n, { log: (l) => console.log(`  ${l.trim()}`) });
    console.log(`  filled ${n.toLocaleString('en')} cases in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    return demo;
  } finally {
    await tj.close();
  }
}

function printTable(rows: BenchRow[]): string {
  const f = (x: number | undefined) => (x === undefined ? '—' : x.toLocaleString('en'));
  const lines = [
    '| request | tiaojie req/s | p50 / p99 ms | bare req/s | p50 / p99 ms | ratio |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.what} | ${f(r.api.rps)}${r.api.non2xx || r.api.errors ? ` (${r.api.non2xx + r.api.errors} failed)` : ''} | ${r.api.p50} / ${r.api.p99} | ${f(r.bare?.rps)} | ${r.bare ? `${r.bare.p50} / ${r.bare.p99}` : '—'} | ${r.ratio === undefined ? '—' : r.ratio.toFixed(2)} |`,
    ),
  ];
  return lines.join('\n');
}

/** Replaces the section between the bench's markers in docs/performance.md (or appends one). */
function writeDoc(key: string, text: string) {
  const file = join(ROOT, 'docs/performance.md');
  const begin = `<!-- bench:${key}:begin -->`;
  const end = `<!-- bench:${key}:end -->`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const block = `${begin}\n${text}\n${end}`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  doc = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, doc);
}

async function main() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      million: { type: 'boolean', default: false },
      engine: { type: 'string', default: 'mysql' },
      connections: { type: 'string', default: '32' },
      duration: { type: 'string', default: '8' },
      mysql: { type: 'string', default: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306' },
      'no-doc': { type: 'boolean', default: false },
      soak: { type: 'string', default: '0' },
      'node-options': { type: 'string', default: '' },
      'sqlite-file': { type: 'string' },
      only: { type: 'string' },
      db: { type: 'string', default: BENCH_DB },
      keep: { type: 'boolean', default: false },
    },
  });
  const soakMinutes = Number(values.soak);
  const nodeFlags = values['node-options'].split(/\s+/).filter(Boolean);
  const only = values.only?.split(',').map((w) => w.trim()).filter(Boolean);
  // A soak has a database of its own, so it never drops the one a bench running beside it uses.
  const dbName = soakMinutes > 0 && values.db === BENCH_DB ? `${BENCH_DB}_soak` : values.db;
  if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`--db: letters, digits and _ only`);
  const n = values.million ? 1_000_000 : Number(values.cases);
  const engine = values.engine as 'mysql' | 'sqlite';
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const started = Date.now();
  const children: ChildProcess[] = [];
  let cleanup: () => Promise<void>;
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  console.log(`tiaojie HTTP bench: ${n.toLocaleString('en')} cases on ${engine}, ${connections} connections, ${duration} s per request; ${machine}`);

  let dbUrl: string;
  let kept: Pick<DemoSummary, 'orgs' | 'users'> | null = null;
  const keptFile = join(ROOT, 'bench/.fill', `${dbName}-${n}.json`);
  if (engine === 'mysql') {
    const { createConnection } = await import('mysql2/promise');
    const server = values.mysql.replace(/\/$/, '');
    const admin = await createConnection({ uri: server, connectTimeout: 2000 });
    const [exists] = await admin.query<Array<{ n: number } & import('mysql2').RowDataPacket>>('SELECT COUNT(*) AS n FROM information_schema.schemata WHERE schema_name = ?', [dbName]);
    if (values.keep && Number(exists[0].n) > 0 && existsSync(keptFile)) {
      kept = JSON.parse(readFileSync(keptFile, 'utf8'));
      console.log(`  reusing database ${dbName} (${keptFile})`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    dbUrl = `${server}/${dbName}`;
    cleanup = async () => {
      if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    };
  } else if (values['sqlite-file']) {
    dbUrl = `sqlite:${resolve(values['sqlite-file'])}`;
    cleanup = async () => undefined;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-http-'));
    dbUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const rows: BenchRow[] = [];
  let apiPeak: number | null;
  let soak: SoakResult | null = null;
  let page: PageTimes | null = null;
  try {
    const sqliteKept = values['sqlite-file'] ? `${resolve(values['sqlite-file'])}.json` : null;
    let demo: Pick<DemoSummary, 'orgs' | 'users'>;
    if (sqliteKept && existsSync(sqliteKept)) {
      demo = JSON.parse(readFileSync(sqliteKept, 'utf8'));
      console.log(`  reusing ${values['sqlite-file']} as it is (the figures say nothing of --cases)`);
    } else {
      demo = kept ?? (await fill(dbUrl, n));
      if (sqliteKept) writeFileSync(sqliteKept, JSON.stringify({ users: demo.users, orgs: demo.orgs }));
    }
    if (values.keep && !kept && engine === 'mysql') {
      mkdirSync(join(ROOT, 'bench/.fill'), { recursive: true });
      writeFileSync(keptFile, JSON.stringify({ orgs: demo.orgs, users: demo.users }));
    }
    const user = (u: string) => demo.users.find((x) => x.username === u)!;
    const org = (id: number) => demo.orgs.find((o) => o.id === id)!;

    // The API, as `npm start` runs it.
    const apiPort = await freePort();
    let apiLog = '';
    const api = spawn(process.execPath, [...nodeFlags, '-r', join(__dirname, 'memory-probe.js'), join(ROOT, 'packages/api/dist/main.js')], {
      env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', DATABASE_URL: dbUrl, TIAOJIE_DATA_KEY: KEY, JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'error', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.push(api);
    api.stdout?.on('data', (d) => (apiLog += d));
    api.stderr?.on('data', (d) => (apiLog += d));
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${apiUrl}/api/health`, api, () => apiLog);

    let bareUrl: string | null = null;
    if (engine === 'mysql') {
      const barePort = await freePort();
      const bare = fork(join(__dirname, 'ceiling.js'), [dbUrl, String(barePort)], { stdio: 'inherit' });
      children.push(bare);
      bareUrl = `http://127.0.0.1:${barePort}`;
      await waitFor(`${bareUrl}/health`, bare, () => '');
    }

    const login = async (username: string) => {
      const r = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEFAULT_DEMO_PASSWORD }) });
      if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { token: string }).token;
    };
    const admin = await login('admin');
    const mediatorUser = user('cg_med1');
    const mediator = await login('cg_med1');
    const leader = await login('leader');
    const clerkUser = user('cg_clerk');
    const clerk = await login('cg_clerk');
    const township = org(mediatorUser.organizationId);
    const county = org(user('admin').organizationId);
    const clerkOrg = org(clerkUser.organizationId);
    const village = demo.orgs.find((o) => o.type === 'village' && o.path.startsWith(clerkOrg.path))!;
    // A case in the township's scope, so the mediator may read it.
    const list = await fetch(`${apiUrl}/api/cases?${new URLSearchParams({ filter: JSON.stringify({ organizationId: township.id }), range: '[0,0]' })}`, { headers: { authorization: `Bearer ${mediator}` } });
    const sampleId = ((await list.json()) as Array<{ id: number }>)[0].id;
    const q = (filter: object, sort: [string, string] = ['registeredAt', 'DESC']) =>
      `?${new URLSearchParams({ filter: JSON.stringify(filter), sort: JSON.stringify(sort), range: '[0,24]' })}`;
    const walkIn = {
      channel: 'walk_in',
      category: 'neighbourhood',
      title: '邻里纠纷（压测）',
      description: '压测登记：双方因院墙排水问题发生争执，申请调解。',
      amountFen: 300000,
      placeOrgId: village.id,
      parties: [
        { role: 'applicant', kind: 'person', name: '压测甲', phone: '13800138000' },
        { role: 'respondent', kind: 'person', name: '压测乙' },
      ],
    };
    // Cases the mediator is mediating: one per connection, for a transition (recording a session).
    const mine = await fetch(`${apiUrl}/api/cases?${new URLSearchParams({ filter: JSON.stringify({ status: 'mediating', mediatorId: mediatorUser.id }), range: `[0,${connections * 8 - 1}]` })}`, {
      headers: { authorization: `Bearer ${mediator}` },
    });
    // Not those where a party refused mediation: a session may not be recorded there.
    const mediating = ((await mine.json()) as Array<{ id: number; version: number; consent: string | null }>).filter((c) => c.consent !== 'refused').map((c) => ({ id: c.id, version: c.version }));
    if (mediating.length < connections * 2) console.log(`  only ${mediating.length} mediating cases for ${connections} connections: transitions may conflict`);
    const session = (version?: number) =>
      JSON.stringify({ action: 'recordSession', ...(version === undefined ? {} : { version }), heldAt: new Date(Date.now() - 3_600_000).toISOString(), place: '调解室（压测）', participants: '双方当事人', minutes: '压测：双方陈述意见，约定下次调解时间。' });
    let failureShown = false;
    // Requests go round the cases (more cases than connections), each with its case's last known
    // version: a case is asked again only after the others, when its last answer is in. A
    // connection remembers which cases it asked, in order (autocannon may build the next request
    // before the last answer arrives).
    const transition = (bare: boolean): Dyn => {
      const version = new Map(mediating.map((c) => [c.id, c.version]));
      let turn = 0;
      return {
        token: bare ? undefined : mediator,
        dynamic: () => ({
          setup: (req, ctx) => {
            const c = mediating[turn++ % Math.max(1, mediating.length)];
            ((ctx.asked ??= []) as number[]).push(c.id);
            return bare
              ? { ...req, method: 'POST', path: `/cases/${c.id}/transitions?scope=${encodeURIComponent(township.path)}`, body: session() }
              : { ...req, method: 'POST', path: `/api/cases/${c.id}/transitions`, body: session(version.get(c.id)) };
          },
          onResponse: (status, body, ctx) => {
            const id = (ctx.asked as number[]).shift()!;
            const now = status === 200 ? /"version":(\d+)/.exec(body) : status === 409 ? /"currentVersion":(\d+)/.exec(body) : null;
            if (now && !bare) version.set(id, Math.max(version.get(id) ?? 0, Number(now[1])));
            if (status >= 300 && !failureShown) {
              failureShown = true;
              console.log(`  first failure (${bare ? 'bare' : 'api'}): ${status} ${body.slice(0, 300)}`);
            }
          },
        }),
      };
    };
    const all: Scenario[] = [
      { key: 'health', what: 'health / hello', api: { path: '/api/health' }, bare: { path: '/health' } },
      { key: 'case', what: 'case by id (mediator, scope and masking)', api: { path: `/api/cases/${sampleId}`, token: mediator }, bare: { path: `/cases/${sampleId}?scope=${encodeURIComponent(township.path)}` } },
      { key: 'county', what: 'first page + total, whole county (admin)', api: { path: `/api/cases${q({})}`, token: admin }, bare: { path: `/cases?scope=${encodeURIComponent(county.path)}` } },
      { key: 'township', what: "township's open cases (its mediator)", api: { path: `/api/cases${q({ organizationId: township.id, open: true })}`, token: mediator }, bare: { path: `/cases?scope=${encodeURIComponent(township.path)}&open=1` } },
      { key: 'red', what: 'red lights by deadline (leader)', api: { path: `/api/cases${q({ light: 'red' }, ['deadlineAt', 'ASC'])}`, token: leader }, bare: { path: `/cases?scope=${encodeURIComponent(county.path)}&light=red&sort=deadline` } },
      { key: 'search', what: 'text search, a party name (admin)', api: { path: `/api/cases${q({ q: '王' })}`, token: admin } },
      { key: 'dashboard', what: "leader's dashboard", api: { path: '/api/stats/dashboard', token: leader } },
      {
        key: 'register',
        what: 'register a walk-in case (clerk)',
        api: { path: '/api/cases', method: 'POST', body: JSON.stringify(walkIn), token: clerk },
        bare: { path: '/cases', method: 'POST', body: JSON.stringify({ ...walkIn, orgId: clerkOrg.id, orgPath: clerkOrg.path, userId: clerkUser.id }) },
      },
      { key: 'transition', what: 'record a session (mediator, a transition)', api: transition(false), bare: transition(true) },
    ];
    console.log(`  API started: ${memoryLine(await askMemory(api))}`);
    if (soakMinutes > 0) {
      // The soak repeats fixed requests: not the text search, not the transition (it follows versions).
      const fixed = all.flatMap((s) => (s.key !== 'search' && 'path' in s.api ? [s.api] : []));
      soak = await runSoak(apiUrl, api, fixed, connections, soakMinutes);
    } else {
      for (const s of all.filter((x) => !only || only.includes(x.key))) {
        const a = await drive(apiUrl, s.api, connections, duration);
        const memory = (await askMemory(api)) ?? undefined;
        const b = s.bare && bareUrl ? await drive(bareUrl, s.bare, connections, duration) : undefined;
        const row: BenchRow = { what: s.what, api: a, bare: b, ratio: b && b.rps ? a.rps / b.rps : undefined, memory };
        rows.push(row);
        console.log(`  ${s.what}: ${a.rps} req/s (p50 ${a.p50} ms, p99 ${a.p99} ms${a.non2xx + a.errors ? `, ${a.non2xx + a.errors} failed` : ''})${b ? ` vs bare ${b.rps} req/s (p50 ${b.p50}, p99 ${b.p99})` : ''}`);
        console.log(`    ${memoryLine(memory ?? null)}`);
      }
      if ((!only || only.includes('statistics')) && !canTimePages()) console.log(`  statistics page not timed: no chromium at ${chromiumPath()} (apt-get install -y chromium, or CHROMIUM_PATH)`);
      else if (!only || only.includes('statistics')) {
        page = await timeStatisticsPage(apiUrl, 'leader', DEFAULT_DEMO_PASSWORD);
        console.log(`  ${pageTable(page).replace(/\n/g, '\n  ')}`);
      }
    }
    apiPeak = peakRss(api.pid);
  } finally {
    for (const c of children.reverse()) await stop(c);
    await cleanup();
  }

  const elapsed = Math.round((Date.now() - started) / 1000);
  const stamp = new Date().toISOString();
  const resultsDir = join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  if (soak) {
    const flags = nodeFlags.length ? ` --node-options="${nodeFlags.join(' ')}"` : '';
    const command = `npm run bench -- --engine ${engine} ${values.million ? '--million' : `--cases ${n}`} --connections ${connections} --soak ${soakMinutes}${flags}${values['sqlite-file'] ? ' --sqlite-file <file>' : ''}`;
    const text = soakTable(soak);
    console.log(`\n${text}\n\nAPI peak RSS: ${apiPeak ?? '?'} MiB; bench took ${elapsed} s`);
    const file = join(resultsDir, `${stamp.slice(0, 19).replace(/[:T]/g, '-')}-${engine}-${n}-soak.json`);
    writeFileSync(file, `${JSON.stringify({ at: stamp, engine, cases: n, connections, soakMinutes, nodeFlags, machine, command, apiPeakRssMiB: apiPeak, ...soak }, null, 2)}\n`);
    console.log(`wrote ${file}`);
    if (!values['no-doc']) {
      writeDoc(
        `soak-${engine}`,
        `### Soak: ${engine === 'mysql' ? 'MariaDB' : 'SQLite'}, ${n.toLocaleString('en')} cases, ${connections} connections, ${soakMinutes} min (${stamp.slice(0, 10)})\n\n` +
          `Machine: ${machine}. Command: \`${command}\`. API peak RSS ${apiPeak ?? '?'} MiB.\n\n${text}`,
      );
    }
    return;
  }
  const table = printTable(rows) + (page ? `\n\n${pageTable(page)}` : '');
  console.log(`\n${table}\n\nAPI peak RSS: ${apiPeak ?? '?'} MiB; bench took ${elapsed} s`);
  const command = `npm run bench -- --engine ${engine} ${values.million ? '--million' : `--cases ${n}`} --connections ${connections} --duration ${duration}`;
  const file = join(resultsDir, `${stamp.slice(0, 19).replace(/[:T]/g, '-')}-${engine}-${n}.json`);
  writeFileSync(file, `${JSON.stringify({ at: stamp, engine, cases: n, connections, duration, machine, command, apiPeakRssMiB: apiPeak, rows, statisticsPage: page }, null, 2)}\n`);
  console.log(`wrote ${file}`);
  if (!values['no-doc'] && !values.only) {
    writeDoc(
      `${engine}-${connections}`,
      `### ${engine === 'mysql' ? 'MariaDB' : 'SQLite'}, ${n.toLocaleString('en')} cases, ${connections} connection${connections > 1 ? 's' : ''} (${stamp.slice(0, 10)})\n\n` +
        `Machine: ${machine}. Command: \`${command}\`. API peak RSS ${apiPeak ?? '?'} MiB.\n\n${table}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
