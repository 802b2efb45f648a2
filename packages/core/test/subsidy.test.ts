import { expect } from 'chai';
import { Actor, DuplicateError, gradeCase, ManualClock, payableResult, Tiaojie, ValidationError } from '../src';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { walk } from './support/walk';
import { nearestPolicy } from '../src/subsidy/subsidy.service';

describe('以案定补 grading and conditions', () => {
  const facts = { peopleCount: 2, amountFen: 500_000, risk: 'low', crossArea: false };
  it('grades by the first rule any of whose conditions holds, most complex first', () => {
    expect(gradeCase(facts)).to.equal('simple');
    expect(gradeCase({ ...facts, amountFen: 1_000_000 })).to.equal('ordinary');
    expect(gradeCase({ ...facts, peopleCount: 10 })).to.equal('difficult');
    expect(gradeCase({ ...facts, crossArea: true })).to.equal('difficult');
    expect(gradeCase({ ...facts, risk: 'critical', peopleCount: 3 })).to.equal('major');
  });
  it('pays a written, performed, followed-up agreement, and a failed difficult case not escalated', () => {
    const closed = { status: 'closed', closeRoute: 'agreement', agreementKind: 'written' as const, performance: 'performed', followedUp: true, escalated: false, complexity: 'simple' as const };
    expect(payableResult(closed)).to.equal('settled');
    expect(payableResult({ ...closed, agreementKind: 'oral' })).to.equal(null);
    expect(payableResult({ ...closed, performance: 'partly' })).to.equal(null);
    expect(payableResult({ ...closed, status: 'settled' })).to.equal(null);
    const failed = { ...closed, closeRoute: 'litigation', agreementKind: null, performance: null, complexity: 'difficult' as const };
    expect(payableResult(failed)).to.equal('failed');
    expect(payableResult({ ...failed, escalated: true })).to.equal(null);
    expect(payableResult({ ...failed, complexity: 'ordinary' })).to.equal(null);
  });
});

describe('以案定补 amounts by organization', () => {
  // County 1 › township 2 › village 4; township 3 is another branch. Newest valid-from first, as the service reads them.
  const policies = [
    { id: 'west-township', organizationId: 3, validFrom: '2026-01-01', validTo: null, complexity: 'simple' },
    { id: 'east-township-2027', organizationId: 2, validFrom: '2027-01-01', validTo: null, complexity: 'simple' },
    { id: 'east-township', organizationId: 2, validFrom: '2026-06-01', validTo: '2026-12-31', complexity: 'simple' },
    { id: 'county', organizationId: 1, validFrom: '2026-01-01', validTo: null, complexity: 'simple' },
    { id: 'county-ordinary', organizationId: 1, validFrom: '2026-01-01', validTo: null, complexity: 'ordinary' },
  ];
  const pick = (path: string, day: string, complexity = 'simple') => nearestPolicy(policies, path, day, (p) => p.complexity === complexity)?.id ?? null;
  it("pays by the nearest organization's policy valid that day, never by another branch's", () => {
    expect(pick('/1/2/4/', '2026-11-30')).to.equal('east-township');
    expect(pick('/1/2/4/', '2026-03-01')).to.equal('county'); // before the township's own began
    expect(pick('/1/2/4/', '2027-02-01')).to.equal('east-township-2027');
    expect(pick('/1/5/', '2026-11-30')).to.equal('county'); // the west township's policy is not above it
    expect(pick('/1/3/', '2026-11-30')).to.equal('west-township');
    expect(pick('/1/2/4/', '2026-11-30', 'ordinary')).to.equal('county-ordinary');
    expect(pick('/1/2/4/', '2025-12-31')).to.equal(null);
    expect(pick('/1/2/4/', '')).to.equal(null); // not closed: no day, nothing payable
  });
});

