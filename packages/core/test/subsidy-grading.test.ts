import { expect } from 'chai';
import { Actor, DEFAULT_GRADING, gradeCase, gradingRules, ManualClock, Tiaojie, ValidationError } from '../src';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { walk } from './support/walk';

describe('以案定补 grading thresholds as data', () => {
  it('grades by the default thresholds as the built-in rules did, and by changed ones', () => {
    const facts = { peopleCount: 2, amountFen: 500_000, risk: 'low', crossArea: false };
    expect(gradeCase(facts, gradingRules(DEFAULT_GRADING))).to.equal('simple');
    expect(gradeCase({ ...facts, risk: 'high' }, gradingRules(DEFAULT_GRADING))).to.equal('difficult');
    expect(gradeCase({ ...facts, risk: 'critical' }, gradingRules(DEFAULT_GRADING))).to.equal('major');
    expect(gradeCase(facts, gradingRules({ ...DEFAULT_GRADING, ordinaryAmountFen: 400_000 }))).to.equal('ordinary');
    expect(gradeCase({ ...facts, crossArea: true }, gradingRules({ ...DEFAULT_GRADING, difficultCrossArea: false }))).to.equal('simple');
    expect(gradeCase({ ...facts, risk: 'medium' }, gradingRules({ ...DEFAULT_GRADING, ordinaryRisk: null }))).to.equal('simple');
  });
});

forEachEngine('以案定补 grading policies', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-10-05T02:00:00Z'));
  const ids: Record<string, number> = {};
  const closeOn = (day: string): Array<[Actor, string, Record<string, unknown>?, string?]> => {
    const a = center.actor;
    return [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation', {}],
      [a.eastMediator, 'settle', { agreement }],
      [a.eastMediator, 'recordPerformance', { state: 'performed' }],
      [a.eastMediator, 'followUp', { method: 'phone', satisfaction: 'satisfied' }],
      [a.eastMediator, 'close', {}, `${day}T02:00:00Z`],
    ];
  };
  const summary = (s: { lines: Array<{ caseId: number; amountFen: number; kind: string; complexity: string }> }) =>
    s.lines.map((l) => `${Object.entries(ids).find(([, v]) => v === l.caseId)![0]}:${l.complexity}:${l.kind}:${l.amountFen}`).sort();

  before(async function () {
    this.timeout(60_000);
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    const a = center.actor;
    for (const [complexity, amountFen] of [['simple', 10_000], ['ordinary', 20_000]] as const) {
      await tj.policies.subsidy.create(a.admin, { name: complexity, complexity, result: 'settled', amountFen, validFrom: '2026-01-01' });
    }
    // Each case: 2 people, 5,000 yuan, low risk: simple under the default thresholds.
    ids.october = (await tj.cases.register(a.clerk, walkIn())).case.id;
    await walk(tj, clock, ids.october, closeOn('2026-10-10'));
    clock.set('2026-11-02T02:00:00Z');
    await tj.subsidies.close(a.admin, { month: '2026-10' });
  });
  after(() => tj?.close());

  let gradingId = 0;
  it('creates a grading policy with the current thresholds as defaults, audited, and refuses thresholds out of order', async () => {
    const a = center.actor;
    const bad = await tj.policies.subsidyGrading.create(a.admin, { name: '倒挂', validFrom: '2026-11-15', ordinaryAmountFen: 20_000_000 }).catch((e) => e);
    expect(bad).to.be.instanceOf(ValidationError);
    expect(bad.fields[0].field).to.equal('difficultAmountFen');
    const g = await tj.policies.subsidyGrading.create(a.admin, { name: '2026年下半年标准', validFrom: '2026-11-15', ordinaryAmountFen: 400_000 });
    gradingId = g.id;
    expect({ ...g, id: 0, version: 0 }).to.deep.include({ ...DEFAULT_GRADING, ordinaryAmountFen: 400_000, organizationId: center.org.county.id, validFrom: '2026-11-15', validTo: null });
    const trail = (await tj.audit.list(a.admin, { filter: { entity: 'subsidy-grading', entityId: g.id } })).rows;
    expect(trail.map((r) => r.action)).to.deep.equal(['create']);
    expect(await Promise.resolve().then(() => tj.policies.subsidyGrading.create(a.clerk, { name: 'x', validFrom: '2026-11-15' })).catch((e) => e.name)).to.equal('ForbiddenError');
  });

  it('grades by the new thresholds only from their valid-from day, and leaves the closed month as it was', async () => {
    const a = center.actor;
    ids.before = (await tj.cases.register(a.clerk, walkIn())).case.id;
    await walk(tj, clock, ids.before, closeOn('2026-11-14'));
    ids.after = (await tj.cases.register(a.clerk, walkIn())).case.id;
    await walk(tj, clock, ids.after, closeOn('2026-11-15'));
    clock.set('2026-12-02T02:00:00Z');
    const november = await tj.subsidies.statement(a.leader, { month: '2026-11' });
    expect(summary(november)).to.deep.equal(['after:ordinary:regular:20000', 'before:simple:regular:10000']);
    const october = await tj.subsidies.statement(a.leader, { month: '2026-10' });
    expect([october.closed, summary(october)]).to.deep.equal([true, ['october:simple:regular:10000']]);
  });

  it('keeps a closed month frozen when a grading is moved back into it: the difference is a correction in the next open month', async () => {
    const a = center.actor;
    const g = await tj.policies.subsidyGrading.get(a.admin, gradingId);
    await tj.policies.subsidyGrading.update(a.admin, gradingId, { validFrom: '2026-10-01' }, g.version);
    const october = await tj.subsidies.statement(a.leader, { month: '2026-10' });
    expect(summary(october)).to.deep.equal(['october:simple:regular:10000']);
    const november = await tj.subsidies.statement(a.leader, { month: '2026-11' });
    expect(summary(november)).to.deep.equal(['after:ordinary:regular:20000', 'before:ordinary:regular:20000', 'october:ordinary:correction:10000']);
    const trail = (await tj.audit.list(a.admin, { filter: { entity: 'subsidy-grading', entityId: gradingId } })).rows;
    expect(trail.map((r) => r.action).sort()).to.deep.equal(['create', 'update']);
  });

  it('prefers the grading of the organization nearest above the handling organization', async () => {
    const a = center.actor;
    const eastAdmin = { ...a.admin, organizationId: center.org.east.id, orgPath: `${a.admin.orgPath}${center.org.east.id}/` };
    await tj.policies.subsidyGrading.create(eastAdmin, { name: '东关镇标准', validFrom: '2026-12-01', ordinaryAmountFen: 600_000, ordinaryPeople: 5 });
    ids.east = (await tj.cases.register(a.clerk, walkIn())).case.id;
    await walk(tj, clock, ids.east, closeOn('2026-12-05'));
    const december = await tj.subsidies.statement(a.leader, { month: '2026-12' });
    expect(summary(december)).to.deep.equal(['east:simple:regular:10000']);
  });
});
