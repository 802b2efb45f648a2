import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURE_DEFINITIONS, monthBucket, planOf, ForbiddenError, ManualClock, parsePeriod, percentileOf, rebuildFigures, Tiaojie, ValidationError } from '../src';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { rollupRows } from './support/rollup';
import { walk } from './support/walk';


describe('periods', () => {
  it('reads years, quarters, months and day ranges in China days', () => {
    expect(parsePeriod('2026')).to.deep.equal({ from: '2026-01-01', to: '2026-12-31', label: '2026' });
    expect(parsePeriod('2026-Q1')).to.deep.equal({ from: '2026-01-01', to: '2026-03-31', label: '2026-Q1' });
    expect(parsePeriod('2028-02')).to.deep.equal({ from: '2028-02-01', to: '2028-02-29', label: '2028-02' });
    expect(parsePeriod('2026-11-03..2026-11-20')).to.include({ from: '2026-11-03', to: '2026-11-20' });
  });
  it('refuses what is not a period', () => {
    for (const bad of ['2026-13', '2026-Q5', '2026-11-20..2026-11-03', '2026-02-30..2026-03-01', 'x', '1999']) expect(parsePeriod(bad), bad).to.equal(null);
  });
  it('reads a range as whole months and at most half a month of days at each end', () => {
    const plan = (s: string) => planOf(parsePeriod(s)!);
    expect(plan('2026')).to.deep.equal({ months: [['2026-01', '2026-12']], plus: [], minus: [] });
    expect(plan('2026-11-03..2026-11-10')).to.deep.equal({ months: [], plus: [['2026-11-03', '2026-11-10']], minus: [] });
    expect(plan('2026-11-03..2026-11-28')).to.deep.equal({ months: [['2026-11', '2026-11']], plus: [], minus: [['2026-11-01', '2026-11-02'], ['2026-11-29', '2026-11-30']] });
    expect(plan('2026-01-20..2026-06-10')).to.deep.equal({ months: [['2026-02', '2026-05']], plus: [['2026-01-20', '2026-01-31'], ['2026-06-01', '2026-06-10']], minus: [] });
    expect(plan('2026-12-02..2027-02-27')).to.deep.equal({ months: [['2026-12', '2027-02']], plus: [], minus: [['2026-12-01', '2026-12-01'], ['2027-02-28', '2027-02-28']] });
    expect(plan('2028-02-01..2028-02-14')).to.deep.equal({ months: [], plus: [['2028-02-01', '2028-02-14']], minus: [] });
    expect(plan('2028-02-01..2028-02-15')).to.deep.equal({ months: [['2028-02', '2028-02']], plus: [], minus: [['2028-02-16', '2028-02-29']] });
  });
  it('takes the nearest-rank 90th percentile of a histogram', () => {
    expect(percentileOf([{ value: 4, count: 1 }, { value: 7, count: 1 }], 0.9)).to.equal(7);
    expect(percentileOf([{ value: 1, count: 9 }, { value: 30, count: 1 }], 0.9)).to.equal(1);
    expect(percentileOf([{ value: 1, count: 8 }, { value: 30, count: 2 }], 0.9)).to.equal(30);
    expect(percentileOf([], 0.9)).to.equal(null);
  });
  it('keeps handling days above 30 in 5-day, then 30-day bins in the month rollup', () => {
    expect(['0', '30', '31', '35', '89', '90', '119', '120', '400'].map((d) => monthBucket('closed', d))).to.deep.equal(['0', '30', '30', '35', '85', '90', '90', '120', '390']);
    expect(monthBucket('settled', 'village')).to.equal('village');
  });
  it('defines every figure in docs/figures.md', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/figures.md'), 'utf8');
    for (const [key, d] of Object.entries(FIGURE_DEFINITIONS)) {
      expect(doc, key).to.include(`\`${key}\``);
      expect(doc, key).to.include(d.zh);
    }
  });
});

