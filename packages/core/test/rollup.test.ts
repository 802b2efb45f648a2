import { expect } from 'chai';
import { Actor, ManualClock, OPEN_STATUSES, rebuildFigures, Tiaojie } from '../src';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { rollupRows } from './support/rollup';

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

forEachEngine('figures rollup after random commands', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
  const cells = () => rollupRows(tj);

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
  });
  after(() => tj?.close());

  it('equals a rebuild from history', async function () {
    this.timeout(120_000);
    const seed = Number(process.env.ROLLUP_SEED ?? 20261201);
    const random = rng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const a = center.actor;
    const u = center.user;
    const payloads: Record<string, () => Record<string, unknown>> = {
      accept: () => ({ triage: pick(['minor', 'private'] as const) }),
      reject: () => ({ reason: '不属于受理范围' }),
      assign: () => ({ mediatorId: pick([u.eastMediator.id, u.eastMediator2.id, u.westMediator.id, u.countyMediator.id]) }),
      startMediation: () => ({}),
      suspend: () => ({ reason: '等待鉴定' }),
      resume: () => ({}),
      settle: () => ({ agreement }),
      fail: () => ({ reason: '分歧过大' }),
      recordPerformance: () => ({ state: pick(['performed', 'partly', 'not_performed'] as const) }),
      followUp: () => ({ method: 'phone', satisfaction: pick(['satisfied', 'basically_satisfied', 'dissatisfied'] as const) }),
      close: () => ({}),
      refer: () => ({ route: 'litigation', note: '引导诉讼' }),
      transfer: () => ({ toOrganizationId: pick([center.org.east.id, center.org.west.id, center.org.traffic.id]), reason: '管辖调整' }),
      escalate: () => ({ reason: '上提一级' }),
      acknowledge: () => ({}),
      assessRisk: () => ({ risk: pick(['low', 'medium', 'high'] as const), reason: '重新评估' }),
      edit: () => ({ category: pick(['neighbourhood', 'contract', 'marriage_family'] as const), peopleCount: 1 + Math.floor(random() * 8) }),
      withdraw: () => ({ reason: '申请人撤回' }),
    };
    const actors: Actor[] = [a.admin, a.clerk, a.westClerk, a.eastMediator, a.eastMediator2, a.westMediator, a.countyMediator, a.leader];
    const ids: number[] = [];
    let ran = 0;
    for (let step = 0; step < 300; step++) {
      clock.advance(Math.floor(random() * 3 * 86_400_000));
      if (ids.length < 4 || random() < 0.15) {
        const who = pick([a.clerk, a.westClerk]);
        ids.push((await tj.cases.register(who, walkIn({ category: pick(['neighbourhood', 'contract']), amountFen: Math.floor(random() * 5_000_000) }))).case.id);
        continue;
      }
      const id = pick(ids);
      for (const actor of actors) {
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
    }
    expect(ran, 'commands that ran').to.be.greaterThan(60);
    const incremental = await cells();
    // Open cases per mediator, kept by the commands, equal a count of the cases now.
    const kept = (await tj.dataSource.query('SELECT org_id, channel, mediator_id, n FROM figure_open')) as Array<Record<string, unknown>>;
    const recount = (await tj.dataSource.query(`SELECT handling_org_id AS org_id, channel, COALESCE(mediator_id, 0) AS mediator_id, COUNT(*) AS n FROM cases WHERE status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) GROUP BY handling_org_id, channel, COALESCE(mediator_id, 0)`)) as Array<Record<string, unknown>>;
    const asText = (rows: Array<Record<string, unknown>>) => rows.filter((r) => Number(r.n) !== 0).map((r) => `${r.org_id}|${r.channel}|${r.mediator_id}=${Number(r.n)}`).sort();
    expect(asText(recount).length).to.be.greaterThan(1);
    expect(asText(kept)).to.deep.equal(asText(recount));
    const r = await rebuildFigures(tj.dataSource);
    expect(r.cases).to.equal(ids.length);
    expect(await cells(), `seed ${seed}`).to.deep.equal(incremental);
  });
});
