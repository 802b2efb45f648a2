import { expect } from 'chai';
import { LoadCase, LoadStep, loadCases, ManualClock, rebuildFigures, Tiaojie, ValidationError } from '../src';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { rollupRows } from './support/rollup';

const DAY = 86_400_000;

forEachEngine('loadCases(tj, cases)', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
  });
  after(() => tj?.close());

  /** A case registered `days` ago at the east township, taken along `actions` a day apart. */
  const loaded = (days: number, actions: LoadStep['action'][], more: Partial<LoadCase> = {}): LoadCase => ({
    ...(walkIn({ title: `批量载入的邻里纠纷（${days}）` }) as Omit<LoadCase, 'organizationId' | 'registeredAt' | 'registeredById' | 'steps'>),
    organizationId: center.org.east.id,
    registeredAt: ago(days),
    registeredById: center.user.clerk.id,
    mediatorId: center.user.eastMediator.id,
    steps: actions.map((action, k) => ({ action, at: ago(days - k - 1), actorId: ['accept', 'assign', 'reject', 'archive'].includes(action) ? center.user.clerk.id : center.user.eastMediator.id })),
    ...more,
  });

  it('loads cases that number on from the counter, with histories that verify, and the next registration continues without a gap', async () => {
    const first = await tj.cases.register(center.actor.clerk, walkIn());
    const input = [
      loaded(20, []),
      loaded(40, ['accept', 'assign', 'startMediation', 'settle', 'followUp', 'close', 'archive']),
      loaded(30, ['accept', 'assign', 'startMediation', 'suspend']),
      loaded(10, ['reject']),
      loaded(12, ['accept', 'assign', 'startMediation', 'fail', 'refer']),
      loaded(25, ['accept', 'withdraw']),
      loaded(15, ['accept', 'assign'], { organizationId: center.org.west.id, registeredById: center.user.westClerk.id, mediatorId: center.user.westMediator.id }),
      // A channel's intake: no registering user, the channel body as source.
      loaded(5, [], { channel: 'court', sourceRef: '（2026）平0105民诉前调77号', sourceOrgId: center.org.courtDesk.id, registeredById: null }),
    ];
    const r = await loadCases(tj, input, { batchSize: 3 });
    expect(r.cases).to.equal(input.length);
    expect(r.parties).to.equal(2 * input.length);
    expect(r.events).to.equal(input.reduce((n, c) => n + 1 + c.steps.length, 0));

    const expected = ['registered', 'archived', 'suspended', 'rejected', 'closed', 'withdrawn', 'assigned', 'registered'];
    for (const [i, id] of r.ids.entries()) {
      expect(await tj.cases.verifyHistory(id), `case ${i}`).to.deep.equal({ ok: true, events: 1 + input[i].steps.length });
      const c = await tj.cases.get(center.actor.admin, id);
      expect(c.status, `case ${i}`).to.equal(expected[i]);
      expect(c.version, `case ${i}`).to.equal(1 + input[i].steps.length);
    }

    // Serials at the east township: the registration first, then the loaded ones in time order.
    const east = r.ids.filter((_id, i) => input[i].organizationId === center.org.east.id);
    const byTime = [...east].sort((a, b) => input[r.ids.indexOf(a)].registeredAt.getTime() - input[r.ids.indexOf(b)].registeredAt.getTime());
    const serials = await Promise.all(byTime.map(async (id) => (await tj.cases.get(center.actor.admin, id)).serial));
    expect(serials).to.deep.equal(east.map((_id, k) => first.case.serial + 1 + k));
    const next = await tj.cases.register(center.actor.clerk, walkIn({ title: '载入之后的登记' }));
    expect(next.case.serial).to.equal(first.case.serial + east.length + 1);
    const west = await tj.cases.get(center.actor.admin, r.ids[6]);
    expect(west.serial).to.equal(1);
    expect(west.caseNumber).to.equal('（2026）平西调字第1号');
  });

  it('adds loaded cases to the figures rollup (batched upserts over cells the commands made) as a full recount has them', async () => {
    const before = await tj.figures.center(center.actor.admin, { period: '2026' });
    // Batches of 2 share days, organizations and mediators with each other and with the cases already there.
    const paths: LoadStep['action'][][] = [[], ['accept', 'assign', 'startMediation', 'settle', 'followUp', 'close'], ['reject'], ['accept', 'assign', 'startMediation', 'fail', 'refer'], ['accept', 'assign'], ['accept', 'assign', 'startMediation', 'settle']];
    const input = Array.from({ length: 18 }, (_, i) => loaded(8 + (i % 4), paths[i % paths.length], i % 3 === 0 ? { channel: 'hotline' } : {}));
    await loadCases(tj, input, { batchSize: 2 });
    const after = await tj.figures.center(center.actor.admin, { period: '2026' });
    expect(after.received.total - before.received.total).to.equal(18);
    const open = (f: typeof after) => f.mediators.find((m) => m.mediatorId === center.user.eastMediator.id)?.open ?? 0;
    expect(open(after) - open(before)).to.equal(6); // the assigned and the settled-not-closed ones
    const loadedRows = await rollupRows(tj);
    await rebuildFigures(tj.dataSource);
    expect(await rollupRows(tj)).to.deep.equal(loadedRows);
  });

  it('runs the clock as the commands would: running while open, paused when suspended, stopped when closed', async () => {
    const r = await loadCases(tj, [loaded(2, ['accept']), loaded(30, ['accept', 'assign', 'startMediation', 'suspend']), loaded(60, ['accept', 'assign', 'startMediation', 'settle', 'followUp', 'close'])]);
    const [open, suspended, closed] = await Promise.all(r.ids.map((id) => tj.cases.get(center.actor.admin, id)));
    expect(open.deadlineAt?.getTime()).to.equal(ago(1).getTime() + 30 * DAY);
    expect([suspended.deadlineAt, suspended.pausedRemainingMs! > 0]).to.deep.equal([null, true]);
    expect([closed.deadlineAt, closed.clockStage, closed.followedUp]).to.deep.equal([null, null, true]);
  });

  it('records a risk of turning criminal given at loading as registration does: the fact, at least high risk, the report in the history', async () => {
    const report = { measures: '已劝离双方', reportedToPolice: true, reportedOn: '2026-05-20' };
    const r = await loadCases(tj, [loaded(12, ['accept'], { criminalRisk: report }), loaded(12, ['accept'])]);
    const [risky, plain] = await Promise.all(r.ids.map((id) => tj.cases.get(center.actor.admin, id)));
    expect([risky.criminalRisk, risky.risk, plain.criminalRisk]).to.deep.equal([true, 'high', false]);
    expect((await tj.cases.history(center.actor.admin, risky.id))[0].payload.criminalRisk).to.deep.equal(report);
  });

  it('refuses a step the lifecycle table does not allow, naming it, and writes nothing', async () => {
    const before = (await tj.cases.list(center.actor.admin, {})).total;
    let error: unknown;
    await loadCases(tj, [loaded(9, ['accept']), loaded(9, ['settle'])]).catch((e) => (error = e));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => f.field)).to.deep.equal(['cases.1.steps.0.action']);
    expect((error as ValidationError).fields[0].messages.en).to.match(/not allowed from registered/);
    expect((await tj.cases.list(center.actor.admin, {})).total).to.equal(before);
  });

  it('refuses a registering organization without a case-number prefix and a missing user', async () => {
    const e1 = await loadCases(tj, [loaded(3, [], { organizationId: center.org.eastVillage.id })]).catch((e) => e);
    expect(e1).to.be.instanceOf(ValidationError);
    expect(e1.fields[0].field).to.equal('cases.0.organizationId');
    const e2 = await loadCases(tj, [loaded(3, ['accept', 'assign'], { mediatorId: 999_999 })]).catch((e) => e);
    expect(e2.fields[0].field).to.equal('cases.0.mediatorId');
    const e3 = await loadCases(tj, [loaded(3, [], { title: '' })]).catch((e) => e);
    expect(e3.fields[0].field).to.equal('cases.0.title');
  });
});