forEachEngine('center figures', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-10-30T02:00:00Z'));

  before(async function () {
    this.timeout(60_000); // a fresh database, migrations and 30 commands on both engines, on a shared machine
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    const a = center.actor;
    const u = center.user;
    // G: October, a settled group dispute registered at risk of turning criminal (prevented from turning criminal or into a group petition).
    const g = (await tj.cases.register(a.clerk, walkIn({ peopleCount: 6, criminalRisk: { measures: '当场劝离双方', reportedToPolice: true, reportedOn: '2026-10-30' } }))).case;
    await walk(tj, clock, g.id, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: u.eastMediator.id }],
      [a.eastMediator, 'startMediation', {}],
      [a.eastMediator, 'settle', { agreement }, '2026-10-31T02:00:00Z'],
    ]);
    clock.set('2026-10-30T02:00:00Z');
    // D: registered in October, accepted 1 November, transferred to the west township, acknowledged 6 hours later.
    const d = (await tj.cases.register(a.clerk, walkIn())).case;
    await walk(tj, clock, d.id, [
      [a.clerk, 'accept', { triage: 'minor' }, '2026-11-01T01:00:00Z'],
      [a.clerk, 'transfer', { toOrganizationId: center.org.west.id, reason: '属西河乡管辖' }, '2026-11-02T01:00:00Z'],
      [a.westClerk, 'acknowledge', {}, '2026-11-02T07:00:00Z'],
    ]);
    // E: registered 1 November, accepted late (the 3-day acceptance limit passed), failed, referred 8 November: 7 days, overdue.
    clock.set('2026-11-01T02:00:00Z');
    const e = (await tj.cases.register(a.clerk, walkIn({ category: 'contract' }))).case;
    await walk(tj, clock, e.id, [
      [a.clerk, 'accept', { triage: 'minor' }, '2026-11-06T02:00:00Z'],
      [a.clerk, 'assign', { mediatorId: u.eastMediator.id }],
      [a.eastMediator, 'startMediation', {}],
      [a.eastMediator, 'fail', { reason: '双方分歧过大' }, '2026-11-07T02:00:00Z'],
      [a.eastMediator, 'refer', { route: 'litigation', note: '引导诉讼' }, '2026-11-08T02:00:00Z'],
    ]);
    // A: registered 2 November, settled by the east township, followed up (satisfied), closed 6 November: 4 days.
    clock.set('2026-11-02T02:00:00Z');
    const caseA = (await tj.cases.register(a.clerk, walkIn())).case;
    await walk(tj, clock, caseA.id, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: u.eastMediator.id }],
      [a.eastMediator, 'startMediation', {}],
      [a.eastMediator, 'settle', { agreement }, '2026-11-05T02:00:00Z'],
      [a.eastMediator, 'recordPerformance', { state: 'performed' }],
      [a.eastMediator, 'followUp', { method: 'phone', satisfaction: 'satisfied' }],
      [a.eastMediator, 'close', {}, '2026-11-06T02:00:00Z'],
    ]);
    // B: a court case (handled by the county), failed 10 November, still open.
    clock.set('2026-11-03T02:00:00Z');
    const b = (await tj.cases.register(a.liaison, walkIn({ channel: 'court', sourceRef: '（2026）晋0105民诉前调1号' }))).case;
    await walk(tj, clock, b.id, [
      [a.admin, 'accept', { triage: 'minor' }],
      [a.admin, 'assign', { mediatorId: u.countyMediator.id }],
      [a.countyMediator, 'startMediation', {}],
      [a.countyMediator, 'fail', { reason: '法院另案处理' }, '2026-11-10T02:00:00Z'],
    ]);
    // C: registered in the west township 3 November and rejected.
    clock.set('2026-11-03T03:00:00Z');
    const c = (await tj.cases.register(a.westClerk, walkIn())).case;
    await walk(tj, clock, c.id, [[a.westClerk, 'reject', { reason: '不属于人民调解受理范围' }]]);
    // Something in December, outside the period.
    clock.set('2026-12-01T02:00:00Z');
    await tj.cases.register(a.clerk, walkIn());
  });
  after(() => tj?.close());

  it('counts each figure of November on the hand-built cases', async () => {
    const f = await tj.figures.center(center.actor.leader, { period: '2026-11' });
    const { county, east, west } = center.org;
    expect(f.period).to.deep.equal({ from: '2026-11-01', to: '2026-11-30', label: '2026-11' });
    expect(f.received.total).to.equal(4);
    expect(f.received.byChannel).to.deep.equal([{ key: 'walk_in', count: 3 }, { key: 'court', count: 1 }]);
    expect(f.received.byCategory).to.deep.equal([{ key: 'neighbourhood', count: 3 }, { key: 'contract', count: 1 }]);
    expect(f.received.byArea).to.deep.equal([
      { key: east.id, name: east.name, count: 2 },
      { key: county.id, name: county.name, count: 1 },
      { key: west.id, name: west.name, count: 1 },
    ].sort((x, y) => y.count - x.count || x.key - y.key));
    expect(f.received.byMonth).to.deep.equal([{ key: '2026-11', count: 4 }]);
    expect(f.acceptanceRate).to.deep.equal({ numerator: 4, denominator: 5, rate: 0.8 });
    expect(f.successRate).to.deep.equal({ numerator: 1, denominator: 3, rate: 0.3333 });
    expect(f.handlingDays).to.deep.equal({ closed: 2, mean: 5.5, p90: 7 });
    expect(f.overdueRate).to.deep.equal({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(f.satisfactionRate).to.deep.equal({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.sourceResolved).to.deep.equal([
      { channel: 'court', numerator: 0, denominator: 1, rate: 0 },
      { channel: 'petition', numerator: 0, denominator: 0, rate: null },
      { channel: 'police', numerator: 0, denominator: 0, rate: null },
    ]);
    expect(f.villageResolvedRate).to.deep.equal({ numerator: 0, denominator: 1, rate: 0 });
    expect(f.townshipResolvedRate).to.deep.equal({ numerator: 1, denominator: 1, rate: 1 });
    expect(f.transfers).to.deep.equal([
      { kind: 'transfer', sent: 1, acknowledged: 1, meanHoursToAcknowledge: 6 },
      { kind: 'escalation', sent: 0, acknowledged: 0, meanHoursToAcknowledge: null },
    ]);
    expect(f.mediators).to.deep.equal([
      { mediatorId: center.user.eastMediator.id, name: center.user.eastMediator.displayName, open: 1, settled: 1, failed: 1 },
      { mediatorId: center.user.countyMediator.id, name: center.user.countyMediator.displayName, open: 1, settled: 0, failed: 1 },
    ]);
  });

  it('narrows to a subtree, a channel and a day range', async () => {
    const east = await tj.figures.center(center.actor.admin, { period: '2026-11', organizationId: center.org.east.id });
    expect(east.received.total).to.equal(2);
    expect(east.successRate).to.deep.equal({ numerator: 1, denominator: 2, rate: 0.5 });
    const court = await tj.figures.center(center.actor.admin, { period: '2026-11', channel: 'court' });
    expect([court.received.total, court.successRate.denominator]).to.deep.equal([1, 1]);
    const firstDays = await tj.figures.center(center.actor.admin, { period: '2026-11-01..2026-11-02' });
    expect(firstDays.received.total).to.equal(2);
    // More than half of November: the month less 1 November (E's registration and D's acceptance).
    const lateDays = await tj.figures.center(center.actor.admin, { period: '2026-11-02..2026-11-30' });
    expect([lateDays.received.total, lateDays.acceptanceRate.numerator, lateDays.received.byMonth]).to.deep.equal([3, 3, [{ key: '2026-11', count: 3 }]]);
    const courtDays = await tj.figures.center(center.actor.admin, { period: '2026-11-02..2026-11-30', channel: 'court' });
    expect([courtDays.received.total, courtDays.successRate.denominator, courtDays.mediators.map((m) => [m.name, m.open, m.failed])]).to.deep.equal([1, 1, [[center.user.countyMediator.displayName, 1, 1]]]);
    const year = await tj.figures.center(center.actor.admin, { period: '2026' });
    expect(year.received.total).to.equal(7);
    expect(year.received.byMonth).to.deep.equal([{ key: '2026-10', count: 2 }, { key: '2026-11', count: 4 }, { key: '2026-12', count: 1 }]);
  });

  it('answers the same from the month rollup (whole months) and the day cells (a day range)', async () => {
    const strip = ({ period: _p, at: _a, ...rest }: Awaited<ReturnType<Tiaojie['figures']['center']>>) => rest;
    const both = await tj.figures.center(center.actor.leader, { period: '2026-Q4' });
    expect(both.received.total).to.equal(7);
    expect(strip(await tj.figures.center(center.actor.leader, { period: '2026-10-01..2026-12-31' }))).to.deep.equal(strip(both));
    // Month less days at both ends, and days only, answer alike when nothing happened on the days left out.
    expect(strip(await tj.figures.center(center.actor.leader, { period: '2026-10-02..2026-12-30' }))).to.deep.equal(strip(both));
    expect(strip(await tj.figures.center(center.actor.leader, { period: '2026-10-20..2026-12-10' }))).to.deep.equal(strip(both));
    const { period: _q, at: _b, ...jMonths } = await tj.figures.justice(center.actor.leader, { period: '2026-Q4' });
    const { period: _r, at: _c, ...jDays } = await tj.figures.justice(center.actor.leader, { period: '2026-10-01..2026-12-31' });
    expect(jDays).to.deep.equal(jMonths);
    const { period: _s, at: _d, ...jEnds } = await tj.figures.justice(center.actor.leader, { period: '2026-10-25..2026-12-05' });
    expect(jEnds).to.deep.equal(jMonths);
  });

  it('refuses other roles, a bad period and an organization outside the reader’s subtree', async () => {
    await tj.figures.center(center.actor.clerk, {}).then(() => expect.fail(), (e) => expect(e).to.be.instanceOf(ForbiddenError));
    const bad = await tj.figures.center(center.actor.admin, { period: '2026-13' }).catch((e) => e);
    expect(bad).to.be.instanceOf(ValidationError);
    expect(bad.fields[0].field).to.equal('period');
    const westLeader = { ...center.actor.leader, organizationId: center.org.west.id, orgPath: center.org.west.path };
    const out = await tj.figures.center(westLeader, { organizationId: center.org.east.id }).catch((e) => e);
    expect(out.fields[0].field).to.equal('organizationId');
  });

  it('fills the justice-bureau report: category × source × result of the cases accepted in November', async () => {
    const r = await tj.figures.justice(center.actor.leader, { period: '2026-11' });
    const brief = (row: (typeof r.rows)[number]) => [row.statsCategory, row.cases, row.amountFen, row.people, JSON.stringify(row.bySource)];
    const zero = { written: 0, oral: 0, failed: 0, pending: 0 };
    expect(r.rows.map(brief)).to.deep.equal([
      ['neighbourhood', 3, 1_500_000, 6, JSON.stringify({ application: { ...zero, written: 1, pending: 1 }, own_initiative: zero, referral: { ...zero, failed: 1 } })],
      ['contract', 1, 500_000, 2, JSON.stringify({ application: { ...zero, failed: 1 }, own_initiative: zero, referral: zero })],
    ]);
    expect([r.total.cases, r.total.amountFen, r.total.people]).to.deep.equal([4, 2_000_000, 8]);
    expect(r.preventedCriminal).to.deep.equal({ cases: 0, people: 0 });
    expect(r.preventedGroupPetition).to.deep.equal({ cases: 0, people: 0 });
    expect(r.confirmations).to.deep.equal({ applied: 0, granted: 0 });
    expect([r.committees, r.mediators]).to.deep.equal([5, 4]);
    const october = await tj.figures.justice(center.actor.leader, { period: '2026-10' });
    expect([october.preventedCriminal, october.preventedGroupPetition]).to.deep.equal([{ cases: 1, people: 6 }, { cases: 1, people: 6 }]);
    const east = await tj.figures.justice(center.actor.admin, { period: '2026-11', organizationId: center.org.east.id });
    expect([east.total.cases, east.committees, east.mediators]).to.deep.equal([2, 2, 2]);
  });

  it('rebuilds from history to the same cells the commands kept', async () => {
    const cells = () => rollupRows(tj);
    const incremental = await cells();
    expect(incremental.length).to.be.greaterThan(10);
    const r = await rebuildFigures(tj.dataSource);
    expect(r.cases).to.equal(7);
    expect(await cells()).to.deep.equal(incremental);
  });
});
