import { expect } from 'chai';
import { ManualClock, Tiaojie } from '../src';
import type { CaseOutcomeEvent } from '../src';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

forEachEngine('Tiaojie', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-11-20T02:00:00.000Z'));

  before(async () => {
    tj = await db().open({ clock });
  });
  after(() => tj?.close());

  describe('tj.isEmpty()', () => {
    it('answers true on a fresh database and false once it holds an organization or a user', async () => {
      expect(await tj.isEmpty()).to.equal(true);
      expect([await tj.organizations.count(), await tj.users.count()]).to.deep.equal([0, 0]);
      await tj.organizations.create({ name: '试点县矛盾纠纷调处化解中心', type: 'county', caseNumberPrefix: '试点' });
      expect(await tj.organizations.count()).to.equal(1);
      expect(await tj.isEmpty()).to.equal(false);
    });
  });

  describe('tj.withClock(clock)', () => {
    before(async () => {
      center = await buildCenter(tj);
    });

    it('runs the commands at the other clock’s time while the original keeps its own', async () => {
      const past = new ManualClock(new Date('2026-03-01T01:00:00.000Z'));
      const sim = tj.withClock(past);
      expect(sim.clock).to.equal(past);
      const { case: c } = await sim.cases.register(center.actor.clerk, walkIn());
      expect(new Date(c.registeredAt).toISOString()).to.equal('2026-03-01T01:00:00.000Z');
      expect(c.caseNumber).to.match(/^（2026）/);
      expect(tj.clock.now().toISOString()).to.equal('2026-11-20T02:00:00.000Z');
      // Both see the same database.
      expect(new Date((await tj.cases.get(center.actor.clerk, c.id)).registeredAt).toISOString()).to.equal('2026-03-01T01:00:00.000Z');
    });

    it('shares the event bus: a subscriber of the original hears the commands of the copy once', async () => {
      const heard: CaseOutcomeEvent[] = [];
      const off = tj.events.on('case.registered', (e) => void heard.push(e));
      const sim = tj.withClock(new ManualClock(new Date('2026-04-01T01:00:00.000Z')));
      expect(sim.events).to.equal(tj.events);
      const { case: c } = await sim.cases.register(center.actor.clerk, walkIn());
      await new Promise((r) => setTimeout(r, 50));
      off();
      expect(heard.map((e) => e.case.id)).to.deep.equal([c.id]);
    });
  });
});
