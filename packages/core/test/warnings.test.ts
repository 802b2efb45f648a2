import { expect } from 'chai';
import { ForbiddenError, InvalidTransitionError, ManualClock, StaleVersionError, Tiaojie, ValidationError } from '../src';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

const DAY = 86_400_000;
const otherRespondent = (n: number) => ({
  parties: [
    { role: 'applicant', kind: 'person', name: '张三', idNumber: '11010519491231002X' },
    { role: 'respondent', kind: 'organization', name: `某公司${n}`, creditCode: `91140105MA0L${String(n).padStart(5, '0')}X` },
  ],
});

forEachEngine('class cases and early warnings', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  const kinds = async () => (await tj.warnings.list(center.actor.leader)).rows.map((w) => `${w.kind}:${w.caseCount}:${w.state}`).sort();

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    await tj.warnings.setThreshold(center.actor.admin, { category: 'neighbourhood', windowDays: 10, areaCases: 3, respondentCases: 4 });
  });
  after(() => tj?.close());

  it('raises a class warning when the third case of a category in one area arrives within the window, not before', async () => {
    const a = center.actor;
    // Distinct respondents, so only the area class can form.
    await tj.cases.register(a.clerk, walkIn(otherRespondent(1)));
    clock.advance(DAY);
    await tj.cases.register(a.clerk, walkIn(otherRespondent(2)));
    await tj.cases.register(a.clerk, walkIn({ ...otherRespondent(3), category: 'contract' })); // another category
    await tj.cases.register(a.westClerk, walkIn(otherRespondent(4))); // another area
    expect(await kinds()).to.deep.equal([]);
    clock.advance(DAY);
    await tj.cases.register(a.clerk, walkIn(otherRespondent(5)));
    expect(await kinds()).to.deep.equal(['class_area:3:open']);
    const [w] = (await tj.warnings.list(a.leader)).rows;
    expect(w.organizationId).to.equal(center.org.east.id);
    const detail = await tj.warnings.get(a.leader, w.id);
    expect(detail.caseIds).to.have.length(3);
    expect(detail.events.map((e) => e.action)).to.deep.equal(['raise']);
  });

  it('grows the open class, and leaves out cases older than the window', async () => {
    clock.advance(8 * DAY); // the first case is now 10 days old: 10 days back from now still holds it
    await tj.cases.register(center.actor.clerk, walkIn(otherRespondent(6)));
    expect(await kinds()).to.deep.equal(['class_area:4:open']);
    clock.advance(30 * DAY);
    await tj.cases.register(center.actor.clerk, walkIn(otherRespondent(7)));
    const [w] = (await tj.warnings.list(center.actor.leader)).rows;
    expect(w.caseCount).to.equal(4);
    expect((await tj.warnings.get(center.actor.leader, w.id)).events.map((e) => e.action)).to.deep.equal(['raise', 'grow']);
  });

  it('raises a respondent class at the fourth case against one respondent, across areas', async () => {
    const a = center.actor;
    const same = (n: number) => ({ ...otherRespondent(99), title: `欠薪${n}`, category: 'labour' });
    await tj.warnings.setThreshold(a.admin, { category: 'labour', windowDays: 30, areaCases: 50, respondentCases: 4 });
    await tj.cases.register(a.clerk, walkIn(same(1)));
    await tj.cases.register(a.westClerk, walkIn(same(2)));
    await tj.cases.register(a.clerk, walkIn(same(3)));
    expect((await kinds()).filter((k) => k.startsWith('class_respondent'))).to.deep.equal([]);
    await tj.cases.register(a.westClerk, walkIn(same(4)));
    const r = (await tj.warnings.list(a.leader, { kind: 'class_respondent' })).rows;
    expect(r.map((w) => [w.caseCount, w.organizationId])).to.deep.equal([[4, center.org.county.id]]);
    const eastLeader = { ...a.leader, organizationId: center.org.east.id, orgPath: center.org.east.path };
    expect((await tj.warnings.list(eastLeader, { kind: 'class_respondent' })).total).to.equal(0);
  });

  it('warns at once for a high-risk registration and a risk raised to critical', async () => {
    const a = center.actor;
    await tj.cases.register(a.clerk, walkIn({ ...otherRespondent(20), category: 'other', risk: 'high' }));
    const c = (await tj.cases.register(a.clerk, walkIn({ ...otherRespondent(21), category: 'other' }))).case;
    expect((await tj.warnings.list(a.leader, { kind: 'high_risk' })).total).to.equal(1);
    await tj.cases.run(a.clerk, c.id, 'assessRisk', { risk: 'critical', reason: '当事人扬言报复' }, c.version);
    const rows = (await tj.warnings.list(a.leader, { kind: 'high_risk' })).rows;
    expect(rows.map((w) => w.caseId)).to.include(c.id);
    expect(rows).to.have.length(2);
  });

  it('is taken, then dismissed with a reason, each step in its history; a closed warning refuses more', async () => {
    const a = center.actor;
    const [w] = (await tj.warnings.list(a.leader, { kind: 'class_area' })).rows;
    const taken = await tj.warnings.act(a.leader, w.id, { action: 'take', version: w.version });
    expect([taken.state, taken.ownerId]).to.deep.equal(['open', center.user.leader.id]);
    const noReason = await tj.warnings.act(a.leader, w.id, { action: 'dismiss', version: taken.version }).catch((e) => e);
    expect(noReason).to.be.instanceOf(ValidationError);
    expect(noReason.fields[0].field).to.equal('reason');
    expect(await tj.warnings.act(a.leader, w.id, { action: 'handle', version: w.version }).catch((e) => e)).to.be.instanceOf(StaleVersionError);
    const dismissed = await tj.warnings.act(a.leader, w.id, { action: 'dismiss', version: taken.version, reason: '系同一小区排水改造引起，已统一处理' });
    expect([dismissed.state, dismissed.reason]).to.deep.equal(['dismissed', '系同一小区排水改造引起，已统一处理']);
    expect(dismissed.events.map((e) => [e.action, e.actorId])).to.deep.equal([['raise', null], ['grow', null], ['take', center.user.leader.id], ['dismiss', center.user.leader.id]]);
    expect(await tj.warnings.act(a.leader, w.id, { action: 'handle', version: dismissed.version }).catch((e) => e)).to.be.instanceOf(InvalidTransitionError);
    expect(await tj.warnings.list(a.clerk).catch((e) => e)).to.be.instanceOf(ForbiddenError);
  });

  it('assigns the accepted cases of a class to one mediator', async () => {
    const a = center.actor;
    const [w] = (await tj.warnings.list(a.leader, { kind: 'class_respondent' })).rows;
    const d = await tj.warnings.get(a.leader, w.id);
    // Accept the east cases of the class.
    for (const id of d.caseIds) {
      const c = await tj.cases.get(a.admin, id);
      if (c.handlingOrgId === center.org.east.id) await tj.cases.run(a.clerk, id, 'accept', { triage: 'minor' }, c.version);
    }
    const r = await tj.warnings.assignClass(a.admin, w.id, center.user.eastMediator.id);
    expect(r.assigned).to.have.length(2);
    expect(r.skipped).to.have.length(2); // the west cases were not accepted
    for (const id of r.assigned) expect((await tj.cases.get(a.admin, id)).mediatorId).to.equal(center.user.eastMediator.id);
  });

  it('puts a whole class under one supervision order', async () => {
    const a = center.actor;
    const [w] = (await tj.warnings.list(a.leader, { kind: 'class_respondent' })).rows;
    const r = await tj.warnings.superviseClass(a.leader, w.id, { instructions: '同一用人单位欠薪，统一调处', deadlineDays: 10 });
    expect(r.supervised).to.have.length(4);
    for (const id of r.supervised) expect((await tj.cases.get(a.admin, id)).supervised).to.equal(true);
    const again = await tj.warnings.superviseClass(a.leader, w.id, { instructions: '再次督办', deadlineDays: 5 });
    expect([again.supervised.length, again.skipped.length]).to.deep.equal([0, 4]);
    expect((await tj.warnings.get(a.leader, w.id)).events.filter((e) => e.action === 'supervise')).to.have.length(2);
  });

  it('keeps one open warning per class when two commands complete it at once, and lets go of the class once dismissed', async () => {
    const a = center.actor;
    await tj.warnings.setThreshold(a.admin, { category: 'contract', windowDays: 30, areaCases: 50, respondentCases: 3 });
    const against = (n: number, k: number) => walkIn({ category: 'contract', title: `合同纠纷${n}-${k}`, ...otherRespondent(500 + n) });
    // Five classes, each two cases short, then completed by an east and a west registration at the same moment.
    for (let n = 0; n < 5; n++) for (const k of [1, 2]) await tj.cases.register(a.clerk, against(n, k));
    await Promise.all([0, 1, 2, 3, 4].flatMap((n) => [tj.cases.register(a.clerk, against(n, 3)), tj.cases.register(a.westClerk, against(n, 4))]));
    const warnings = (await tj.warnings.list(a.leader, { kind: 'class_respondent' }, [0, 999])).rows.filter((w) => w.title.includes('某公司5'));
    expect(warnings.map((w) => [w.title.slice(0, 14), w.state, w.caseCount]).sort()).to.deep.equal(
      [0, 1, 2, 3, 4].map((n) => [`同一被申请人“某公司${500 + n}”`.slice(0, 14), 'open', 4]).sort(),
    );
    for (const w of warnings) expect((await tj.warnings.get(a.leader, w.id)).caseIds).to.have.length(4);

    const [first] = warnings.filter((w) => w.title.includes('某公司500'));
    await tj.warnings.act(a.leader, first.id, { action: 'dismiss', version: first.version, reason: '同一供货合同，已合并处理' });
    await tj.cases.register(a.clerk, against(0, 5));
    const again = (await tj.warnings.list(a.leader, { kind: 'class_respondent' }, [0, 999])).rows.filter((w) => w.title.includes('某公司500'));
    expect(again.map((w) => [w.state, w.caseCount]).sort()).to.deep.equal([['dismissed', 4], ['open', 5]]);
  });

  it('lets admins and leaders of the county center set thresholds, audited, and refuses a township, a clerk and an unknown category', async () => {
    const a = center.actor;
    const set = await tj.warnings.setThreshold(a.leader, { category: 'traffic', windowDays: 14, areaCases: 6, respondentCases: 3 });
    expect([set.category, set.windowDays, set.areaCases, set.respondentCases, set.version]).to.deep.equal(['traffic', 14, 6, 3, 1]);
    const again = await tj.warnings.setThreshold(a.admin, { category: 'traffic', windowDays: 20, areaCases: 6, respondentCases: 3 });
    expect([again.id, again.windowDays, again.version]).to.deep.equal([set.id, 20, 2]);
    const trail = (await tj.audit.list(a.admin, { filter: { entity: 'class-threshold', entityId: set.id } })).rows;
    expect(trail.map((r) => [r.action, r.actorId])).to.deep.equal([['update', center.user.admin.id], ['create', center.user.leader.id]]);
    const townshipAdmin = { ...a.admin, organizationId: center.org.east.id, orgPath: `${a.admin.orgPath}${center.org.east.id}/` };
    expect(await tj.warnings.setThreshold(townshipAdmin, { category: 'traffic', windowDays: 5, areaCases: 2, respondentCases: 2 }).catch((e) => e)).to.be.instanceOf(ForbiddenError);
    expect(await tj.warnings.setThreshold(a.clerk, { category: 'traffic', windowDays: 5, areaCases: 2, respondentCases: 2 }).catch((e) => e)).to.be.instanceOf(ForbiddenError);
    const unknown = await tj.warnings.setThreshold(a.admin, { category: 'no_such', windowDays: 5, areaCases: 2, respondentCases: 2 }).catch((e) => e);
    expect(unknown).to.be.instanceOf(ValidationError);
    expect(unknown.fields[0].field).to.equal('category');
    expect((await tj.warnings.thresholds(a.leader)).find((t) => t.category === 'traffic')?.windowDays).to.equal(20);
  });
});
