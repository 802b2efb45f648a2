/**
 * `npm run bench:search -- --url <database>`: single-request timings of the case list's text
 * search (`filter.q`) on a filled demo database, through the term index and through the old
 * `LIKE` scan (`scanText`), one user at a time, on the same database in one run. Prints a
 * markdown table for docs/performance.md.
 *
 *   node packages/demo/dist/bench/search.js --url mysql://root@127.0.0.1:3306/tiaojie_search [--runs 20] [--scan-runs 3 | 0: no scan]
 *     [--county admin] [--township cg_med1]   (a county-wide account and a township mediator)
 */
import { parseArgs } from 'node:util';
import { openTiaojie } from '@tiaojie/core';
import type { Actor, Tiaojie } from '@tiaojie/core';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    xs.push(ms(t0));
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

async function actor(tj: Tiaojie, username: string): Promise<Actor> {
  const id = await tj.users.accountId(username);
  if (!id) throw new Error(`bench:search: no account ${username}; fill the database with tiaojie-demo --bulk first`);
  return tj.actorFor(id);
}

async function main() {
  const { values } = parseArgs({ options: { url: { type: 'string' }, runs: { type: 'string', default: '20' }, 'scan-runs': { type: 'string', default: '3' }, county: { type: 'string', default: 'admin' }, township: { type: 'string', default: 'cg_med1' } } });
  if (!values.url) throw new Error('usage: bench:search --url <database url> [--runs 20] [--scan-runs 3]');
  const runs = Number(values.runs);
  const scanRuns = Number(values['scan-runs']);
  const tj = await openTiaojie({ url: values.url, warn: () => undefined });
  try {
    const admin = await actor(tj, values.county!);
    const mediator = await actor(tj, values.township!);
    // Real texts of the data: a case in the middle of the table, its parties and references.
    const all = await tj.cases.list(admin, {});
    const middle = (await tj.cases.list(admin, { range: [Math.floor(all.total / 2), Math.floor(all.total / 2) + 200], countCap: 1 })).rows;
    const sample = middle.find((c) => c.sourceRef) ?? middle[0];
    const [person] = (await tj.cases.parties(admin, sample.id)).filter((p) => p.kind === 'person');
    const queries: Array<[string, string]> = [
      ['one character, a surname', '王'],
      ['a full name', person?.name ?? '张'],
      ['two characters of a name', (person?.name ?? '张三').slice(0, 2)],
      ['a case number', sample.caseNumber],
      ['part of a case number', sample.caseNumber.slice(-5)],
      ...(sample.sourceRef ? [['a source reference', sample.sourceRef] as [string, string]] : []),
      ['a frequent word (纠纷)', '纠纷'],
      ['a frequent phrase (申请调解)', '申请调解'],
      ['no case has it', '量子纠缠'],
    ];
    console.log(`| query | who | matches | index p50 / p95 ms | scan p50 ms |`);
    console.log(`|---|---|---:|---:|---:|`);
    for (const [what, q] of queries) {
      for (const [who, a] of [['county', admin], ['township mediator', mediator]] as const) {
        const page = await tj.cases.list(a, { filter: { q } });
        // `--scan-runs 0` leaves the scan out (at a million cases each scan takes tens of seconds).
        if (scanRuns > 0) {
          const scan = await tj.cases.list(a, { filter: { q }, scanText: true });
          if (page.total !== scan.total || page.rows.map((r) => r.id).join() !== scan.rows.map((r) => r.id).join()) throw new Error(`bench:search: the index and the scan disagree on ${q}`);
        }
        const fast = await time(runs, () => tj.cases.list(a, { filter: { q } }));
        const slow = scanRuns > 0 ? fmt((await time(scanRuns, () => tj.cases.list(a, { filter: { q }, scanText: true }))).p50) : '—';
        console.log(`| ${what} (\`${q}\`) | ${who} | ${page.total.toLocaleString('en')}${page.capped ? '+' : ''} | ${fmt(fast.p50)} / ${fmt(fast.p95)} | ${slow} |`);
      }
    }
  } finally {
    await tj.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
