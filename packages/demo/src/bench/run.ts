/**
 * `npm run bench`: what tiaojie's core costs at county scale. On a temporary SQLite file, and on
 * MariaDB/MySQL when one answers (database `tiaojie_bench`, dropped afterwards): seed the demo
 * county, generate 100,000 cases, then time registrations, transitions, the case list, the
 * red-light query and the one-person lookup.
 *
 *   node packages/demo/dist/bench/run.js [--cases 100000] [--engines sqlite,mysql] [--mysql mysql://root@127.0.0.1:3306]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Actor } from '@tiaojie/core';
import { idNumberFor } from '../people';
import { Rng } from '../random';
import { generateCases } from '../bulk';
import { seedDemo } from '../seed';
import { openTiaojie, Tiaojie } from '@tiaojie/core';

interface Row {
  engine: string;
  what: string;
  figure: string;
  note?: string;
}

const rows: Row[] = [];
const KEY = Buffer.alloc(32, 42).toString('base64');

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ p50: number; p95: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  await fn(); // warm up
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = await fn();
    times.push(ms(t0));
  }
  return { p50: pct(times, 50), p95: pct(times, 95), last };
}

function walkIn(rng: Rng, i: number, placeOrgId: number) {
  const person = (male: boolean, seq: number) => idNumberFor('140199', { y: rng.int(1955, 2000), m: rng.int(1, 12), d: rng.int(1, 28) }, seq, male);
  return {
    channel: 'walk_in',
    category: 'neighbourhood',
    title: `邻里纠纷（压测${i}）`,
    description: '压测登记：双方因院墙排水问题发生争执，申请调解。',
    amountFen: 300000,
    placeOrgId,
    parties: [
      { role: 'applicant', kind: 'person', name: '压测甲', idNumber: person(true, i), phone: '13800138000' },
      { role: 'respondent', kind: 'person', name: '压测乙', idNumber: person(false, i + 1) },
    ],
  };
}

async function benchEngine(engine: 'sqlite' | 'mysql', url: string, n: number) {
  const add = (what: string, figure: string, note?: string) => {
    rows.push({ engine, what, figure, note });
    console.log(`  [${engine}] ${what}: ${figure}${note ? `  (${note})` : ''}`);
  };
  const tj = await openTiaojie({ url, dataKey: KEY });
  try {
    let t0 = process.hrtime.bigint();
    const demo = await seedDemo(tj, { cases: 300 });
    add('seedDemo, 300 cases through the commands', `${(ms(t0) / 1000).toFixed(1)} s`, `${demo.events} events`);

    t0 = process.hrtime.bigint();
    const gen = await generateCases(tj, demo, n, { log: (l) => console.log(`  [${engine}] ${l.trim()}`) });
    const genS = ms(t0) / 1000;
    add(`generateCases ${n.toLocaleString('en')}`, `${genS.toFixed(1)} s`, `${Math.round(n / genS).toLocaleString('en')} cases/s, ${gen.events.toLocaleString('en')} events, ${gen.parties.toLocaleString('en')} parties`);
    const ok = await tj.cases.verifyHistory(gen.lastId);
    if (!ok.ok) throw new Error(`bench: generated history does not verify: ${JSON.stringify(ok)}`);

    const actor = (u: string) => tj.actorFor(demo.users.find((x) => x.username === u)!.id);
    const clerk = await actor('cg_clerk');
    const mediator = await actor('cg_med1');
    const admin = await actor('admin');
    const leader = await actor('leader');
    const rng = new Rng(99);
    const village = demo.orgs.find((o) => o.type === 'village' && o.path.startsWith(clerk.orgPath))!.id;

    // Registrations through the command: counter row, case, parties (encrypted), event.
    const seqIds: number[] = [];
    t0 = process.hrtime.bigint();
    for (let i = 0; i < 500; i++) seqIds.push((await tj.cases.register(clerk, walkIn(rng, 2 * i, village))).case.id);
    let s = ms(t0) / 1000;
    add('register, 500 sequential', `${Math.round(500 / s)} /s`, `${fmt((s * 1000) / 500)} ms each`);

    t0 = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < 500) {
        const i = next++;
        await tj.cases.register(clerk, walkIn(rng, 2000 + 2 * i, village));
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    s = ms(t0) / 1000;
    add('register, 500 by 20 concurrent', `${Math.round(500 / s)} /s`);

    // Transitions: accept, then assign, each its own command and transaction.
    const cases = await Promise.all(seqIds.map((id) => tj.cases.get(clerk, id)));
    t0 = process.hrtime.bigint();
    const accepted: Awaited<ReturnType<Tiaojie['cases']['run']>>[] = [];
    for (const c of cases) accepted.push(await tj.cases.run(clerk, c.id, 'accept', { triage: 'minor' }, c.version));
    s = ms(t0) / 1000;
    add('transition accept, 500 sequential', `${Math.round(500 / s)} /s`, `${fmt((s * 1000) / 500)} ms each`);
    t0 = process.hrtime.bigint();
    next = 0;
    const assignWorker = async () => {
      while (next < accepted.length) {
        const c = accepted[next++];
        await tj.cases.run(clerk, c.id, 'assign', { mediatorId: mediator.id }, c.version);
      }
    };
    await Promise.all(Array.from({ length: 20 }, assignWorker));
    s = ms(t0) / 1000;
    add('transition assign, 500 by 20 concurrent', `${Math.round(500 / s)} /s`);

    const total = (await tj.cases.list(admin, {})).total;
    const list = async (what: string, who: Actor, query: Parameters<Tiaojie['cases']['list']>[1]) => {
      const r = await timed(50, () => tj.cases.list(who, query));
      add(what, `p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms`, `total ${r.last.total.toLocaleString('en')} of ${total.toLocaleString('en')}`);
    };
    await list('list, first page, township mediator', mediator, {});
    await list('list, first page, township mediator, open cases', mediator, { filter: { open: true } });
    await list('list, red lights in county scope, by deadline', leader, { filter: { light: 'red' }, sort: ['deadlineAt', 'ASC'] });
    await list('list, first page, county admin, unfiltered', admin, {});
    const person = await timed(50, () => tj.cases.personCases(admin, gen.sampleIdNumber));
    add('一人一档 lookup by ID number (county scope)', `p50 ${fmt(person.p50)} ms, p95 ${fmt(person.p95)} ms`, `${person.last.length} cases`);
    // Figures from the rollup: a county-year report and the justice-bureau form (issue 10: < 200 ms at 1,000,000 cases).
    for (const period of [String(new Date().getFullYear() - 1), String(new Date().getFullYear())]) {
      const center = await timed(20, () => tj.figures.center(leader, { period }));
      add(`center figures, county, year ${period}`, `p50 ${fmt(center.p50)} ms, p95 ${fmt(center.p95)} ms`, `${center.last.received.total.toLocaleString('en')} received`);
      const justice = await timed(20, () => tj.figures.justice(leader, { period }));
      add(`justice-bureau report, county, year ${period}`, `p50 ${fmt(justice.p50)} ms, p95 ${fmt(justice.p95)} ms`, `${justice.last.total.cases.toLocaleString('en')} accepted`);
    }
    const one = await timed(200, () => tj.cases.get(mediator, seqIds[7]));
    add('get one case (scoped)', `p50 ${fmt(one.p50)} ms, p95 ${fmt(one.p95)} ms`);
    add('memory (RSS of this process)', `${Math.round(process.memoryUsage().rss / 1048576)} MiB`);
  } finally {
    await tj.close();
  }
}

function printTable() {
  const width = (t: string) => [...t].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const pad = (t: string, n: number) => t + ' '.repeat(Math.max(0, n - width(t)));
  const w = [8, Math.max(...rows.map((r) => width(r.what))) + 2, Math.max(...rows.map((r) => width(r.figure))) + 2];
  console.log('');
  console.log(`${pad('engine', w[0])}${pad('what', w[1])}${pad('figure', w[2])}note`);
  console.log('-'.repeat(w[0] + w[1] + w[2] + 30));
  for (const r of rows) console.log(`${pad(r.engine, w[0])}${pad(r.what, w[1])}${pad(r.figure, w[2])}${r.note ?? ''}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      engines: { type: 'string', default: 'sqlite,mysql' },
      mysql: { type: 'string', default: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306' },
    },
  });
  const n = Number(values.cases);
  const engines = values.engines.split(',');
  const started = Date.now();
  console.log(`tiaojie core bench: ${n.toLocaleString('en')} generated cases per engine, node ${process.version}`);
  if (engines.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'tiaojie-bench-'));
    try {
      await benchEngine('sqlite', `sqlite:${join(dir, 'bench.sqlite')}`, n);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (engines.includes('mysql')) {
    const { createConnection } = await import('mysql2/promise');
    const server = values.mysql.replace(/\/$/, '');
    const admin = await createConnection({ uri: server, connectTimeout: 2000 }).catch(() => null);
    if (!admin) console.log(`  (MariaDB/MySQL not reachable at ${server}: skipped)`);
    else {
      await admin.query('DROP DATABASE IF EXISTS `tiaojie_bench`');
      await admin.query('CREATE DATABASE `tiaojie_bench` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      try {
        await benchEngine('mysql', `${server}/tiaojie_bench`, n);
      } finally {
        await admin.query('DROP DATABASE IF EXISTS `tiaojie_bench`');
        await admin.end();
      }
    }
  }
  printTable();
  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
