import { expect } from 'chai';
import { ActionForbiddenError, ManualClock, Tiaojie, ValidationError } from '../src';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { walk } from './support/walk';
import { forEachEngine } from './support/engines';

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

forEachEngine('risk of a civil dispute turning criminal (民转刑, 人民调解法 第25条)', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  const report = { measures: '已对双方分别疏导，劝离现场并收缴棍棒', reportedToPolice: true, policeStation: '东关派出所', reportedOn: '2026-11-02' };
  const criminalWarnings = async () => (await tj.warnings.list(center.actor.leader, { kind: 'criminal_risk' })).rows;

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
  });
  after(() => tj?.close());

  it('records the measures and the report, sets the fact, raises the risk to high and raises one criminal_risk warning', async () => {
    const a = center.actor;
    const c = (await tj.cases.register(a.clerk, walkIn({ title: '宅基地界址纠纷' }))).case;
    expect([c.risk, c.criminalRisk]).to.deep.equal(['low', false]);
    const r = await tj.cases.run(a.clerk, c.id, 'reportCriminalRisk', report, c.version);
    const after = await tj.cases.get(a.admin, c.id);
    expect([after.criminalRisk, after.risk, after.status]).to.deep.equal([true, 'high', 'registered']);
    expect(r.version).to.equal(c.version + 1);
    const event = (await tj.cases.history(a.admin, c.id)).at(-1)!;
    expect(event.action).to.equal('reportCriminalRisk');
    expect(event.payload).to.deep.include(report);
    expect(event.changes).to.deep.include({ risk: { before: 'low', after: 'high' }, criminalRisk: { before: false, after: true } });
    const warnings = await criminalWarnings();
    expect(warnings.map((w) => [w.caseId, w.state, w.organizationId])).to.deep.equal([[c.id, 'open', center.org.east.id]]);
    expect(warnings[0].title).to.contain('民转刑');
  });

  it('keeps a critical risk critical and records a report not made to the police', async () => {
    const a = center.actor;
    let c = (await tj.cases.register(a.clerk, walkIn({ title: '土地承包纠纷' }))).case;
    c = await tj.cases.run(a.clerk, c.id, 'assessRisk', { risk: 'critical', reason: '扬言报复' }, c.version);
    await tj.cases.run(a.leader, c.id, 'reportCriminalRisk', { measures: '已约谈双方并安排村干部看护', reportedToPolice: false }, c.version);
    const after = await tj.cases.get(a.admin, c.id);
    expect([after.criminalRisk, after.risk]).to.deep.equal([true, 'critical']);
    expect((await criminalWarnings()).map((w) => w.caseId)).to.include(c.id).and.to.have.length(2);
  });

  it('refuses a mediator not on the case, and changes nothing', async () => {
    const a = center.actor;
    const c = (await tj.cases.register(a.clerk, walkIn({ title: '相邻通行纠纷' }))).case;
    const before = (await criminalWarnings()).length;
    const e = (await rejection(tj.cases.run(a.eastMediator, c.id, 'reportCriminalRisk', report, c.version))) as ActionForbiddenError;
    expect(e).to.be.instanceOf(ActionForbiddenError);
    const after = await tj.cases.get(a.admin, c.id);
    expect([after.criminalRisk, after.risk, after.version]).to.deep.equal([false, 'low', c.version]);
    expect(await criminalWarnings()).to.have.length(before);
  });

  it('refuses a report to the police without its date, naming reportedOn, and changes nothing', async () => {
    const a = center.actor;
    const c = (await tj.cases.register(a.clerk, walkIn({ title: '债务纠纷' }))).case;
    const { reportedOn: _omit, ...undated } = report;
    const e = (await rejection(tj.cases.run(a.clerk, c.id, 'reportCriminalRisk', undated, c.version))) as ValidationError;
    expect(e).to.be.instanceOf(ValidationError);
    expect(e.fields.map((f) => f.field)).to.deep.equal(['reportedOn']);
    const after = await tj.cases.get(a.admin, c.id);
    expect([after.criminalRisk, after.version]).to.deep.equal([false, c.version]);
    expect(await tj.cases.history(a.admin, c.id)).to.have.length(1);
  });

  it('records a risk known at registration on the case and its history, at least high, with one criminal_risk warning in the same command', async () => {
    const a = center.actor;
    const before = (await criminalWarnings()).length;
    const { case: c } = await tj.cases.register(a.clerk, walkIn({ title: '宅基地纠纷扬言动刀', criminalRisk: report }));
    expect([c.criminalRisk, c.risk, c.version]).to.deep.equal([true, 'high', 1]);
    const [event] = await tj.cases.history(a.admin, c.id);
    expect(event.action).to.equal('register');
    expect(event.payload.criminalRisk).to.deep.equal(report);
    const warnings = await criminalWarnings();
    expect(warnings).to.have.length(before + 1);
    expect(warnings.filter((w) => w.caseId === c.id).map((w) => [w.state, w.organizationId])).to.deep.equal([['open', center.org.east.id]]);
    const critical = (await tj.cases.register(a.clerk, walkIn({ title: '土地纠纷', risk: 'critical', criminalRisk: { measures: '村干部看护', reportedToPolice: false } }))).case;
    expect([critical.criminalRisk, critical.risk]).to.deep.equal([true, 'critical']);
  });

  it('refuses a registration whose report to the police has no date, naming criminalRisk.reportedOn, and registers nothing', async () => {
    const a = center.actor;
    const before = (await tj.cases.list(a.admin, {})).total;
    const e = (await rejection(tj.cases.register(a.clerk, walkIn({ criminalRisk: { measures: '劝离', reportedToPolice: true } })))) as ValidationError;
    expect(e).to.be.instanceOf(ValidationError);
    expect(e.fields.map((f) => f.field)).to.deep.equal(['criminalRisk.reportedOn']);
    expect((await tj.cases.list(a.admin, {})).total).to.equal(before);
  });

  it('counts in 防止民转刑 the settled cases with the reported risk, and not those at high risk for other reasons', async () => {
    const a = center.actor;
    const u = center.user;
    const settle = (id: number) =>
      walk(tj, clock, id, [
        [a.clerk, 'accept', { triage: 'minor' }],
        [a.clerk, 'assign', { mediatorId: u.eastMediator.id }],
        [a.eastMediator, 'startMediation', {}],
        [a.eastMediator, 'settle', { agreement }],
      ]);
    const period = { period: '2026-11' };
    const base = (await tj.figures.justice(a.leader, period)).preventedCriminal;
    const atRegistration = (await tj.cases.register(a.clerk, walkIn({ peopleCount: 3, criminalRisk: report }))).case;
    await settle(atRegistration.id);
    let later = (await tj.cases.register(a.clerk, walkIn({ peopleCount: 2 }))).case;
    later = await tj.cases.run(a.clerk, later.id, 'reportCriminalRisk', report, later.version);
    await settle(later.id);
    const highOnly = (await tj.cases.register(a.clerk, walkIn({ peopleCount: 4, risk: 'high' }))).case;
    await settle(highOnly.id);
    const unsettled = (await tj.cases.register(a.clerk, walkIn({ peopleCount: 7, criminalRisk: report }))).case;
    await tj.cases.run(a.clerk, unsettled.id, 'accept', { triage: 'minor' }, unsettled.version);
    const r = (await tj.figures.justice(a.leader, period)).preventedCriminal;
    expect({ cases: r.cases - base.cases, people: r.people - base.people }).to.deep.equal({ cases: 2, people: 5 });
  });
});