forEachEngine('以案定补 statements', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  const ids: Record<string, number> = {};
  const settleAndClose = (a: Center['actor'], performance: string): Array<[Actor, string, Record<string, unknown>?, string?]> => [
    [a.clerk, 'accept', { triage: 'minor' }],
    [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
    [a.eastMediator, 'startMediation', {}],
    [a.eastMediator, 'settle', { agreement }],
    [a.eastMediator, 'recordPerformance', { state: performance }],
    [a.eastMediator, 'followUp', { method: 'phone', satisfaction: 'satisfied' }],
    [a.eastMediator, 'close', {}],
  ];

  before(async function () {
    this.timeout(30_000);
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    const a = center.actor;
    // The west township's own rate, made first: it must not pay the east township's cases.
    await tj.policies.subsidy.create(a.admin, { name: '西河乡简易', complexity: 'simple', result: 'settled', amountFen: 99_999, validFrom: '2026-01-01', organizationId: center.org.west.id });
    for (const [complexity, result, amountFen] of [['simple', 'settled', 10_000], ['ordinary', 'settled', 20_000], ['difficult', 'failed', 15_000]] as const) {
      await tj.policies.subsidy.create(a.admin, { name: `${complexity}-${result}`, complexity, result, amountFen, validFrom: '2026-01-01' });
    }
    ids.simple = (await tj.cases.register(a.clerk, walkIn())).case.id;
    await walk(tj, clock, ids.simple, settleAndClose(a, 'performed'));
    ids.partly = (await tj.cases.register(a.clerk, walkIn({ amountFen: 2_000_000 }))).case.id;
    await walk(tj, clock, ids.partly, settleAndClose(a, 'partly'));
    ids.failed = (await tj.cases.register(a.clerk, walkIn({ category: 'contract', peopleCount: 12 }))).case.id;
    await walk(tj, clock, ids.failed, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation', {}],
      [a.eastMediator, 'fail', { reason: '分歧过大' }],
      [a.eastMediator, 'refer', { route: 'litigation', note: '引导诉讼' }],
    ]);
    clock.set('2026-12-03T02:00:00Z');
  });
  after(() => tj?.close());

  const summary = (s: { lines: Array<{ caseId: number; amountFen: number; kind: string; complexity: string }> }) =>
    s.lines.map((l) => `${Object.entries(ids).find(([, v]) => v === l.caseId)![0]}:${l.complexity}:${l.kind}:${l.amountFen}`).sort();

  it('states November: the paid cases, per mediator and organization', async () => {
    const s = await tj.subsidies.statement(center.actor.leader, { month: '2026-11' });
    expect(s.closed).to.equal(false);
    expect(summary(s)).to.deep.equal(['failed:difficult:regular:15000', 'simple:simple:regular:10000']);
    expect(s.totalFen).to.equal(25_000);
    expect(s.byMediator).to.deep.equal([{ mediatorId: center.user.eastMediator.id, name: center.user.eastMediator.displayName, cases: 2, amountFen: 25_000 }]);
    expect(s.byOrganization).to.deep.equal([{ organizationId: center.org.east.id, name: center.org.east.name, cases: 2, amountFen: 25_000 }]);
  });

  it('freezes a closed month: later changes show as corrections in December, November stays as it was', async () => {
    const a = center.actor;
    const closed = await tj.subsidies.close(a.admin, { month: '2026-11' });
    expect([closed.closed, closed.totalFen]).to.deep.equal([true, 25_000]);
    // After closing: the partly performed agreement is now performed; the performed one is not.
    for (const [key, state] of [['partly', 'performed'], ['simple', 'not_performed']] as const) {
      const c = await tj.cases.get(a.admin, ids[key]);
      await tj.cases.run(a.eastMediator, c.id, 'recordPerformance', { state }, c.version);
    }
    const november = await tj.subsidies.statement(a.leader, { month: '2026-11' });
    expect(summary(november)).to.deep.equal(['failed:difficult:regular:15000', 'simple:simple:regular:10000']);
    expect(november.totalFen).to.equal(25_000);
    const december = await tj.subsidies.statement(a.leader, { month: '2026-12' });
    expect(summary(december)).to.deep.equal(['partly:ordinary:correction:20000', 'simple:simple:correction:-10000']);
    expect(december.totalFen).to.equal(10_000);
  });

  it('refuses to close a month twice, a month not yet ended, and a reader who is not an admin', async () => {
    expect(await tj.subsidies.close(center.actor.admin, { month: '2026-11' }).catch((e) => e)).to.be.instanceOf(DuplicateError);
    const open = await tj.subsidies.close(center.actor.admin, { month: '2026-12' }).catch((e) => e);
    expect([open instanceof ValidationError, open.fields?.[0].field]).to.deep.equal([true, 'month']);
    expect((await tj.subsidies.close(center.actor.leader, { month: '2026-10' }).catch((e) => e)).code).to.equal('FORBIDDEN');
  });
});
