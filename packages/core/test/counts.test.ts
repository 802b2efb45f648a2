import { expect } from 'chai';
import { Actor, CaseCount, Organization, CaseCountMark, LoadCase, loadCases, ManualClock, rebuildCounts, sweepCounts, Tiaojie } from '../src';
import { applyCaseFilters, type CaseFilter } from '../src/cases/case-query';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { run } from '../src/system/cli';

const DAY = 86_400_000;

/** A small seeded generator, so a failure can be replayed (COUNTS_SEED). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

forEachEngine('case counts kept in step with the commands', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));

  const counts = async () => (await tj.dataSource.getRepository(CaseCount).find()).filter((c) => c.n !== 0).map((c) => `${c.organizationId}|${c.status}|${c.light}|${c.mediatorId}|${c.risk}|${Boolean(c.supervised)}=${c.n}`).sort();
  const marks = async () => (await tj.dataSource.getRepository(CaseCountMark).find({ order: { caseId: 'ASC' } })).map((m) => ({ ...m, supervised: Boolean(m.supervised), changesAt: m.changesAt?.toISOString() ?? null }));

  /** The total the list query itself finds, counted case by case. */
  const exactTotal = async (actor: Actor, filter: CaseFilter) => {
    const orgId = filter.organizationId as number | undefined;
    const organizationPath = orgId === undefined ? undefined : ((await tj.dataSource.getRepository(Organization).findOneBy({ id: orgId }))?.path ?? null);
    const qb = tj.cases.scoped(tj.dataSource.manager, actor);
    applyCaseFilters(qb, 'c', filter, clock.now(), tj.cipher, { organizationPath, callerOrgPath: actor.orgPath });
    return qb.getCount();
  };

  /** Every desk role's list totals and dashboard agree with counting case by case, whatever the sweep did. */
  const checkReads = async (when: string) => {
    const a = center.actor;
    const filters: CaseFilter[] = [
      {},
      { open: true },
      { light: 'red' },
      { light: ['yellow', 'red'], open: true },
      { light: 'green' },
      { organizationId: center.org.east.id, open: true },
      { organizationId: center.org.county.id },
      { mediatorId: center.user.eastMediator.id, open: true },
      { status: ['registered', 'accepted'] },
      { risk: ['high', 'critical'], open: true },
      { supervised: true },
    ];
    for (const actor of [a.admin, a.leader, a.clerk, a.westClerk, a.eastMediator, a.westMediator, a.countyMediator]) {
      for (const filter of filters) {
        const page = await tj.cases.list(actor, { filter, range: [0, 0] });
        expect(page.capped, `${when}: ${actor.name} ${JSON.stringify(filter)}`).to.equal(false);
        expect(page.total, `${when}: ${actor.name} ${JSON.stringify(filter)}`).to.equal(await exactTotal(actor, filter));
      }
      const kept = await tj.stats.dashboard(actor);
      const scanned = await tj.stats.scannedDashboard(actor);
      expect(kept, `${when}: dashboard of ${actor.name}`).to.deep.equal(scanned);
    }
  };

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
  });
  after(() => tj?.close());

  it('equal a recount after bulk-loaded cases, random commands, the clock and the sweep; list totals and the dashboard agree with counting cases', async function () {
    this.timeout(300_000);
    const seed = Number(process.env.COUNTS_SEED ?? 20261202);
    const random = rng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const a = center.actor;
    const u = center.user;

    // Bulk-loaded cases count from their load, as registered ones do.
    const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
    const loaded = (days: number, actions: LoadCase['steps'][number]['action'][]): LoadCase => ({
      ...(walkIn({ title: `批量载入（${days}）` }) as Omit<LoadCase, 'organizationId' | 'registeredAt' | 'registeredById' | 'steps'>),
      organizationId: center.org.east.id,
      registeredAt: ago(days),
      registeredById: u.clerk.id,
      mediatorId: u.eastMediator.id,
      steps: actions.map((action, k) => ({ action, at: ago(days - k - 1), actorId: ['accept', 'assign', 'reject', 'archive'].includes(action) ? u.clerk.id : u.eastMediator.id })),
    });
    const load = await loadCases(tj, [loaded(3, []), loaded(20, ['accept', 'assign', 'startMediation']), loaded(12, ['accept', 'assign']), loaded(40, ['accept', 'assign', 'startMediation', 'suspend']), loaded(9, ['reject'])]);
    const ids: number[] = [...load.ids];
    await checkReads('after the load');

    const payloads: Record<string, () => Record<string, unknown>> = {
      accept: () => ({ triage: pick(['minor', 'private'] as const) }),
      reject: () => ({ reason: '不属于受理范围' }),
      assign: () => ({ mediatorId: pick([u.eastMediator.id, u.eastMediator2.id, u.westMediator.id, u.countyMediator.id]) }),
      reassign: () => ({ mediatorId: pick([u.eastMediator.id, u.eastMediator2.id, u.westMediator.id, u.countyMediator.id]), reason: '工作调整' }),
      startMediation: () => ({}),
      suspend: () => ({ reason: '等待鉴定' }),
      resume: () => ({}),
      extendDeadline: () => ({ days: 1 + Math.floor(random() * 10), reason: '案情复杂' }),
      settle: () => ({ agreement }),
      fail: () => ({ reason: '分歧过大' }),
      followUp: () => ({ method: 'phone', satisfaction: 'satisfied' }),
      close: () => ({}),
      refer: () => ({ route: 'litigation', note: '引导诉讼' }),
      transfer: () => ({ toOrganizationId: pick([center.org.east.id, center.org.west.id, center.org.traffic.id]), reason: '管辖调整' }),
      escalate: () => ({ reason: '上提一级' }),
      acknowledge: () => ({}),
      assessRisk: () => ({ risk: pick(['low', 'medium', 'high', 'critical'] as const), reason: '重新评估' }),
      openSupervision: () => ({ instructions: '限期办结', deadlineDays: 5 }),
      closeSupervision: () => ({ conclusion: '已办结' }),
      withdraw: () => ({ reason: '申请人撤回' }),
      archive: () => ({}),
    };
    const actors: Actor[] = [a.admin, a.leader, a.clerk, a.westClerk, a.eastMediator, a.eastMediator2, a.westMediator, a.countyMediator];
    let ran = 0;
    let swept = 0;
    for (let step = 0; step < 300; step++) {
      clock.advance(Math.floor(random() * 2 * DAY));
      if (random() < 0.05) swept += await sweepCounts(tj.dataSource, clock.now());
      if (random() < 0.03) await tj.cases.lapseOverdue();
      if (ids.length < 8 || random() < 0.15) {
        const who = pick([a.clerk, a.westClerk]);
        ids.push((await tj.cases.register(who, walkIn({ category: pick(['neighbourhood', 'contract']) }))).case.id);
        continue;
      }
      const id = pick(ids);
      for (const actor of [...actors].sort(() => random() - 0.5)) {
        const allowed = (await tj.cases.allowedActions(actor, id).catch(() => [] as string[])).filter((x) => payloads[x]);
        if (!allowed.length) continue;
        const action = pick(allowed);
        const c = await tj.cases.get(actor, id);
        await tj.cases.run(actor, id, action, payloads[action](), c.version).then(
          () => ran++,
          () => undefined, // a refusal (a guard, a payload rule) changes nothing
        );
        break;
      }
      if (step % 100 === 99) await checkReads(`step ${step}`);
    }
    expect(ran, 'commands that ran').to.be.greaterThan(80);
    expect(swept, 'lights the sweep moved').to.be.greaterThan(0);

    await sweepCounts(tj.dataSource, clock.now());
    const kept = { counts: await counts(), marks: await marks() };
    const r = await tj.dataSource.transaction((em) => rebuildCounts(em, clock.now()));
    expect(r.cases).to.equal(ids.length);
    expect({ counts: await counts(), marks: await marks() }, `seed ${seed}`).to.deep.equal(kept);
  });

  it('are recounted by `tiaojie-system rebuild-counts` after they were lost', async () => {
    // The command counts at the real time, not the test clock's.
    await tj.dataSource.transaction((em) => rebuildCounts(em, new Date()));
    const kept = await counts();
    await tj.dataSource.query('DELETE FROM case_counts');
    expect(await counts()).to.deep.equal([]);
    const out: string[] = [];
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db().url;
    try {
      expect(await run(['rebuild-counts'], (l) => out.push(l))).to.equal(0);
      // Its siblings rebuild the other kept projections the same way; a made-up command is refused.
      const others: string[] = [];
      expect(await run(['rebuild-search'], (l) => others.push(l))).to.equal(0);
      expect(await run(['rebuild-figures'], (l) => others.push(l))).to.equal(0);
      expect(await run(['rebuild-everything'], (l) => others.push(l))).to.equal(2);
      expect(others[0]).to.match(/^rebuilt: \d+ cases, \d+ terms$/);
      expect(others[1]).to.match(/^rebuilt: \d+ cases, \d+ cells$/);
      expect(others[2]).to.match(/^usage: tiaojie-system .*rebuild-search \| rebuild-counts$/);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect(out.join('\n')).to.match(/^recounted: \d+ cases in \d+ count rows$/);
    expect(await counts()).to.deep.equal(kept);
  });

  it('leaves lists the counts cannot answer with a capped count, and non-desk roles to counting cases', async () => {
    const page = await tj.cases.list(center.actor.admin, { filter: { q: '纠纷' }, range: [0, 0], countCap: 2 });
    expect(page.capped).to.equal(true);
    expect(page.total).to.equal(3);
    const grid = await tj.cases.list(center.actor.grid, { filter: {}, range: [0, 0] });
    expect(grid.total).to.equal(await exactTotal(center.actor.grid, {}));
    expect(await tj.stats.dashboard(center.actor.lawyer)).to.deep.equal(await tj.stats.scannedDashboard(center.actor.lawyer));
  });
});
