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
});
