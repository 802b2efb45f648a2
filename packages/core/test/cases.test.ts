import { expect } from 'chai';
import {
  ActionForbiddenError, Actor, CaseEvent, DAY_MS, InvalidTransitionError, ManualClock, MediationCase, NotFoundError, ForbiddenError, PiiAccess,
  StaleVersionError, Tiaojie, ValidationError, TiaojieError, DuplicateError,
} from '../src';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

const T0 = '2026-11-20T02:00:00.000Z';

/** What a promise was rejected with (fails the test if it resolved). */
async function rejection(p: Promise<unknown>): Promise<TiaojieError> {
  try {
    await p;
  } catch (e) {
    return e as TiaojieError;
  }
  throw new Error('expected a rejection');
}

forEachEngine('cases', ({ db, engine }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  const clock = new ManualClock(new Date(T0));

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    a = center.actor;
  });
  after(() => tj?.close());
  beforeEach(() => clock.set(T0));

  const register = async (who: Actor = a.clerk, extra: Record<string, unknown> = {}) => (await tj.cases.register(who, walkIn(extra))).case;
  const snapshot = async (id: number) => ({
    row: await tj.dataSource.getRepository(MediationCase).findOneByOrFail({ id }),
    events: await tj.dataSource.getRepository(CaseEvent).countBy({ caseId: id }),
  });

  /** Run actions in turn, each with the version the previous one returned. */
  async function walk(id: number, steps: Array<[Actor, string, object?]>): Promise<MediationCase> {
    let c = await tj.cases.get(a.admin, id);
    for (const [who, action, payload] of steps) c = await tj.cases.run(who, id, action, payload ?? {}, c.version);
    return c;
  }
  const toMediating = (id: number) =>
    walk(id, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation'],
    ]);
  const toSettled = async (id: number) => {
    await toMediating(id);
    return walk(id, [[a.eastMediator, 'settle', { agreement }]]);
  };

  describe('registration', () => {
    it('numbers cases per organization and year, gapless, in the standard form', async () => {
      const first = await register();
      const second = await register();
      const west = await register(a.westClerk);
      expect(second.serial).to.equal(first.serial + 1);
      expect(second.caseNumber).to.equal(`（2026）平东调字第${second.serial}号`); // a plain serial, as offices write it
      expect(west.caseNumber).to.match(/^（2026）平西调字第[1-9]\d*号$/);
    });

    it('starts the acceptance clock and records the registration', async () => {
      const c = await register();
      expect(c.status).to.equal('registered');
      expect(c.clockStage).to.equal('acceptance');
      expect(new Date(c.deadlineAt!).getTime() - new Date(T0).getTime()).to.equal(3 * DAY_MS);
      const [event] = await tj.cases.history(a.clerk, c.id);
      expect(event).to.include({ action: 'register', toStatus: 'registered', actorName: '窗口小王', seq: 1 });
    });

    it('masks ID numbers and phones, and keeps the full number only encrypted', async () => {
      const c = await register();
      const parties = await tj.cases.parties(a.clerk, c.id);
      expect(parties[0]).to.include({ idNumberMasked: '1101**********002X', phoneMasked: '138****8000' });
      expect(parties[0]).to.not.have.property('idNumberCipher');
      expect(parties[0]).to.not.have.property('idNumberHash'); // it would link the person across cases
      const raw = await tj.dataSource.query('SELECT id_number_cipher FROM parties WHERE case_id = ?', [c.id]);
      expect(raw[0].id_number_cipher).to.be.a('string').and.not.contain('11010519491231002X');
    });

    it('reveals full numbers to the assigned mediator and logs who saw them', async () => {
      const c = await register();
      await toMediating(c.id);
      const revealed = await tj.cases.parties(a.eastMediator, c.id, { reveal: true });
      expect(revealed[0].idNumber).to.equal('11010519491231002X');
      expect(revealed[0].phone).to.equal('13800138000');
      expect(await tj.dataSource.getRepository(PiiAccess).countBy({ userId: center.user.eastMediator.id, caseId: c.id })).to.equal(3);
      expect(await rejection(tj.cases.parties(a.eastMediator2, c.id, { reveal: true }))).to.be.instanceOf(ForbiddenError);
    });

    it('raises the risk of a group dispute', async () => {
      const c = await register(a.clerk, { peopleCount: 40 });
      expect(c.risk).to.equal('high');
    });

    it('refuses an invalid ID number, naming the field, and writes nothing', async () => {
      const before = await tj.dataSource.getRepository(MediationCase).count();
      const e = await rejection(tj.cases.register(a.clerk, walkIn({ parties: [{ role: 'applicant', kind: 'person', name: '王五', idNumber: '110105194912310030' }] })));
      expect(e).to.be.instanceOf(ValidationError);
      expect((e as ValidationError).fields[0]).to.include({ field: 'parties.0.idNumber', type: 'idNumber.invalid' });
      expect((e as ValidationError).fields[0].message).to.contain('身份证');
      expect(await tj.dataSource.getRepository(MediationCase).count()).to.equal(before);
    });

    it('collects every missing field at once', async () => {
      const e = (await rejection(tj.cases.register(a.clerk, { channel: 'walk_in' }))) as ValidationError;
      expect(e.fields.map((f) => f.field).sort()).to.deep.equal(['category', 'description', 'parties', 'title']);
    });

    it('lets a grid worker report only grid cases, and a leader register none', async () => {
      expect(await rejection(tj.cases.register(a.grid, walkIn()))).to.be.instanceOf(ForbiddenError);
      expect(await rejection(tj.cases.register(a.leader, walkIn()))).to.be.instanceOf(ForbiddenError);
      const reported = await register(a.grid, { channel: 'grid' });
      expect(reported).to.include({ reporterId: center.user.grid.id, placeOrgId: center.org.eastGrid.id });
      expect(reported.caseNumber).to.contain('平东'); // numbered by the nearest organization with a prefix
    });

    it('gives 20 registrations at once 20 distinct consecutive numbers', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => register(a.westClerk)));
      const serials = results.map((c) => c.serial).sort((x, y) => x - y);
      expect(new Set(results.map((c) => c.caseNumber)).size).to.equal(20);
      expect(serials).to.deep.equal(Array.from({ length: 20 }, (_, i) => serials[0] + i));
    });
  });

  describe('channel intake', () => {
    const court = () => ({ organizationId: center.org.courtDesk.id, channel: 'court' as const });
    const courtCase = (ref: string) => walkIn({ channel: undefined, sourceRef: ref, title: '买卖合同纠纷诉前调解', category: 'contract' });

    it('registers a court case once and returns it again for the same reference', async () => {
      const first = await tj.cases.intake(court(), courtCase('（2026）晋0105民诉前调1234号'));
      const again = await tj.cases.intake(court(), courtCase('（2026）晋0105民诉前调1234号'));
      expect(first.created).to.equal(true);
      expect(again.created).to.equal(false);
      expect(again.case.id).to.equal(first.case.id);
      expect(first.case).to.include({ channel: 'court', sourceOrgId: center.org.courtDesk.id });
      expect(first.case.caseNumber).to.contain('平安'); // the court desk has no prefix: the county numbers it
    });

    it('gives 10 simultaneous intakes of one reference one case', async () => {
      const ref = '（2026）晋0105民诉前调9999号';
      const results = await Promise.all(Array.from({ length: 10 }, () => tj.cases.intake(court(), courtCase(ref))));
      expect(new Set(results.map((r) => r.case.id)).size).to.equal(1);
      expect(results.filter((r) => r.created)).to.have.length(1);
      expect(await tj.dataSource.getRepository(MediationCase).countBy({ channel: 'court', sourceRef: ref })).to.equal(1);
    });

    it('answers a channel only about its own cases', async () => {
      await tj.cases.intake(court(), courtCase('REF-OWN'));
      expect(await tj.cases.findForChannel(court(), 'REF-OWN')).to.not.equal(null);
      expect(await tj.cases.findForChannel({ organizationId: center.org.county.id, channel: 'court' }, 'REF-OWN')).to.equal(null);
    });

    it('answers a known reference only to those who may see its case, and reveals nothing to others', async () => {
      const ref = 'WG-SCOPED-1';
      const first = await tj.cases.register(a.grid, walkIn({ channel: 'grid', sourceRef: ref }));
      const again = await tj.cases.register(a.clerk, walkIn({ channel: 'grid', sourceRef: ref }));
      expect(again).to.include({ created: false });
      expect(again.case.id).to.equal(first.case.id);
      const e = await rejection(tj.cases.register(a.westClerk, walkIn({ channel: 'grid', sourceRef: ref })));
      expect(e).to.be.instanceOf(DuplicateError);
      expect(JSON.stringify(e.details())).to.not.contain(String(first.case.id));
    });

    it('never hands one channel body the case another one sent under the same reference', async () => {
      const police = await tj.organizations.create({ name: '城关派出所', type: 'channel', channel: 'police', parentId: center.org.county.id });
      const traffic = await tj.organizations.create({ name: '交警大队', type: 'channel', channel: 'police', parentId: center.org.county.id });
      const body = walkIn({ channel: undefined, sourceRef: 'J2026-0001' });
      const sent = await tj.cases.intake({ organizationId: police.id, channel: 'police' }, body);
      expect(sent.created).to.equal(true);
      // Each body's references are its own: another body's equal number is another dispute (docs/domain.md).
      const other = await tj.cases.intake({ organizationId: traffic.id, channel: 'police' }, body);
      expect(other.created).to.equal(true);
      expect(other.case.id).to.not.equal(sent.case.id);
      expect((await tj.cases.findForChannel({ organizationId: police.id, channel: 'police' }, 'J2026-0001'))!.id).to.equal(sent.case.id);
      expect((await tj.cases.findForChannel({ organizationId: traffic.id, channel: 'police' }, 'J2026-0001'))!.id).to.equal(other.case.id);
    });

    // Issue 8, defect 5: a clerk could register any court reference, and the court's push then got 409.
    it("lets nobody occupy a channel body's reference: the desk names the body, whose push then finds the case", async () => {
      const ref = '（2026）晋0105民诉前调5555号';
      const paper = walkIn({ channel: 'court', sourceRef: ref, category: 'contract' });
      const missing = (await rejection(tj.cases.register(a.clerk, paper))) as ValidationError;
      expect(missing).to.be.instanceOf(ValidationError);
      expect(missing.fields[0]).to.include({ field: 'sourceOrgId' });
      expect(missing.fields[0].messages.en).to.contain('channel body');
      for (const wrong of [center.org.east.id, center.org.traffic.id]) {
        const e = (await rejection(tj.cases.register(a.clerk, { ...paper, sourceOrgId: wrong }))) as ValidationError;
        expect(e.fields[0].field, String(wrong)).to.equal('sourceOrgId');
      }
      expect(await tj.dataSource.getRepository(MediationCase).countBy({ sourceRef: ref })).to.equal(0);
      const desk = await tj.cases.register(a.clerk, { ...paper, sourceOrgId: center.org.courtDesk.id });
      expect(desk.created).to.equal(true);
      expect(desk.case).to.include({ sourceOrgId: center.org.courtDesk.id, channel: 'court' });
      const pushed = await tj.cases.intake(court(), courtCase(ref));
      expect(pushed).to.include({ created: false });
      expect(pushed.case.id).to.equal(desk.case.id);
      expect((await tj.cases.findForChannel(court(), ref))!.id).to.equal(desk.case.id);
      // A walk-in needs no body; a hotline's call record has none to name.
      const e = (await rejection(tj.cases.register(a.clerk, walkIn({ channel: 'hotline', sourceRef: 'CALL-1', sourceOrgId: center.org.courtDesk.id })))) as ValidationError;
      expect(e.fields[0].field).to.equal('sourceOrgId');
    });

    it("lets a liaison register only its own channel's cases", async () => {
      expect(await rejection(tj.cases.register(a.liaison, walkIn({ channel: 'petition', sourceRef: 'XF-1' })))).to.be.instanceOf(ForbiddenError);
      const own = await tj.cases.register(a.liaison, walkIn({ channel: 'court', sourceRef: 'LIAISON-OWN-1' }));
      expect(own.case).to.include({ channel: 'court', sourceOrgId: center.org.courtDesk.id });
    });

    it("issues an API key only for the channel body's own channel", async () => {
      const e = (await rejection(tj.apiKeys.issue(a.admin, { name: 'x', organizationId: center.org.courtDesk.id, channel: 'police' }))) as ValidationError;
      expect(e.fields[0].field).to.equal('channel');
      const { key } = await tj.apiKeys.issue(a.admin, { name: '法院系统', organizationId: center.org.courtDesk.id, channel: 'court' });
      expect(await tj.apiKeys.authenticate(key)).to.deep.equal({ organizationId: center.org.courtDesk.id, channel: 'court' });
    });

    it('requires the source reference', async () => {
      const e = (await rejection(tj.cases.intake(court(), walkIn({ channel: undefined })))) as ValidationError;
      expect(e.fields[0].field).to.equal('sourceRef');
    });
  });

  describe('commands', () => {
    it('walks a court case from intake through settlement, confirmation, follow-up and close', async () => {
      const { case: c } = await tj.cases.intake({ organizationId: center.org.courtDesk.id, channel: 'court' }, walkIn({ channel: undefined, sourceRef: 'FULL-1' }));
      const done = await walk(c.id, [
        [a.admin, 'accept', { triage: 'minor', risk: 'medium' }],
        [a.admin, 'assign', { mediatorId: center.user.countyMediator.id }],
        [a.countyMediator, 'startMediation'],
        [a.countyMediator, 'recordSession', { heldAt: '2026-11-21T01:00:00Z', place: '中心调解室', participants: '双方当事人', minutes: '第一次调解' }],
        [a.countyMediator, 'settle', { agreement }],
        [a.countyMediator, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-11-20' }],
        [a.countyMediator, 'recordConfirmation', { result: 'confirmed', decidedOn: '2026-11-25', rulingNumber: '（2026）晋0105民特12号' }],
        [a.countyMediator, 'recordPerformance', { state: 'performed', amountPaidFen: 500000 }],
        [a.countyMediator, 'followUp', { method: 'visit', satisfaction: 'satisfied' }],
        [a.countyMediator, 'close', { summary: '双方达成协议并已履行' }],
        [a.admin, 'archive'],
      ]);
      expect(done).to.include({ status: 'archived', closeRoute: 'agreement', performance: 'performed', followedUp: true });
      const history = await tj.cases.history(a.admin, c.id);
      expect(history).to.have.length(12);
      expect(history[5].changes).to.have.property('status').that.deep.equals({ before: 'mediating', after: 'settled' });
      expect(await tj.cases.verifyHistory(c.id)).to.deep.equal({ ok: true, events: 12 });
    });

    it('refuses an action from the wrong status, says why and what is allowed, and changes nothing', async () => {
      const c = await register();
      const before = await snapshot(c.id);
      const e = (await rejection(tj.cases.run(a.clerk, c.id, 'settle', { agreement }, c.version))) as InvalidTransitionError;
      expect(e).to.be.instanceOf(InvalidTransitionError);
      expect(e.reasonCode).to.equal('CASE.WRONG_STATUS');
      expect(e.allowed).to.deep.equal(['accept', 'reject', 'recordConsent', 'assessRisk', 'reportCriminalRisk', 'edit', 'editParty', 'withdraw']);
      expect(e.messages.zh).to.contain('调解成功');
      expect(await snapshot(c.id)).to.deep.equal(before);
    });

    it('refuses a role that may not act, and a mediator not on the case, as forbidden rather than a conflict', async () => {
      const c = await register();
      const e1 = (await rejection(tj.cases.run(a.eastMediator, c.id, 'accept', { triage: 'minor' }, c.version))) as ActionForbiddenError;
      expect(e1).to.be.instanceOf(ActionForbiddenError);
      expect(e1.code).to.equal('FORBIDDEN.ACTION');
      expect(e1.details()).to.deep.equal({ action: 'accept', reason: 'CASE.ROLE_NOT_ALLOWED', allowedActions: [] });
      const m = await toMediating(c.id);
      const before = await snapshot(c.id);
      const e2 = (await rejection(tj.cases.run(a.eastMediator2, c.id, 'fail', { reason: '双方分歧大' }, m.version))) as ActionForbiddenError;
      expect(e2).to.be.instanceOf(ActionForbiddenError);
      expect(e2.reasonCode).to.equal('CASE.NOT_ASSIGNED');
      expect(await snapshot(c.id)).to.deep.equal(before);
    });

    it('refuses a missing payload field, naming it, and changes nothing', async () => {
      const c = await register();
      const before = await snapshot(c.id);
      const e = (await rejection(tj.cases.run(a.clerk, c.id, 'reject', {}, c.version))) as ValidationError;
      expect(e.fields).to.deep.include({ field: 'reason', type: 'any.required', message: '原因不能为空', messages: { zh: '原因不能为空', en: 'reason is required' } });
      expect(await snapshot(c.id)).to.deep.equal(before);
    });

    it('refuses an agreement missing an element of Article 29, naming each one', async () => {
      const c = await register();
      const m = await toMediating(c.id);
      const before = await snapshot(c.id);
      const { terms: _t, performanceDeadline: _d, ...incomplete } = agreement;
      const e = (await rejection(tj.cases.run(a.eastMediator, c.id, 'settle', { agreement: incomplete }, m.version))) as ValidationError;
      expect(e.fields.map((f) => f.field).sort()).to.deep.equal(['agreement.performanceDeadline', 'agreement.terms']);
      expect(e.fields.find((f) => f.field === 'agreement.terms')!.message).to.equal('协议内容不能为空');
      expect(await snapshot(c.id)).to.deep.equal(before);
    });

    it('registers a case only with both sides named, as its agreement must name them', async () => {
      const e = (await rejection(tj.cases.register(a.clerk, walkIn({ parties: [{ role: 'applicant', kind: 'person', name: '张三' }, { role: 'third_party', kind: 'person', name: '王五' }] })))) as ValidationError;
      expect(e.fields[0]).to.include({ field: 'parties', type: 'parties.sides', message: '当事人至少需要一名申请人和一名被申请人' });
      expect(e.fields[0].messages.en).to.equal('parties needs at least one applicant and one respondent');
    });

    it('refuses unknown actions and unknown payload fields', async () => {
      const c = await register();
      expect(((await rejection(tj.cases.run(a.clerk, c.id, 'teleport', {}, c.version))) as ValidationError).fields[0].field).to.equal('action');
      const e = (await rejection(tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor', status: 'closed' }, c.version))) as ValidationError;
      expect(e.fields[0]).to.include({ field: 'status', type: 'object.unknown' });
    });

    it('rejects a stale version and changes nothing', async () => {
      const c = await register();
      await tj.cases.run(a.clerk, c.id, 'assessRisk', { risk: 'medium', reason: '当事人情绪激动' }, c.version);
      const before = await snapshot(c.id);
      const e = await rejection(tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version));
      expect(e).to.be.instanceOf(StaleVersionError);
      expect(await snapshot(c.id)).to.deep.equal(before);
    });

    it('gives 10 conflicting transitions at once one success, nine conflicts and one event', async () => {
      const c = await register();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => tj.cases.run(a.clerk, c.id, i % 2 ? 'accept' : 'reject', i % 2 ? { triage: 'minor' } : { reason: '不属于受理范围' }, c.version)),
      );
      const ok = outcomes.filter((o) => o.status === 'fulfilled');
      const conflicts = outcomes.filter((o) => o.status === 'rejected' && (o.reason as TiaojieError).code.startsWith('CONFLICT.'));
      expect(ok).to.have.length(1);
      expect(conflicts).to.have.length(9);
      expect(await tj.dataSource.getRepository(CaseEvent).countBy({ caseId: c.id })).to.equal(2);
      expect((await tj.cases.get(a.clerk, c.id)).version).to.equal(c.version + 1);
    });

    it('closes a failed case by referring it to litigation, and returns only court cases to the court', async () => {
      const c = await register();
      let m = await toMediating(c.id);
      m = await tj.cases.run(a.eastMediator, c.id, 'fail', { reason: '双方分歧过大' }, m.version);
      const e = (await rejection(tj.cases.run(a.eastMediator, c.id, 'refer', { route: 'court_return', note: '退回' }, m.version))) as ValidationError;
      expect(e.fields[0].field).to.equal('route');
      const closed = await tj.cases.run(a.eastMediator, c.id, 'refer', { route: 'litigation', note: '引导当事人起诉' }, m.version);
      expect(closed).to.include({ status: 'closed', closeRoute: 'litigation' });
    });

    it('reopens a closed case whose agreement was not performed', async () => {
      const c = await register();
      await toSettled(c.id);
      const closed = await walk(c.id, [
        [a.eastMediator, 'followUp', { method: 'phone', satisfaction: 'basically_satisfied' }],
        [a.eastMediator, 'close'],
      ]);
      expect(((await rejection(tj.cases.run(a.eastMediator, c.id, 'reopen', { reason: '未履行' }, closed.version))) as InvalidTransitionError).reasonCode).to.equal('CASE.AGREEMENT_PERFORMED');
      const reopened = await walk(c.id, [
        [a.eastMediator, 'recordPerformance', { state: 'not_performed', note: '被申请人拒不履行' }],
        [a.eastMediator, 'reopen', { reason: '协议未履行，重新调解' }],
      ]);
      expect(reopened).to.include({ status: 'mediating', closeRoute: null, clockStage: 'mediation' });
    });

    it('refuses judicial confirmation after the 30 days', async () => {
      const c = await register();
      const s = await toSettled(c.id); // effective 2026-11-20 → last day 2026-12-20
      clock.set('2026-12-21T00:00:00Z');
      const e = (await rejection(tj.cases.run(a.eastMediator, c.id, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-12-21' }, s.version))) as InvalidTransitionError;
      expect(e.reasonCode).to.equal('CASE.CONFIRMATION_LATE');
    });

    it('lets a lawyer invited to the case give an opinion, and see the case', async () => {
      const c = await register();
      const m = await toMediating(c.id);
      await expectNotFound(tj.cases.get(a.lawyer, c.id));
      await tj.cases.run(a.eastMediator, c.id, 'inviteAdviser', { adviserId: center.user.lawyer.id }, m.version);
      const seen = await tj.cases.get(a.lawyer, c.id);
      await tj.cases.run(a.lawyer, c.id, 'giveOpinion', { title: '关于排水纠纷的法律意见', content: '依据民法典第二百九十条…' }, seen.version);
      expect((await tj.cases.history(a.lawyer, c.id)).at(-1)!.action).to.equal('giveOpinion');
    });

    it('opens and closes a supervision order, flagging the case meanwhile', async () => {
      const c = await register();
      const s = await tj.cases.run(a.leader, c.id, 'openSupervision', { instructions: '请于一周内化解', deadlineDays: 7 }, c.version);
      expect(s.supervised).to.equal(true);
      expect((await tj.cases.list(a.leader, { filter: { supervised: true, id: [c.id] } })).total).to.equal(1);
      const closed = await tj.cases.run(a.leader, c.id, 'closeSupervision', { conclusion: '已化解' }, s.version);
      expect(closed.supervised).to.equal(false);
    });
  });

  describe('transfers and escalation', () => {
    it('keeps a transferred case with the sender until the receiver acknowledges it', async () => {
      const c = await register();
      const m = await toMediating(c.id);
      const t = await tj.cases.run(a.eastMediator, c.id, 'transfer', { toOrganizationId: center.org.west.id, reason: '被申请人住所地在西河乡' }, m.version);
      expect(t).to.include({ handlingOrgId: center.org.east.id, status: 'mediating', unacknowledgedTransfers: 1 });
      expect((await tj.cases.get(a.westClerk, c.id)).id).to.equal(c.id); // the receiver sees it to acknowledge it
      expect(await tj.cases.allowedActions(a.westClerk, c.id)).to.include('acknowledge');
      expect(await tj.cases.allowedActions(a.clerk, c.id)).to.not.include('acknowledge');
      expect(await tj.cases.allowedActions(a.admin, c.id)).to.not.include('acknowledge'); // the county above does not sign for the township
      const ack = await tj.cases.run(a.westClerk, c.id, 'acknowledge', {}, t.version);
      expect(ack).to.include({ handlingOrgId: center.org.west.id, status: 'accepted', mediatorId: null, pendingTransferId: null, unacknowledgedTransfers: 0 });
      // The sender keeps a read-only view of what it handed over (issue 8, defect 4).
      expect((await tj.cases.get(a.eastMediator2, c.id)).id).to.equal(c.id);
      expect(await tj.cases.allowedActions(a.clerk, c.id)).to.deep.equal([]);
    });

    // Issue 8, defect 4: the receiving office could edit, reassign and withdraw before it acknowledged.
    it('lets the receiver only acknowledge or decline before 签收, and the sender keeps the case', async () => {
      const c = await register();
      const m = await toMediating(c.id);
      const t = await tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: center.org.west.id, reason: '被申请人住所地在西河乡' }, m.version);
      expect(await tj.cases.allowedActions(a.westClerk, c.id)).to.deep.equal(['acknowledge', 'declineTransfer']);
      for (const [action, payload] of [['edit', { title: '被接收方改过的标题' }], ['reassign', { mediatorId: center.user.westMediator.id, reason: '改派' }], ['withdraw', { reason: '撤回' }]] as const) {
        const e = await rejection(tj.cases.run(a.westClerk, c.id, action, payload, t.version));
        expect(e, action).to.be.instanceOf(ActionForbiddenError);
        expect((e as ActionForbiddenError).reasonCode).to.equal('CASE.NOT_HANDLING');
      }
      expect((await snapshot(c.id)).row).to.include({ version: t.version, title: c.title, status: 'mediating' });
      expect(await tj.cases.allowedActions(a.clerk, c.id)).to.include.members(['reassign', 'edit', 'withdraw', 'transfer']);
    });

    it('declines a transfer with a reason: the case stays with the sender, who reads why and may send it elsewhere', async () => {
      const c = await register();
      const accepted = await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
      const t = await tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: center.org.west.id, reason: '管辖调整' }, accepted.version);
      const d = await tj.cases.run(a.westClerk, c.id, 'declineTransfer', { reason: '纠纷发生地不在本乡' }, t.version);
      expect(d).to.include({ handlingOrgId: center.org.east.id, status: 'accepted', pendingTransferId: null, pendingTransferToPath: null });
      const [row] = await tj.dataSource.query('SELECT state, decline_reason, declined_by_id FROM transfers WHERE id = ?', [t.pendingTransferId]);
      expect(row).to.deep.include({ state: 'declined', decline_reason: '纠纷发生地不在本乡', declined_by_id: center.user.westClerk.id });
      const told = (await tj.cases.history(a.clerk, c.id)).at(-1)!;
      expect(told).to.include({ action: 'declineTransfer', actorName: '窗口小孙' });
      expect(told.payload).to.include({ reason: '纠纷发生地不在本乡', toOrgId: center.org.west.id });
      await expectNotFound(tj.cases.get(a.westClerk, c.id));
      const again = await tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: center.org.county.id, reason: '请县中心协调' }, d.version);
      expect(again.pendingTransferToPath).to.equal(center.org.county.path);
    });

    for (const [how, steps] of [
      ['withdrawing', [['clerk', 'withdraw', { reason: '申请人撤回' }]]],
      ['settling', [['eastMediator', 'settle', { agreement }]]],
      ['failing and referring to litigation', [['eastMediator', 'fail', { reason: '双方分歧较大' }], ['clerk', 'refer', { route: 'litigation', note: '引导诉讼' }]]],
    ] as const) {
      it(`cancels a pending transfer when ${how} ends it`, async () => {
        const c = await register();
        const m = await toMediating(c.id);
        const t = await tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: center.org.west.id, reason: '管辖调整' }, m.version);
        const ended = await walk(c.id, steps.map(([who, action, payload]) => [a[who], action, payload]));
        expect(ended).to.include({ pendingTransferId: null, pendingTransferToPath: null });
        const [row] = await tj.dataSource.query('SELECT state FROM transfers WHERE id = ?', [t.pendingTransferId]);
        expect(row.state).to.equal('cancelled');
        await expectNotFound(tj.cases.get(a.westClerk, c.id));
      });
    }

    it('offers and accepts as targets only organizations with an active member who may acknowledge', async () => {
      const c = await register();
      const accepted = await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
      const targets = (await tj.cases.transferTargets(a.clerk, c.id)).map((o) => o.id);
      expect(targets).to.include.members([center.org.county.id, center.org.west.id]);
      // Not the handler itself; not a village, a grid or a court desk where nobody can sign (the liaison may not).
      for (const o of ['east', 'eastVillage', 'eastGrid', 'westVillage', 'traffic', 'courtDesk'] as const) expect(targets, o).to.not.include(center.org[o].id);
      expect(await tj.cases.transferTargets(a.westClerk, c.id).catch((e) => e)).to.be.instanceOf(NotFoundError);
      for (const to of [center.org.westVillage, center.org.courtDesk]) {
        const e = (await rejection(tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: to.id, reason: '管辖调整' }, accepted.version))) as ValidationError;
        expect(e).to.be.instanceOf(ValidationError);
        expect(e.fields[0].field).to.equal('toOrganizationId');
        expect(e.fields[0].messages.zh).to.contain('签收');
        expect(e.fields[0].messages.en).to.contain('acknowledge');
      }
      expect((await snapshot(c.id)).row).to.include({ version: accepted.version, pendingTransferId: null });
    });

    it('keeps a read-only view for the sender to the end, and lists what it handed over', async () => {
      const c = await register();
      const accepted = await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
      const t = await tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: center.org.west.id, reason: '管辖调整' }, accepted.version);
      const handed = async () => (await tj.cases.list(a.clerk, { filter: { handedOver: true, id: [c.id] } })).total;
      expect(await handed()).to.equal(0); // still ours until 签收
      const ack = await tj.cases.run(a.westClerk, c.id, 'acknowledge', {}, t.version);
      expect(await handed()).to.equal(1);
      expect((await tj.cases.list(a.clerk, { filter: { handedOver: false, id: [c.id] } })).total).to.equal(0);
      expect((await tj.cases.list(a.westClerk, { filter: { handedOver: true, id: [c.id] } })).total).to.equal(0);
      const e = await rejection(tj.cases.run(a.clerk, c.id, 'edit', { title: '移出后改的标题' }, ack.version));
      expect(e).to.be.instanceOf(ActionForbiddenError);
      await tj.cases.run(a.westClerk, c.id, 'withdraw', { reason: '当事人自行和解' }, ack.version);
      expect(await tj.cases.get(a.clerk, c.id)).to.include({ status: 'withdrawn', resultSummary: '当事人自行和解' });
      expect((await tj.cases.history(a.clerk, c.id)).map((h) => h.action)).to.include.members(['acknowledge', 'withdraw']);
      await expectNotFound(tj.cases.get(a.westMediator, (await register(a.clerk)).id)); // the rule opens only handed-over cases
    });

    it('flags a case transferred three times without acknowledgement', async () => {
      const c = await register();
      let v = (await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version)).version;
      for (const to of [center.org.west, center.org.county, center.org.west]) {
        const r = await tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: to.id, reason: '管辖调整' }, v);
        v = r.version;
      }
      const flagged = await tj.cases.get(a.admin, c.id);
      expect(flagged).to.include({ flagged: true, unacknowledgedTransfers: 3 });
      expect((await tj.cases.list(a.leader, { filter: { flagged: true, id: [c.id] } })).total).to.equal(1);
      const states = await tj.dataSource.query('SELECT state FROM transfers WHERE case_id = ? ORDER BY id', [c.id]);
      expect(states.map((s: { state: string }) => s.state)).to.deep.equal(['cancelled', 'cancelled', 'pending']);
    });

    it('escalates to the parent organization', async () => {
      const c = await register();
      const m = await toMediating(c.id);
      const e = await tj.cases.run(a.eastMediator, c.id, 'escalate', { reason: '涉及多个村，需乡级以上协调' }, m.version);
      expect(e.pendingTransferToPath).to.equal(center.org.county.path);
      const ack = await tj.cases.run(a.admin, c.id, 'acknowledge', {}, e.version);
      expect(ack.handlingOrgId).to.equal(center.org.county.id);
    });
  });

  describe('clock and lights', () => {
    it('turns yellow at 75% of the limit and red once the deadline has passed', async () => {
      const c = await register(); // acceptance: 3 days; yellow after 2.25 days
      const at = (ms: number) => clock.set(new Date(new Date(T0).getTime() + ms));
      const light = async () => (await tj.cases.get(a.clerk, c.id)).light;
      const listed = async (l: string) => (await tj.cases.list(a.clerk, { filter: { light: l, id: [c.id] } })).total;
      at(2.25 * DAY_MS - 1);
      expect([await light(), await listed('green'), await listed('yellow')]).to.deep.equal(['green', 1, 0]);
      at(2.25 * DAY_MS);
      expect([await light(), await listed('yellow'), await listed('green')]).to.deep.equal(['yellow', 1, 0]);
      at(3 * DAY_MS);
      expect([await light(), await listed('yellow'), await listed('red')]).to.deep.equal(['yellow', 1, 0]);
      at(3 * DAY_MS + 1);
      expect([await light(), await listed('red'), await listed('yellow')]).to.deep.equal(['red', 1, 0]);
    });

    it('stops the clock while suspended and restarts it with the remaining time', async () => {
      const c = await register();
      const m = await toMediating(c.id); // accepted at T0: 30 days
      clock.advance(10 * DAY_MS);
      const s = await tj.cases.run(a.eastMediator, c.id, 'suspend', { reason: '当事人住院' }, m.version);
      expect(s.deadlineAt).to.equal(null);
      expect(s.light).to.equal(null);
      clock.advance(100 * DAY_MS);
      const r = await tj.cases.run(a.eastMediator, c.id, 'resume', {}, s.version);
      expect(new Date(r.deadlineAt!).getTime() - clock.now().getTime()).to.equal(20 * DAY_MS);
      expect(r.light).to.equal('green');
    });

    it('extends the deadline once', async () => {
      const c = await register();
      const m = await toMediating(c.id);
      const x = await tj.cases.run(a.eastMediator, c.id, 'extendDeadline', { reason: '双方同意延长', days: 15 }, m.version);
      expect(new Date(x.deadlineAt!).getTime() - new Date(m.deadlineAt!).getTime()).to.equal(15 * DAY_MS);
      expect(((await rejection(tj.cases.run(a.eastMediator, c.id, 'extendDeadline', { reason: '再延' }, x.version))) as InvalidTransitionError).reasonCode).to.equal('CASE.ALREADY_EXTENDED');
    });

    it('gives the judicial confirmation window its own deadline after settlement', async () => {
      const c = await register();
      const s = await toSettled(c.id);
      // Effective 2026-11-20: the 30 days run from the next day (民法典 第201条) to the end of 2026-12-20, China time.
      expect(new Date(s.confirmationDeadlineAt!).toISOString()).to.equal('2026-12-20T15:59:59.999Z');
      expect(s.clockStage).to.equal('follow_up');
    });

    it('uses the most specific SLA policy', async () => {
      await tj.dataSource.query(
        "INSERT INTO sla_policies (organization_id, name, channel, category, accept_days, mediate_days, extension_days, follow_up_days, confirmation_days, yellow_percent, active) VALUES (?, '交通事故', NULL, 'traffic', 1, 10, 10, 7, 30, 80, 1)",
        [center.org.county.id],
      );
      const c = await register(a.clerk, { category: 'traffic' });
      expect(new Date(c.deadlineAt!).getTime() - new Date(T0).getTime()).to.equal(DAY_MS);
      expect(new Date(c.yellowAt!).getTime() - new Date(T0).getTime()).to.equal(0.8 * DAY_MS);
    });
  });

  describe('scope', () => {
    it('never shows a mediator of one township the cases of another', async () => {
      const east = await register(a.clerk);
      const west = await register(a.westClerk);
      await expectNotFound(tj.cases.get(a.westMediator, east.id));
      await expectNotFound(tj.cases.run(a.westMediator, east.id, 'assessRisk', { risk: 'high', reason: 'x' }, east.version));
      const seen = await tj.cases.list(a.westMediator, { range: [0, 999] });
      expect(seen.rows.map((c) => c.id)).to.include(west.id).and.not.include(east.id);
      expect(seen.rows.every((c) => c.handlingOrgPath.startsWith(center.org.west.path) || c.pendingTransferToPath?.startsWith(center.org.west.path))).to.equal(true);
    });

    it('shows a grid worker only what they reported, and the county everything', async () => {
      const reported = await register(a.grid, { channel: 'grid' });
      const other = await register(a.clerk);
      const mine = await tj.cases.list(a.grid, { range: [0, 999] });
      expect(mine.rows.map((c) => c.id)).to.include(reported.id).and.not.include(other.id);
      expect(mine.rows.every((c) => c.reporterId === center.user.grid.id)).to.equal(true);
      expect((await tj.cases.list(a.admin, { filter: { id: [reported.id, other.id] } })).total).to.equal(2);
    });

    it('shows a legal adviser the cases of the villages they serve, during their term', async () => {
      const c = await register(a.clerk, { placeOrgId: center.org.eastVillage.id });
      await expectNotFound(tj.cases.get(a.lawyer, c.id));
      await tj.dataSource.query('INSERT INTO adviser_assignments (adviser_id, village_id, starts_on, ends_on) VALUES (?, ?, ?, ?)', [center.user.lawyer.id, center.org.eastVillage.id, '2026-01-01', '2026-12-31']);
      const lawyer = await tj.actorFor(center.user.lawyer.id);
      expect((await tj.cases.get(lawyer, c.id)).id).to.equal(c.id);
      clock.set('2027-01-02T00:00:00Z');
      await expectNotFound(tj.cases.get(await tj.actorFor(center.user.lawyer.id), c.id));
    });

    it('shows a legal adviser the grid reports of their villages and the cases they registered', async () => {
      await tj.dataSource.query('INSERT INTO adviser_assignments (adviser_id, village_id, starts_on, ends_on) VALUES (?, ?, ?, ?)', [center.user.lawyer.id, center.org.eastVillage.id, '2026-01-01', '2026-12-31']);
      const lawyer = await tj.actorFor(center.user.lawyer.id);
      const reported = await register(a.grid, { channel: 'grid' }); // placed at the grid inside the village
      expect((await tj.cases.get(lawyer, reported.id)).id).to.equal(reported.id);
      const own = await register(lawyer);
      expect((await tj.cases.get(lawyer, own.id)).id).to.equal(own.id);
      await tj.dataSource.query('DELETE FROM adviser_assignments WHERE adviser_id = ?', [center.user.lawyer.id]);
    });

    it("shows a channel liaison its own channel's cases", async () => {
      const { case: c } = await tj.cases.intake({ organizationId: center.org.courtDesk.id, channel: 'court' }, walkIn({ channel: undefined, sourceRef: 'LIAISON-1' }));
      const mine = await tj.cases.list(a.liaison, { range: [0, 999] });
      expect(mine.rows.map((x) => x.id)).to.include(c.id);
      expect(mine.rows.every((x) => x.sourceOrgId === center.org.courtDesk.id)).to.equal(true);
    });
  });

  describe('one person across channels (一人一档)', () => {
    it('finds every case of a person by ID card number, whatever the channel', async () => {
      const idNumber = '110105198001010016';
      const person = { role: 'applicant', kind: 'person', name: '孙七', idNumber };
      const other = { role: 'respondent', kind: 'person', name: '某公司' };
      const walkInCase = await register(a.clerk, { parties: [person, other] });
      const { case: courtCase } = await tj.cases.intake(
        { organizationId: center.org.courtDesk.id, channel: 'court' },
        walkIn({ channel: undefined, sourceRef: 'PERSON-1', parties: [{ ...person, role: 'respondent' }, { ...other, role: 'applicant' }] }),
      );
      const found = await tj.cases.personCases(a.admin, idNumber.toLowerCase());
      expect(found.map((c) => c.id).sort()).to.deep.equal([walkInCase.id, courtCase.id].sort());
      expect(found.map((c) => c.channel).sort()).to.deep.equal(['court', 'walk_in']);
      expect((await tj.cases.personCases(a.westMediator, idNumber)).map((c) => c.id)).to.deep.equal([]);
    });
  });

  describe('history', () => {
    it('detects an edited event and names it', async () => {
      const c = await register();
      await toMediating(c.id);
      expect(await tj.cases.verifyHistory(c.id)).to.deep.equal({ ok: true, events: 4 });
      await tj.dataSource.query(`UPDATE case_events SET payload = ? WHERE case_id = ? AND seq = 2`, ['{"triage":"major"}', c.id]);
      expect(await tj.cases.verifyHistory(c.id)).to.deep.equal({ ok: false, brokenAtSeq: 2, reason: 'hash' });
    });

    it('detects a deleted event', async () => {
      const c = await register();
      await toMediating(c.id);
      await tj.dataSource.query('DELETE FROM case_events WHERE case_id = ? AND seq = 3', [c.id]);
      expect(await tj.cases.verifyHistory(c.id)).to.deep.include({ ok: false, brokenAtSeq: 4 });
    });

    it('adds and corrects parties, keeping both sides and recording each change masked', async () => {
      const c = await register();
      const added = await tj.cases.run(a.clerk, c.id, 'editParty', { role: 'third_party', kind: 'person', name: '王五', phone: '13900001111' }, c.version);
      const parties = await tj.cases.parties(a.clerk, c.id);
      const wang = parties.find((p) => p.name === '王五')!;
      expect(wang).to.include({ role: 'third_party', phoneMasked: '139****1111' });
      const fixed = await tj.cases.run(a.clerk, c.id, 'editParty', { partyId: wang.id, name: '王小五', idNumber: '110105198001010016' }, added.version);
      const last = (await tj.cases.history(a.clerk, c.id)).at(-1)!;
      expect(last.action).to.equal('editParty');
      expect(last.payload).to.deep.include({ partyId: wang.id });
      expect((last.payload as any).before).to.include({ name: '王五', idNumber: null });
      expect((last.payload as any).after).to.include({ name: '王小五', idNumber: '1101**********0016' });
      expect(JSON.stringify(last)).to.not.contain('110105198001010016');
      expect((await tj.cases.personCases(a.admin, '110105198001010016')).map((x) => x.id)).to.include(c.id);
      const respondent = parties.find((p) => p.role === 'respondent')!;
      const e = (await rejection(tj.cases.run(a.clerk, c.id, 'editParty', { partyId: respondent.id, role: 'third_party' }, fixed.version))) as ValidationError;
      expect(e.fields[0]).to.include({ field: 'role', type: 'parties.sides' });
      const other = await register();
      const foreign = (await tj.cases.parties(a.clerk, other.id))[0];
      expect(((await rejection(tj.cases.run(a.clerk, c.id, 'editParty', { partyId: foreign.id, name: '冒名' }, fixed.version))) as ValidationError).fields[0].field).to.equal('partyId');
    });

    it('takes as the place of a dispute only a village or a grid', async () => {
      const c = await register();
      const e = (await rejection(tj.cases.run(a.clerk, c.id, 'edit', { placeOrgId: center.org.west.id }, c.version))) as ValidationError;
      expect(e.fields[0].field).to.equal('placeOrgId');
      expect(await rejection(tj.cases.register(a.clerk, walkIn({ placeOrgId: center.org.traffic.id })))).to.be.instanceOf(ValidationError);
    });

    it("restarts a running clock under the new category's limits", async () => {
      const c = await register(); // neighbourhood: default 3 days to accept
      await tj.dataSource.query(
        "INSERT INTO sla_policies (organization_id, name, channel, category, accept_days, mediate_days, extension_days, follow_up_days, confirmation_days, yellow_percent, active) VALUES (?, '医疗', NULL, 'medical', 5, 20, 10, 7, 30, 75, 1)",
        [center.org.county.id],
      );
      const edited = await tj.cases.run(a.clerk, c.id, 'edit', { category: 'medical' }, c.version);
      expect(new Date(edited.deadlineAt!).getTime() - new Date(c.registeredAt).getTime()).to.equal(5 * DAY_MS);
      const last = (await tj.cases.history(a.clerk, c.id)).at(-1)!;
      expect(last.changes).to.have.property('deadlineAt');
    });

    it('records who changed which fact, before and after', async () => {
      const c = await register();
      const edited = await tj.cases.run(a.clerk, c.id, 'edit', { amountFen: 800000, title: '邻里排水及通行纠纷' }, c.version);
      const last = (await tj.cases.history(a.clerk, c.id)).at(-1)!;
      expect(last.actorId).to.equal(center.user.clerk.id);
      expect(last.changes).to.deep.equal({ title: { before: '邻里排水纠纷', after: '邻里排水及通行纠纷' }, amountFen: { before: 500000, after: 800000 } });
      expect(edited.amountFen).to.equal(800000);
    });
  });

  describe('lists', () => {
    it('filters by status, channel and search, and refuses unknown filters and sort fields', async () => {
      const c = await register(a.clerk, { title: '独一无二的标题ZX' });
      const r = await tj.cases.list(a.admin, { filter: { q: '独一无二', status: 'registered', channel: ['walk_in', 'court'] }, sort: ['registeredAt', 'DESC'] });
      expect(r.rows.map((x) => x.id)).to.deep.equal([c.id]);
      expect(await rejection(tj.cases.list(a.admin, { filter: { status: 'nonsense' } }))).to.be.instanceOf(ValidationError);
      expect(await rejection(tj.cases.list(a.admin, { filter: { light: [] } }))).to.be.instanceOf(ValidationError);
      expect(await rejection(tj.cases.list(a.admin, { filter: { 'id; DROP TABLE cases': 1 } }))).to.be.instanceOf(ValidationError);
      expect(await rejection(tj.cases.list(a.admin, { sort: ['description); DROP TABLE cases; --', 'ASC'] }))).to.be.instanceOf(ValidationError);
    });

    it('counts matches exactly up to the cap, and past it gives a lower bound marked capped', async () => {
      for (let i = 0; i < 3; i++) await register(a.clerk, { title: `封顶计数${i}` });
      const filter = { q: '封顶计数' };
      const exact = await tj.cases.list(a.admin, { filter, range: [0, 24], countCap: 2 });
      // The page reaches past the cap, so counting goes on to the page's end: exact.
      expect({ total: exact.total, capped: exact.capped, rows: exact.rows.length }).to.deep.equal({ total: 3, capped: false, rows: 3 });
      const first = await tj.cases.list(a.admin, { filter, range: [0, 0], countCap: 2 });
      expect({ total: first.total, capped: first.capped, rows: first.rows.length }).to.deep.equal({ total: 3, capped: true, rows: 1 });
      expect((await tj.cases.list(a.admin, { filter, range: [0, 0], countCap: 3 })).capped).to.equal(false);
    });

    it('treats LIKE wildcards in a search literally', async () => {
      await register(a.clerk, { title: '百分之百%测试' });
      const r = await tj.cases.list(a.admin, { filter: { q: '%' }, range: [0, 999] });
      expect(r.rows.every((x) => x.title.includes('%') || x.description.includes('%') || x.caseNumber.includes('%'))).to.equal(true);
      expect(r.rows.map((x) => x.title)).to.include('百分之百%测试');
    });

    it('filters by organization subtree', async () => {
      const west = await register(a.westClerk);
      const r = await tj.cases.list(a.admin, { filter: { organizationId: center.org.west.id }, range: [0, 999] });
      expect(r.rows.map((x) => x.id)).to.include(west.id);
      expect(r.rows.every((x) => x.handlingOrgPath.startsWith(center.org.west.path))).to.equal(true);
      expect(r.total).to.equal(r.rows.length);
      const all = await tj.cases.list(a.admin, { range: [0, 999] });
      expect(r.total).to.equal(all.rows.filter((x) => x.handlingOrgPath.startsWith(center.org.west.path)).length);
    });

    it('finds nothing under an organization that does not exist', async () => {
      await register(a.westClerk);
      const r = await tj.cases.list(a.admin, { filter: { organizationId: 987654 } });
      expect(r).to.deep.equal({ rows: [], total: 0, capped: false });
    });
  });

  describe('one case by id', () => {
    it('opens a case to exactly the actors whose list shows it (handling, transfer, participant, handed over, reporter, villages, channel)', async () => {
      // A case handed over east → west and acknowledged, with an adviser invited: every way into view.
      const c = await register(a.grid, { channel: 'grid' });
      let v = (await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version)).version;
      v = (await tj.cases.run(a.clerk, c.id, 'assign', { mediatorId: center.user.eastMediator.id }, v)).version;
      v = (await tj.cases.run(a.eastMediator, c.id, 'inviteAdviser', { adviserId: center.user.lawyer.id }, v)).version;
      v = (await tj.cases.run(a.clerk, c.id, 'transfer', { toOrganizationId: center.org.west.id, reason: '不属本镇管辖' }, v)).version;
      await tj.cases.run(a.westClerk, c.id, 'acknowledge', {}, v);
      const actors = { ...a, lawyer: await tj.actorFor(center.user.lawyer.id) };
      const ids = (await tj.cases.list(a.admin, { range: [0, 999] })).rows.map((x) => x.id);
      let opened = 0;
      for (const [who, actor] of Object.entries(actors)) {
        const listed = new Set((await tj.cases.list(actor, { filter: { id: ids }, range: [0, 999] })).rows.map((x) => x.id));
        for (const id of ids) {
          const one = await tj.cases.getNamed(actor, id).then((x) => x.id, (e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
          expect(one, `${who} case ${id}`).to.equal(listed.has(id) ? id : null);
          if (one) opened++;
        }
      }
      expect(opened).to.be.greaterThan(ids.length);
      await expectNotFound(tj.cases.getNamed(a.admin, 0));
    });

    it('names the organizations and people beside their ids, as the lookups by id do', async () => {
      const c = await register(a.clerk, { placeOrgId: center.org.eastVillage.id });
      let v = (await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version)).version;
      v = (await tj.cases.run(a.clerk, c.id, 'assign', { mediatorId: center.user.eastMediator.id }, v)).version;
      await tj.cases.run(a.eastMediator, c.id, 'inviteAdviser', { adviserId: center.user.lawyer.id }, v);
      const named = await tj.cases.getNamed(a.eastMediator, c.id);
      const orgs = await tj.organizations.namesOf([named.handlingOrgId, named.registeringOrgId, named.placeOrgId!]);
      const people = await tj.users.namesOf([center.user.eastMediator.id, center.user.lawyer.id]);
      expect(named).to.include({
        handlingOrgName: orgs.get(named.handlingOrgId),
        registeringOrgName: orgs.get(named.registeringOrgId),
        placeOrgName: orgs.get(center.org.eastVillage.id),
        sourceOrgName: null,
        mediatorName: people.get(center.user.eastMediator.id),
        adviserName: people.get(center.user.lawyer.id),
      });
      expect(named.handlingOrgName).to.be.a('string').and.not.equal('');
      // The row itself is the one `get` reads.
      const plain = await tj.cases.get(a.eastMediator, c.id);
      for (const k of Object.keys(plain) as Array<keyof typeof plain>) expect(named[k], k).to.deep.equal(plain[k]);
    });
  });

  describe(`migrations (${engine})`, () => {
    it('builds the schema from an empty database and takes it down again', async () => {
      const runner = tj.dataSource.createQueryRunner();
      try {
        for (const t of ['cases', 'case_events', 'parties', 'transfers', 'case_number_counters', 'api_keys']) expect(await runner.hasTable(t), t).to.equal(true);
      } finally {
        await runner.release();
      }
      expect(await tj.dataSource.showMigrations()).to.equal(false);
    });

    // The suite's last test: it empties the suite's database.
    it('takes every migration down and up again', async () => {
      const fresh = await db().open();
      try {
        for (const _m of fresh.dataSource.migrations) await fresh.dataSource.undoLastMigration({ transaction: 'each' });
        const runner = fresh.dataSource.createQueryRunner();
        expect(await runner.hasTable('cases')).to.equal(false);
        await runner.release();
        expect(await fresh.dataSource.showMigrations()).to.equal(true);
        await fresh.dataSource.runMigrations({ transaction: 'each' });
        expect(await fresh.dataSource.showMigrations()).to.equal(false);
      } finally {
        await fresh.close();
      }
    });
  });

  async function expectNotFound(p: Promise<unknown>) {
    expect(await rejection(p)).to.be.instanceOf(NotFoundError);
  }
});

forEachEngine('organizations', ({ db }) => {
  let tj: Tiaojie;
  before(async () => (tj = await db().open()));
  after(() => tj?.close());

  it('refuses a case-number prefix another organization uses, since their numbers would collide', async () => {
    const county = await tj.organizations.create({ name: '县中心', type: 'county', caseNumberPrefix: '县' });
    const e = await rejection(tj.organizations.create({ name: '某镇', type: 'township', parentId: county.id, caseNumberPrefix: '县' }));
    expect(e).to.be.instanceOf(DuplicateError);
    expect(e.details()).to.deep.equal({ field: 'caseNumberPrefix' });
  });
});
