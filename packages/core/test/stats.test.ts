import { expect } from 'chai';
import { DAY_MS, ManualClock, Tiaojie, weekStart } from '../src';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

describe('weekStart', () => {
  it('is Monday 00:00 in China', () => {
    // 2026-11-22 is a Sunday; 2026-11-23 01:00 in China is Monday.
    expect(weekStart(new Date('2026-11-22T10:00:00Z')).toISOString()).to.equal('2026-11-15T16:00:00.000Z');
    expect(weekStart(new Date('2026-11-22T17:00:00Z')).toISOString()).to.equal('2026-11-22T16:00:00.000Z');
  });
});

forEachEngine('dashboard', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z')); // a Monday

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    const a = center.actor;
    await tj.cases.register(a.clerk, walkIn()); // week of 11-02, will be red by 11-20
    await tj.cases.register(a.westClerk, walkIn({ peopleCount: 50 })); // west, high risk
    clock.set('2026-11-19T00:00:00Z');
    const c = (await tj.cases.register(a.clerk, walkIn({ channel: 'hotline' }))).case; // week of 11-16, yellow by 11-21
    await tj.cases.run(a.leader, c.id, 'openSupervision', { instructions: '尽快处理', deadlineDays: 5 }, c.version);
    clock.set('2026-11-21T08:00:00Z');
  });
  after(() => tj?.close());

  it('counts lights, supervision and risk in the actor’s scope', async () => {
    const d = await tj.stats.dashboard(center.actor.eastMediator);
    expect(d).to.include({ red: 1, yellow: 1, openSupervisions: 1, highRisk: 0 });
    const county = await tj.stats.dashboard(center.actor.admin);
    expect(county).to.include({ red: 2, yellow: 1, highRisk: 1 });
  });

  it("counts the clerk's organization queue by light", async () => {
    const d = await tj.stats.dashboard(center.actor.clerk);
    expect(d.myQueueByLight).to.deep.equal({ green: 0, yellow: 1, red: 1, none: 0 });
    expect(d.myQueue).to.equal(2);
  });

  it('buckets new cases by channel and week', async () => {
    const d = await tj.stats.dashboard(center.actor.admin, 8);
    expect(d.newByChannel).to.deep.equal([
      { week: '2026-11-02', channel: 'walk_in', count: 2 },
      { week: '2026-11-16', channel: 'hotline', count: 1 },
    ]);
    const short = await tj.stats.dashboard(center.actor.admin, 1);
    expect(short.newByChannel).to.deep.equal([{ week: '2026-11-16', channel: 'hotline', count: 1 }]);
    expect(new Date(d.at).getTime() - new Date('2026-11-21T08:00:00Z').getTime()).to.be.lessThan(DAY_MS);
  });

  it('counts each case once when several scope branches see it, equal to a recount over the whole scope', async () => {
    const a = center.actor;
    // Seen by the grid worker as reporter and by the east desk as handler; and a west case the
    // east mediator sees only because he works on it (participant), besides the west desk.
    await tj.cases.register(a.grid, walkIn({ channel: 'grid', peopleCount: 40 }));
    const west = (await tj.cases.register(a.westClerk, walkIn({ peopleCount: 8 }))).case;
    await tj.cases.run(a.westClerk, west.id, 'openSupervision', { instructions: '督办', deadlineDays: 3 }, west.version).catch(() => undefined);
    for (const actor of Object.values(a)) {
      const d = await tj.stats.dashboard(actor, 8);
      const total = async (filter: Record<string, unknown>) => (await tj.cases.list(actor, { filter: { open: true, ...filter }, range: [0, 0] })).total;
      const figures = { red: d.red, yellow: d.yellow, highRisk: d.highRisk, openSupervisions: d.openSupervisions };
      const recount = { red: await total({ light: 'red' }), yellow: await total({ light: 'yellow' }), highRisk: await total({ risk: ['high', 'critical'] }), openSupervisions: await total({ supervised: true }) };
      expect(figures, actor.name).to.deep.equal(recount);
      const recent = (await tj.cases.list(actor, { filter: { registeredFrom: new Date(weekStart(clock.now()).getTime() - 7 * 7 * DAY_MS).toISOString() }, range: [0, 0] })).total;
      expect(d.newByChannel.reduce((n, r) => n + r.count, 0), actor.name).to.equal(recent);
    }
    const grid = await tj.stats.dashboard(a.grid);
    expect(grid.highRisk).to.equal(1);
  });
});
