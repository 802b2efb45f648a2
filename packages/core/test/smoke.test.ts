import { expect } from 'chai';
import { Tiaojie } from '../src';
import { forEachEngine } from './support/engines';
import { agreement, buildCenter, Center, clockAt, walkIn } from './support/center';

forEachEngine('smoke', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = clockAt('2026-11-20T02:00:00Z');
  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
  });
  after(() => tj?.close());

  it('walks a walk-in case to closed', async () => {
    const { actor } = center;
    const { case: c } = await tj.cases.register(actor.clerk, walkIn());
    expect(c.caseNumber).to.equal('（2026）平东调字第00001号');
    expect(c.light).to.equal('green');
    let v = c.version;
    const go = async (who: typeof actor.clerk, action: string, payload: object = {}) => {
      const r = await tj.cases.run(who, c.id, action, payload, v);
      v = r.version;
      return r;
    };
    await go(actor.clerk, 'accept', { triage: 'minor' });
    await go(actor.clerk, 'assign', { mediatorId: center.user.eastMediator.id });
    await go(actor.eastMediator, 'startMediation');
    await go(actor.eastMediator, 'recordSession', { heldAt: '2026-11-20T03:00:00Z', place: '东关村调解室', participants: '张三、李四', minutes: '双方陈述' });
    await go(actor.eastMediator, 'settle', { agreement });
    await go(actor.eastMediator, 'followUp', { method: 'phone', satisfaction: 'satisfied' });
    const closed = await go(actor.eastMediator, 'close', { summary: '调解成功' });
    expect(closed.status).to.equal('closed');
    const h = await tj.cases.history(actor.clerk, c.id);
    expect(h.map((e) => e.action)).to.deep.equal(['register', 'accept', 'assign', 'startMediation', 'recordSession', 'settle', 'followUp', 'close']);
    expect(await tj.cases.verifyHistory(c.id)).to.deep.equal({ ok: true, events: 8 });
    const list = await tj.cases.list(actor.admin, { filter: { q: '张三' } });
    expect(list.total).to.equal(1);
    const red = await tj.cases.list(actor.admin, { filter: { light: 'red' } });
    expect(red.total).to.equal(0);
  });
});
