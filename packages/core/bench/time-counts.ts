/**
 * Times the default screens' list totals and the dashboard through core, one call at a time, on
 * an existing database: the kept counts (what `list` and `dashboard` do now) beside counting case
 * by case (the capped count the list did before, an exact COUNT(*), the dashboard over every scope
 * branch), and the page query alone. p50 / max ms of `RUNS` calls after two warm-ups.
 *
 *   TIAOJIE_DATA_KEY=… npx tsx bench/time-counts.ts mysql://root@127.0.0.1:3306/db
 */
import { openTiaojie, type Actor } from '../src';
import { applyCaseFilters, applyCaseSort, type CaseFilter } from '../src/cases/case-query';
import { countedListPlan, countedListTotal } from '../src/counts/case-totals';

const RUNS = Number(process.env.RUNS ?? 15);

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; max: number }> {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(ms[Math.floor(ms.length / 2)] * 10) / 10, max: Math.round(ms[ms.length - 1] * 10) / 10 };
}

async function main() {
  const url = process.argv[2];
  const t0 = performance.now();
  const tj = await openTiaojie({ url, warn: () => undefined });
  console.log(`opened (migrations included) in ${Math.round(performance.now() - t0)} ms`);
  const em = tj.dataSource.manager;
  const user = async (username: string) => tj.actorFor((await em.query('SELECT id FROM users WHERE username = ?', [username]))[0].id);
  const [admin, leader, mediator] = await Promise.all([user('admin'), user('leader'), user('cg_med1')]);
  const township = mediator.organizationId;
  const [{ n: cases }] = await em.query('SELECT COUNT(*) AS n FROM cases');
  console.log(`${cases} cases`);

  /** The list's query parts as `list` builds them: the page, and the count the filter matches (capped, exact, or from the kept counts). */
  const parts = async (actor: Actor, filter: CaseFilter, sort: [string, 'ASC' | 'DESC']) => {
    const qb = tj.cases.scoped(em, actor);
    const path = filter.organizationId ? (await em.query('SELECT path FROM organizations WHERE id = ?', [filter.organizationId]))[0].path : undefined;
    const resolved = { organizationPath: path, callerOrgPath: actor.orgPath };
    const now = tj.clock.now();
    applyCaseFilters(qb, 'c', filter, now, tj.cipher, resolved);
    const counting = qb.clone();
    applyCaseSort(qb, 'c', sort);
    qb.skip(0).take(25);
    const [sql, params] = counting.clone().select('1', 'one').limit(10_001).getQueryAndParameters();
    const plan = countedListPlan(actor, filter, resolved)!;
    return {
      page: () => qb.getMany(),
      kept: () => countedListTotal(em, actor, plan, filter, now, tj.cipher, resolved),
      capped: () => em.query(`SELECT COUNT(*) AS n FROM (${sql}) capped_count`, params),
      exact: () => counting.getCount(),
    };
  };
  const screens: Array<[string, Actor, CaseFilter, [string, 'ASC' | 'DESC']]> = [
    ['whole county (admin)', admin, {}, ['registeredAt', 'DESC']],
    ["township's open cases (its mediator)", mediator, { organizationId: township, open: true }, ['registeredAt', 'DESC']],
    ['my queue (mediator)', mediator, { mediatorId: mediator.id, open: true }, ['registeredAt', 'DESC']],
    ['red lights by deadline (leader)', leader, { light: 'red' }, ['deadlineAt', 'ASC']],
  ];
  console.log('| screen | total | `list` (page + kept total) | page alone | total from kept counts | capped count (before) | exact COUNT(*) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const f = (x: { p50: number; max: number }) => `${x.p50} / ${x.max}`;
  for (const [what, actor, filter, sort] of screens) {
    const page = await tj.cases.list(actor, { filter, sort, range: [0, 24] });
    const p = await parts(actor, filter, sort);
    const list = await time(() => tj.cases.list(actor, { filter, sort, range: [0, 24] }));
    const [alone, kept, capped, exact] = [await time(p.page), await time(p.kept), await time(p.capped), await time(p.exact)];
    console.log(`| ${what} | ${page.total.toLocaleString('en')} | ${f(list)} | ${f(alone)} | ${f(kept)} | ${f(capped)} | ${f(exact)} |`);
  }
  console.log('\n| dashboard | kept counts p50 / max ms | every branch counted (before) p50 / max ms |');
  console.log('|---|---:|---:|');
  for (const [what, actor] of [['leader', leader], ['township mediator', mediator], ['admin', admin]] as const) {
    const kept = await time(() => tj.stats.dashboard(actor));
    const before = await time(() => tj.stats.scannedDashboard(actor));
    console.log(`| ${what} | ${kept.p50} / ${kept.max} | ${before.p50} / ${before.max} |`);
  }
  const r = await time(() => tj.dataSource.transaction((m) => import('../src').then(({ rebuildCounts }) => rebuildCounts(m, tj.clock.now()))));
  console.log(`\nrebuild-counts: p50 ${r.p50} ms`);
  await tj.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
