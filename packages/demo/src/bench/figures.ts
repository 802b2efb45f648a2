/**
 * `node packages/demo/dist/bench/figures.js [--cases 200000 | --million] [--mysql mysql://root@127.0.0.1:3306] [--db tiaojie_bench_figures] [--no-rebuild]`:
 * how fast the figures answer at county scale on MariaDB/MySQL (issue 10 asks < 200 ms for a
 * county-year report at 1,000,000 cases). Builds a county of 20 townships × 5 villages, loads the
 * cases with `loadCases` in chunks of 50,000 in time order (the rollup is filled by the loader),
 * then times every kind of request the statistics page makes (period presets, day ranges, an
 * area, a channel) and a rebuild of the rollup. The database is dropped afterwards unless `--keep`.
 * `--reuse --db <name>` times the reports on a database already there instead: one this bench kept,
 * or the demo county the HTTP bench kept (`npm run bench -- --million --keep --db <name>`).
 */
import { parseArgs } from 'node:util';
import { loadCases, openTiaojie, type LoadCase, type LoadStep, type Organization, type Tiaojie } from '@tiaojie/core';
import type { Connection } from 'mysql2/promise';
import { idNumberFor } from '../people';
import { Rng } from '../random';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '200000' },
      million: { type: 'boolean', default: false },
      db: { type: 'string', default: 'tiaojie_bench_figures' },
      'no-rebuild': { type: 'boolean', default: false },
      /** Time the reports on a database a run with --keep left (no load). */
      reuse: { type: 'boolean', default: false },
      /** Leave the database in place afterwards. */
      keep: { type: 'boolean', default: false },
      mysql: { type: 'string', default: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306' },
    },
  });
  const n = values.million ? 1_000_000 : Number(values.cases);
  const dbName = values.db;
  const { createConnection } = await import('mysql2/promise');
  const server = values.mysql.replace(/\/$/, '');
  const root = await createConnection({ uri: server });
  if (!values.reuse) {
    await root.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await root.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  let t0 = process.hrtime.bigint();
  const tj = await openTiaojie({ url: `${server}/${dbName}`, dataKey: Buffer.alloc(32, 42).toString('base64') });
  if (values.reuse) console.log(`opened (migrations included): ${(ms(t0) / 1000).toFixed(1)} s`);
  const now = Date.now();
  const HOUR = 3_600_000;
  try {
    const ids = values.reuse ? await existing(root, dbName) : await load(tj, n, now);
    const leader = { id: ids.leaderId };
    const orgs = [{ id: ids.countyId }, { id: ids.townId }];
    const actor = await tj.actorFor(leader.id);
    const year = String(new Date(now).getUTCFullYear());
    const day = (d: number) => new Date(now + 8 * HOUR - d * 24 * HOUR).toISOString().slice(0, 10);
    // Ends in the middle of months: a range's partial months are the worst case for the day rows.
    const range = `${day(200)}..${day(80)}`;
    const month = day(100).slice(0, 7);
    const quarter = `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
    for (const [what, run] of [
      [`center figures, county, year ${year}`, () => tj.figures.center(actor, { period: year })],
      [`justice-bureau report, county, year ${year}`, () => tj.figures.justice(actor, { period: year })],
      [`center figures, one township, year ${year}`, () => tj.figures.center(actor, { period: year, organizationId: orgs[1].id })],
      [`center figures, county, quarter ${quarter}`, () => tj.figures.center(actor, { period: quarter })],
      [`center figures, county, month ${month}`, () => tj.figures.center(actor, { period: month })],
      [`center figures, county, day range ${range}`, () => tj.figures.center(actor, { period: range })],
      [`center figures, county, year ${year}, court channel`, () => tj.figures.center(actor, { period: year, channel: 'court' })],
      [`center figures, one township, day range ${range}, court channel`, () => tj.figures.center(actor, { period: range, organizationId: orgs[1].id, channel: 'court' })],
      [`justice-bureau report, county, day range ${range}`, () => tj.figures.justice(actor, { period: range })],
    ] as const) {
      await run();
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        t0 = process.hrtime.bigint();
        await run();
        times.push(ms(t0));
      }
      times.sort((a, b) => a - b);
      console.log(`${what}: p50 ${times[10].toFixed(1)} ms, p95 ${times[18].toFixed(1)} ms`);
    }
    for (const table of ['figure_months', 'figure_days', 'figure_open', 'case_figures']) {
      const [{ c }] = await root.query(`SELECT COUNT(*) AS c FROM \`${dbName}\`.${table}`).then((r) => r[0] as Array<{ c: number }>);
      console.log(`${table} rows: ${c}`);
    }
    if (values['no-rebuild']) return;
    t0 = process.hrtime.bigint();
    const r = await tj.figures.rebuild({ batch: 2000 });
    console.log(`rebuild-figures: ${r.cases.toLocaleString('en')} cases, ${r.cells.toLocaleString('en')} cells in ${(ms(t0) / 1000).toFixed(1)} s`);
  } finally {
    await tj.close();
    if (!values.keep) await root.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await root.end();
  }
}

/** Build the county and load `n` cases a year long, ending 70 days before `now`. */
async function load(tj: Tiaojie, n: number, now: number): Promise<{ leaderId: number; countyId: number; townId: number }> {
  const o = tj.organizations;
  const county = await o.create({ name: '青山县矛盾纠纷调处化解中心', type: 'county', caseNumberPrefix: '青山' });
  const orgs: Organization[] = [county];
  const mk = (username: string, roles: string[], organizationId: number) => tj.users.create({ username, displayName: username, password: 'bench password 1', roles, organizationId });
  const leader = await mk('leader', ['leader'], county.id);
  const towns: Array<{ town: Organization; villages: Organization[]; clerk: number; mediators: number[] }> = [];
  for (let t = 1; t <= 20; t++) {
    const town = await o.create({ name: `第${t}镇`, type: 'township', parentId: county.id, caseNumberPrefix: `青${t}` });
    const villages: Organization[] = [];
    for (let v = 1; v <= 5; v++) villages.push(await o.create({ name: `第${t}镇第${v}村`, type: 'village', parentId: town.id }));
    const clerk = (await mk(`clerk${t}`, ['clerk'], town.id)).id;
    const mediators = [];
    for (let m = 1; m <= 3; m++) mediators.push((await mk(`med${t}_${m}`, ['mediator'], town.id)).id);
    towns.push({ town, villages, clerk, mediators });
    orgs.push(town, ...villages);
  }
  // A year of cases ending now: random township, village, channel, category, amount; most go all the way to closing.
  const rng = new Rng(11);
  const HOUR = 3_600_000;
  const CHUNK = 50_000;
  const chunks = Math.ceil(n / CHUNK);
  const t0 = process.hrtime.bigint();
  let figuresMs = 0;
  for (let k = 0; k < chunks; k++) {
    const input: LoadCase[] = [];
    for (let i = k * CHUNK; i < Math.min(n, (k + 1) * CHUNK); i++) {
      const { town, villages, clerk, mediators } = rng.pick(towns);
      // Chunk k covers the k-th slice of the 295 days, oldest first, as an import would run.
      const at = now - 70 * 24 * HOUR - (295 * 24 * HOUR * (chunks - k - rng.next())) / chunks;
      const mediatorId = rng.pick(mediators);
      const steps: LoadStep[] = [];
      let t = at;
      const step = (action: LoadStep['action'], actorId: number, hours: number) => steps.push({ action, actorId, at: new Date((t += hours * HOUR)) });
      const r = rng.next();
      if (r < 0.05) step('reject', clerk, rng.int(1, 60));
      else if (r > 0.1) {
        step('accept', clerk, rng.int(1, 90));
        step('assign', clerk, rng.int(1, 24));
        step('startMediation', mediatorId, rng.int(1, 48));
        if (r > 0.2) {
          if (rng.chance(0.8)) {
            step('settle', mediatorId, rng.int(24, 900));
            step('followUp', mediatorId, rng.int(24, 300));
            step('close', mediatorId, rng.int(1, 48));
          } else {
            step('fail', mediatorId, rng.int(24, 900));
            step('refer', mediatorId, rng.int(1, 48));
          }
        }
      }
      input.push({
        channel: rng.pick(['walk_in', 'hotline', 'grid', 'court', 'police', 'petition'] as const),
        category: rng.pick(['neighbourhood', 'marriage_family', 'contract', 'property_management', 'traffic', 'damages', 'other'] as const),
        title: `纠纷（压测${i}）`, description: '压测数据：双方因琐事发生争执，申请调解。', amountFen: rng.int(0, 2_000_000), peopleCount: rng.chance(0.03) ? rng.int(5, 40) : 2,
        placeOrgId: rng.pick(villages).id,
        parties: [
          { role: 'applicant', kind: 'person', name: '压测甲', idNumber: idNumberFor('140199', { y: 1970, m: 1, d: 1 }, i, true) },
          { role: 'respondent', kind: 'person', name: '压测乙', idNumber: idNumberFor('140199', { y: 1980, m: 1, d: 1 }, i, false) },
        ],
        organizationId: town.id, registeredAt: new Date(at), registeredById: clerk, mediatorId, triage: 'minor', steps,
      } as LoadCase);
    }
    figuresMs += (await loadCases(tj, input, { batchSize: 5000 })).figuresMs;
    console.log(`  ${Math.min(n, (k + 1) * CHUNK).toLocaleString('en')} / ${n.toLocaleString('en')} (${(ms(t0) / 1000).toFixed(1)} s)`);
  }
  console.log(`loadCases ${n.toLocaleString('en')} (with the rollup): ${(ms(t0) / 1000).toFixed(1)} s, of which the rollup ${(figuresMs / 1000).toFixed(1)} s`);
  return { leaderId: leader.id, countyId: county.id, townId: orgs[1].id };
}

/** The leader, county and first township of a database a run left (--keep). */
async function existing(root: Connection, db: string): Promise<{ leaderId: number; countyId: number; townId: number }> {
  const one = async (sql: string) => ((await root.query(sql))[0] as Array<{ id: number }>)[0].id;
  return {
    leaderId: await one(`SELECT id FROM \`${db}\`.users WHERE username = 'leader'`),
    countyId: await one(`SELECT id FROM \`${db}\`.organizations WHERE name = '青山县矛盾纠纷调处化解中心'`),
    // This bench's own county names its first township 第1镇; the demo county's (`npm run bench -- --keep`) is
    // the first township made.
    townId: await one(`SELECT id FROM \`${db}\`.organizations WHERE type = 'township' ORDER BY name = '第1镇' DESC, id LIMIT 1`),
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
