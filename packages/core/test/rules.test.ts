/**
 * The law-faithful rules (issue 9, "Rules to correct"): each refused and allowed at its boundary,
 * on every engine. Sources are cited in docs/domain.md.
 */
import { expect } from 'chai';
import { Actor, AuditEvent, DuplicateError, ForbiddenError, LAPSE_REASON, ManualClock, MediationCase, Tiaojie, TiaojieError, ValidationError } from '../src';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

const T0 = '2026-11-20T02:00:00.000Z';

async function rejection(p: Promise<unknown>): Promise<TiaojieError> {
  try {
    await p;
  } catch (e) {
    return e as TiaojieError;
  }
  throw new Error('expected a rejection');
}
const fieldsOf = (e: TiaojieError) => (e as ValidationError).fields.map((f) => f.field);

forEachEngine('law-faithful rules', ({ db }) => {
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

  const register = async (extra: Record<string, unknown> = {}, who: Actor = a.clerk) => (await tj.cases.register(who, walkIn(extra))).case;
  async function walk(id: number, steps: Array<[Actor, string, object?]>): Promise<MediationCase> {
    let c = await tj.cases.get(a.admin, id);
    for (const [who, action, payload] of steps) c = await tj.cases.run(who, id, action, payload ?? {}, c.version);
    return c;
  }
  const run = async (who: Actor, id: number, action: string, payload: object = {}) => walk(id, [[who, action, payload]]);
  const toMediating = (id: number) =>
    walk(id, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation'],
    ]);
  const unchanged = async (id: number, p: Promise<unknown>) => {
    const before = await tj.dataSource.getRepository(MediationCase).findOneByOrFail({ id });
    const e = await rejection(p);
    const after = await tj.dataSource.getRepository(MediationCase).findOneByOrFail({ id });
    expect(after.version).to.equal(before.version);
    return e;
  };

  describe('7. categories as data', () => {
    it('seeds the default list, each mapped to a statistics category', async () => {
      const { rows } = await tj.categories.list(a.clerk, { range: [0, 99] });
      const codes = rows.map((r) => r.code);
      for (const code of ['marriage_family', 'neighbourhood', 'homestead', 'contract', 'production', 'damages', 'labour', 'wage_arrears', 'village_affairs', 'expropriation', 'environment', 'traffic', 'medical', 'property_management', 'consumer', 'other']) {
        expect(codes, code).to.include(code);
      }
      expect(rows.find((r) => r.code === 'homestead')).to.include({ name: '房屋宅基地', statsCategory: 'homestead', active: true });
    });

    it('files a case under an active code only, compared exactly', async () => {
      const e = await rejection(tj.cases.register(a.clerk, walkIn({ category: 'no_such_thing' })));
      expect(e).to.be.instanceOf(ValidationError);
      expect(fieldsOf(e)).to.deep.equal(['category']);
      expect(await rejection(tj.cases.register(a.clerk, walkIn({ category: 'Labour' })))).to.be.instanceOf(ValidationError);
      expect((await register({ category: 'wage_arrears' })).category).to.equal('wage_arrears');
    });

    it('lets an admin add and deactivate a category, audited; a deactivated code is refused for new cases and edits', async () => {
      const created = await tj.categories.create(a.admin, { code: 'fishery', name: '渔业养殖', statsCategory: 'production', sortOrder: 500 });
      const c = await register({ category: 'fishery' });
      expect(c.category).to.equal('fishery');
      await tj.categories.update(a.admin, created.id, { active: false }, created.version);
      expect(fieldsOf(await rejection(tj.cases.register(a.clerk, walkIn({ category: 'fishery' }))))).to.deep.equal(['category']);
      const other = await register();
      expect(fieldsOf(await unchanged(other.id, run(a.clerk, other.id, 'edit', { category: 'fishery' })))).to.deep.equal(['category']);
      // The case filed under it keeps it.
      expect((await tj.cases.get(a.admin, c.id)).category).to.equal('fishery');
      const audits = await tj.dataSource.getRepository(AuditEvent).findBy({ entity: 'dispute-category', entityId: created.id });
      expect(audits.map((x) => x.action).sort()).to.deep.equal(['create', 'update']);
    });

    it('refuses a duplicate code and a clerk who edits the list', async () => {
      expect(await rejection(tj.categories.create(a.admin, { code: 'labour', name: '劳动', statsCategory: 'labour' }))).to.be.instanceOf(DuplicateError);
      expect(await rejection(tj.categories.create(a.clerk, { code: 'forestry', name: '林业', statsCategory: 'land' }))).to.be.instanceOf(ForbiddenError);
    });
  });

  describe('5. who and how', () => {
    it('records the source and type of mediation, defaulting from the channel', async () => {
      const walkInCase = await register();
      expect(walkInCase).to.include({ source: 'application', mediationType: 'people' });
      const grid = await register({ channel: 'grid' }, a.grid);
      expect(grid.source).to.equal('own_initiative');
      const court = (await tj.cases.intake({ organizationId: center.org.courtDesk.id, channel: 'court' }, walkIn({ channel: undefined, sourceRef: 'R-5-1' }))).case;
      expect(court).to.include({ source: 'referral', mediationType: 'court_delegated' });
      const entrusted = (await tj.cases.intake({ organizationId: center.org.courtDesk.id, channel: 'court' }, walkIn({ channel: undefined, sourceRef: 'R-5-2', mediationType: 'court_entrusted' }))).case;
      expect(entrusted.mediationType).to.equal('court_entrusted');
      expect((await register({ source: 'own_initiative' })).source).to.equal('own_initiative');
    });

    it('refuses court-delegated mediation for a case that did not come from a court', async () => {
      const e = await rejection(tj.cases.register(a.clerk, walkIn({ mediationType: 'court_delegated' })));
      expect(fieldsOf(e)).to.deep.equal(['mediationType']);
    });

    it('takes birth date and sex from the ID number and refuses a contradicting one', async () => {
      const parties = [
        { role: 'applicant', kind: 'person', name: '张三', idNumber: '11010519491231002X', ethnicity: '汉族', occupation: '农民', agents: [{ name: '王律师', authority: 'special', scope: '代为承认、放弃、变更请求，进行和解' }] },
        { role: 'respondent', kind: 'organization', name: '平安建筑有限公司', creditCode: '91140105MA0K12345X', legalRepresentative: '赵总' },
      ];
      const c = await register({ parties });
      const [p, org] = await tj.cases.parties(a.clerk, c.id);
      expect(p).to.include({ birthDate: '1949-12-31', sex: 'female', ethnicity: '汉族', occupation: '农民' });
      expect(p.agents).to.deep.equal(parties[0].agents);
      expect(org).to.include({ legalRepresentative: '赵总', sex: null, birthDate: null });
      const wrong = await rejection(tj.cases.register(a.clerk, walkIn({ parties: [{ ...parties[0], birthDate: '1950-01-01', sex: 'male' }, parties[1]] })));
      expect(fieldsOf(wrong).sort()).to.deep.equal(['parties.0.birthDate', 'parties.0.sex']);
      // A person without an ID number may state them.
      const stated = await register({ parties: [{ role: 'applicant', kind: 'person', name: '无证人', birthDate: '1960-05-01', sex: 'male' }, parties[1]] });
      expect((await tj.cases.parties(a.clerk, stated.id))[0]).to.include({ birthDate: '1960-05-01', sex: 'male' });
    });

    it('refuses a special authority without its scope, and a legal representative for a person', async () => {
      const e = await rejection(tj.cases.register(a.clerk, walkIn({ parties: [{ role: 'applicant', kind: 'person', name: '甲', agents: [{ name: '乙', authority: 'special' }] }, { role: 'respondent', kind: 'person', name: '丙', legalRepresentative: '丁' }] })));
      expect(fieldsOf(e).sort()).to.deep.equal(['parties.0.agents.0.scope', 'parties.1.legalRepresentative']);
      const c = await register();
      const [p] = await tj.cases.parties(a.clerk, c.id);
      const edited = await rejection(run(a.clerk, c.id, 'editParty', { partyId: p.id, birthDate: '1970-01-01' }));
      expect(fieldsOf(edited)).to.deep.equal(['birthDate']);
      await run(a.clerk, c.id, 'editParty', { partyId: p.id, occupation: '个体户', agents: [{ name: '李代理', authority: 'general' }] });
      expect((await tj.cases.parties(a.clerk, c.id))[0]).to.include({ occupation: '个体户', birthDate: '1949-12-31' });
    });

    it('records consent, the chosen mediator and the rights notice; a refusal stops mediation (第17条)', async () => {
      const c = await register();
      await walk(c.id, [
        [a.clerk, 'accept', { triage: 'minor' }],
        [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      ]);
      const refused = await run(a.clerk, c.id, 'recordConsent', { consent: 'refused', on: '2026-11-20' });
      expect(refused.consent).to.equal('refused');
      const e = await unchanged(c.id, run(a.eastMediator, c.id, 'startMediation'));
      expect(e).to.include({ reasonCode: 'CASE.CONSENT_REFUSED' });
      const late = await rejection(run(a.clerk, c.id, 'recordConsent', { consent: 'given', on: '2026-11-20', rightsNotifiedOn: '2026-11-21' }));
      expect(fieldsOf(late)).to.deep.equal(['rightsNotifiedOn']);
      const given = await run(a.clerk, c.id, 'recordConsent', { consent: 'given', on: '2026-11-20', chosenMediator: '李调解', rightsNotifiedOn: '2026-11-20' });
      expect(given).to.include({ consent: 'given', consentOn: '2026-11-20', chosenMediator: '李调解', rightsNotifiedOn: '2026-11-20' });
      expect((await run(a.eastMediator, c.id, 'startMediation')).status).to.equal('mediating');
    });
  });

  describe('1. agreements', () => {
    const settle = async (agreementInput: object) => {
      const c = await register();
      await toMediating(c.id);
      return { c, settled: run(a.eastMediator, c.id, 'settle', { agreement: agreementInput }) };
    };
    const agreementOf = async (caseId: number) => (await tj.caseRecords.list('agreements', a.admin, { filter: { caseId } })).rows[0];

    it('numbers written agreements per organization and year, gapless, and names the committee', async () => {
      const first = await settle(agreement);
      await first.settled;
      const second = await settle(agreement);
      await second.settled;
      const [x, y] = [await agreementOf(first.c.id), await agreementOf(second.c.id)];
      expect(x).to.include({ kind: 'written', committeeName: '东关镇', year: 2026 });
      expect(y.serial).to.equal(x.serial! + 1);
      expect(y.agreementNumber).to.equal(`（2026）平东调协字第${y.serial}号`);
      // Without a list, the parties, the mediator and the seal signed on the signature day.
      expect(x.signatures!.map((s) => s.role)).to.deep.equal(['party', 'party', 'mediator', 'committee_seal']);
      const [event] = (await tj.cases.history(a.admin, first.c.id)).filter((e) => e.action === 'settle');
      expect((event.payload as { agreement: { agreementNumber: string } }).agreement.agreementNumber).to.equal(x.agreementNumber);
    });

    it('records an oral agreement with its content only, unnumbered, effective when reached (第28、30条)', async () => {
      const { c, settled } = await settle({ kind: 'oral', terms: '李四当场向张三赔礼道歉，双方和好。', signedOn: '2026-11-20' });
      expect((await settled).status).to.equal('settled');
      const x = await agreementOf(c.id);
      expect(x).to.include({ kind: 'oral', agreementNumber: null, effectiveOn: '2026-11-20', facts: null, signatures: null });
    });

    it('requires the house-rule elements of a written agreement but not of an oral one', async () => {
      const { facts: _f, ...withoutFacts } = agreement;
      const { c, settled } = await settle(withoutFacts);
      expect(fieldsOf(await unchanged(c.id, settled))).to.deep.equal(['agreement.facts']);
      const oral = await settle({ kind: 'oral', terms: '口头达成：互不追究。', signedOn: '2026-11-20', signatures: [{ role: 'committee_seal', name: 'x', signedOn: '2026-11-20' }] });
      expect(fieldsOf(await rejection(oral.settled))).to.deep.equal(['agreement.signatures']);
    });

    it('takes effect when the last party signed and the committee sealed (第29条); refuses a list without the seal', async () => {
      const parties = (await tj.cases.parties(a.clerk, (await register()).id)).map((p) => p.name);
      const signatures = [
        { role: 'party', name: parties[0], signedOn: '2026-11-20' },
        { role: 'party', name: parties[1], signedOn: '2026-11-22' },
        { role: 'mediator', name: '李调解', userId: center.user.eastMediator.id, signedOn: '2026-11-20' },
      ];
      const noSeal = await settle({ ...agreement, signatures });
      const e = await unchanged(noSeal.c.id, noSeal.settled);
      expect((e as ValidationError).fields.map((f) => f.message)).to.deep.equal(['未加盖人民调解委员会印章']);
      const sealed = await settle({ ...agreement, signatures: [...signatures, { role: 'committee_seal', name: '东关镇人民调解委员会', signedOn: '2026-11-23' }], performancePlace: '东关镇调解室' });
      const c = await sealed.settled;
      const x = await agreementOf(c.id);
      expect(x).to.include({ effectiveOn: '2026-11-23', performancePlace: '东关镇调解室' });
      // The 30 days run from the day after it takes effect: the last day is 2026-12-23 (China time).
      expect(new Date(c.confirmationDeadlineAt!).toISOString()).to.equal('2026-12-23T15:59:59.999Z');
    });
  });

  describe('2. judicial confirmation and after', () => {
    const settled = async (extra: Record<string, unknown> = {}) => {
      const c = await register(extra);
      await toMediating(c.id);
      return run(a.eastMediator, c.id, 'settle', { agreement });
    };
    const confirmed = async () => {
      const c = await settled();
      await walk(c.id, [
        [a.eastMediator, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-11-20' }],
        [a.eastMediator, 'recordConfirmation', { result: 'confirmed', decidedOn: '2026-11-20', rulingNumber: '（2026）晋0105民特12号' }],
      ]);
      return c;
    };

    it('checks the 30 days against the day the parties applied, not the day it is entered', async () => {
      const c = await settled();
      clock.set('2026-12-28T02:00:00.000Z'); // entered a week after the window closed
      const late = await unchanged(c.id, run(a.eastMediator, c.id, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-12-21' }));
      expect(late).to.include({ reasonCode: 'CASE.CONFIRMATION_LATE' });
      const future = await rejection(run(a.eastMediator, c.id, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-12-29' }));
      expect(fieldsOf(future)).to.deep.equal(['appliedOn']);
      await run(a.eastMediator, c.id, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-12-20' }); // the 30th day
      const [row] = (await tj.caseRecords.list('judicial-confirmations', a.admin, { filter: { caseId: c.id } })).rows;
      expect(row).to.include({ appliedOn: '2026-12-20', state: 'applied' });
    });

    it('sends a confirmed, unperformed agreement to enforcement, not back to mediation', async () => {
      const c = await confirmed();
      expect(await unchanged(c.id, run(a.eastMediator, c.id, 'applyEnforcement', { court: '平安县人民法院', appliedOn: '2026-12-10' }))).to.include({ reasonCode: 'CASE.AGREEMENT_PERFORMED' });
      await run(a.eastMediator, c.id, 'recordPerformance', { state: 'not_performed' });
      expect(await unchanged(c.id, run(a.eastMediator, c.id, 'reopen', { reason: '被申请人未履行' }))).to.include({ reasonCode: 'CASE.AGREEMENT_CONFIRMED' });
      const enforced = await run(a.eastMediator, c.id, 'applyEnforcement', { court: '平安县人民法院', appliedOn: '2026-11-20' });
      expect(enforced).to.include({ enforcementCourt: '平安县人民法院', enforcementAppliedOn: '2026-11-20', status: 'settled' });
      expect(await unchanged(c.id, run(a.eastMediator, c.id, 'applyEnforcement', { court: '平安县人民法院', appliedOn: '2026-11-20' }))).to.include({ reasonCode: 'CASE.ENFORCEMENT_EXISTS' });
      expect(await tj.cases.allowedActions(a.eastMediator, c.id)).to.not.include('reopen');
    });

    it('lets a refused confirmation be mediated again or taken to court (第33条)', async () => {
      const c = await settled();
      expect(await unchanged(c.id, run(a.eastMediator, c.id, 'reopen', { reason: '变更协议' }))).to.include({ reasonCode: 'CASE.CONFIRMATION_NOT_REJECTED' });
      expect(await unchanged(c.id, run(a.eastMediator, c.id, 'refer', { route: 'litigation', note: '起诉' }))).to.include({ reasonCode: 'CASE.NOT_REFERABLE' });
      await walk(c.id, [
        [a.eastMediator, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-11-20' }],
        [a.eastMediator, 'recordConfirmation', { result: 'rejected', decidedOn: '2026-11-20' }],
      ]);
      expect(await tj.cases.allowedActions(a.eastMediator, c.id)).to.include.members(['reopen', 'refer']);
      expect(fieldsOf(await unchanged(c.id, run(a.eastMediator, c.id, 'refer', { route: 'arbitration', note: '仲裁' })))).to.deep.equal(['route']);
      expect((await run(a.eastMediator, c.id, 'reopen', { reason: '双方同意变更原调解协议' })).status).to.equal('mediating');
      const other = await settled();
      await walk(other.id, [
        [a.eastMediator, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-11-20' }],
        [a.eastMediator, 'recordConfirmation', { result: 'rejected', decidedOn: '2026-11-20' }],
      ]);
      expect(await run(a.eastMediator, other.id, 'refer', { route: 'litigation', note: '引导起诉' })).to.include({ status: 'closed', closeRoute: 'litigation' });
    });

    it('ends a court-referred case in the court’s 调解书, and only such a case', async () => {
      const own = await settled();
      expect(await unchanged(own.id, run(a.eastMediator, own.id, 'closeByCourtDocument', { documentNumber: 'x', issuedOn: '2026-11-20' }))).to.include({ reasonCode: 'CASE.NOT_FROM_COURT' });
      const court = (await tj.cases.intake({ organizationId: center.org.courtDesk.id, channel: 'court' }, walkIn({ channel: undefined, sourceRef: 'R-2-court', mediationType: 'court_entrusted' }))).case;
      const c = await walk(court.id, [
        [a.admin, 'accept', { triage: 'minor' }],
        [a.admin, 'assign', { mediatorId: center.user.countyMediator.id }],
        [a.countyMediator, 'startMediation'],
        [a.countyMediator, 'settle', { agreement }],
        [a.countyMediator, 'closeByCourtDocument', { documentNumber: '（2026）晋0105民初88号', issuedOn: '2026-11-20' }],
      ]);
      expect(c).to.include({ status: 'closed', closeRoute: 'court_mediation', courtDocumentNumber: '（2026）晋0105民初88号', courtDocumentOn: '2026-11-20' });
    });
  });

  describe('3. referral after failure', () => {
    const failed = async (category: string) => {
      const c = await register({ category });
      await toMediating(c.id);
      return run(a.eastMediator, c.id, 'fail', { reason: '双方分歧过大' });
    };

    it('sends a labour dispute (wage arrears too) to arbitration, never straight to court', async () => {
      for (const category of ['labour', 'wage_arrears']) {
        const c = await failed(category);
        expect(await unchanged(c.id, run(a.eastMediator, c.id, 'refer', { route: 'litigation', note: '起诉' }))).to.include({ reasonCode: 'CASE.ARBITRATION_FIRST' });
        expect(await run(a.eastMediator, c.id, 'refer', { route: 'arbitration', note: '引导申请劳动仲裁' })).to.include({ status: 'closed', closeRoute: 'arbitration' });
      }
    });

    it('sends a land ownership dispute to the government first; a contract dispute may go to court', async () => {
      const land = await failed('land');
      const e = await unchanged(land.id, run(a.eastMediator, land.id, 'refer', { route: 'litigation', note: '起诉' }));
      expect(e).to.include({ reasonCode: 'CASE.GOVERNMENT_FIRST' });
      expect(e.messages.zh).to.contain('土地管理法第14条');
      expect(await run(a.eastMediator, land.id, 'refer', { route: 'administrative', note: '引导乡政府处理' })).to.include({ closeRoute: 'administrative' });
      const contract = await failed('contract');
      expect(await run(a.eastMediator, contract.id, 'refer', { route: 'litigation', note: '引导起诉' })).to.include({ closeRoute: 'litigation' });
    });

    it('applies the rule of the statistics category a deployment’s own category maps to', async () => {
      await tj.categories.create(a.admin, { code: 'builders_pay', name: '建筑农民工工资', statsCategory: 'wage_arrears' });
      const c = await failed('builders_pay');
      expect(await unchanged(c.id, run(a.eastMediator, c.id, 'refer', { route: 'litigation', note: '起诉' }))).to.include({ reasonCode: 'CASE.ARBITRATION_FIRST' });
    });
  });

  describe('6. 三事分流: major matters', () => {
    let bureau: Awaited<ReturnType<Tiaojie['organizations']['create']>>;
    before(async () => {
      bureau = await tj.organizations.create({ name: '平安县自然资源局', type: 'department', parentId: center.org.county.id });
    });

    it('refuses a major matter without its responsible unit and person', async () => {
      const c = await register();
      const e = await unchanged(c.id, run(a.clerk, c.id, 'accept', { triage: 'major' }));
      expect(fieldsOf(e).sort()).to.deep.equal(['responsibleOrgId', 'responsiblePerson']);
      const village = await unchanged(c.id, run(a.clerk, c.id, 'accept', { triage: 'major', responsibleOrgId: center.org.eastVillage.id, responsiblePerson: '王科长' }));
      expect(fieldsOf(village)).to.deep.equal(['responsibleOrgId']);
      expect(fieldsOf(await rejection(run(a.clerk, c.id, 'accept', { triage: 'minor', responsiblePerson: '王科长' })))).to.deep.equal(['responsiblePerson']);
    });

    it('tells the supervising leaders (of the handling organization and above) when a major matter is accepted, in the same command', async () => {
      const notes = async (who: typeof a.leader, caseId: number) => (await tj.notifications.list(who, { filter: { caseId } })).rows;
      const eastLeader = await tj.actorFor((await tj.users.create({ username: 'east_leader', displayName: '东关镇领导', password: 'correct horse battery', roles: ['leader'], organizationId: center.org.east.id })).id);
      const westLeader = await tj.actorFor((await tj.users.create({ username: 'west_leader', displayName: '西河乡领导', password: 'correct horse battery', roles: ['leader'], organizationId: center.org.west.id })).id);
      const c = await register();
      // A refused acceptance (a village is no responsible unit) tells nobody.
      await unchanged(c.id, run(a.clerk, c.id, 'accept', { triage: 'major', responsibleOrgId: center.org.eastVillage.id, responsiblePerson: '王科长' }));
      expect(await notes(a.leader, c.id)).to.deep.equal([]);
      await run(a.clerk, c.id, 'accept', { triage: 'major', responsibleOrgId: bureau.id, responsiblePerson: '确权科 王科长', supervisionDays: 20 });
      for (const leader of [a.leader, eastLeader]) {
        const [n, ...more] = await notes(leader, c.id);
        expect(more).to.deep.equal([]);
        expect(n.kind).to.equal('supervision');
        expect(n.message).to.contain('重大事项').and.to.contain('平安县自然资源局').and.to.contain('确权科 王科长');
      }
      expect(await notes(westLeader, c.id)).to.deep.equal([]);
      expect(await notes(a.clerk, c.id)).to.deep.equal([]);
      // A minor matter tells nobody.
      const minor = await register();
      await run(a.clerk, minor.id, 'accept', { triage: 'minor' });
      expect(await notes(a.leader, minor.id)).to.deep.equal([]);
    });

    it('names the unit and person and opens supervision in the same command; the unit answers once it received the case', async () => {
      const c = await register();
      const accepted = await run(a.clerk, c.id, 'accept', { triage: 'major', responsibleOrgId: bureau.id, responsiblePerson: '确权科 王科长', supervisionDays: 20 });
      expect(accepted).to.include({ status: 'accepted', triage: 'major', responsibleOrgId: bureau.id, responsiblePerson: '确权科 王科长', supervised: true });
      const [order] = (await tj.caseRecords.list('supervisions', a.admin, { filter: { caseId: c.id } })).rows;
      expect(order).to.include({ state: 'open', instructions: '明确承办单位、科室和人员：平安县自然资源局，确权科 王科长' });
      expect(new Date(order.deadlineAt).getTime() - new Date(T0).getTime()).to.equal(20 * 86_400_000);
      const bureauClerk = await tj.actorFor((await tj.users.create({ username: 'bureau_clerk', displayName: '局窗口', password: 'correct horse battery', roles: ['clerk'], organizationId: bureau.id })).id);
      await run(a.clerk, c.id, 'transfer', { toOrganizationId: bureau.id, reason: '三事分流：大事，移交承办单位' });
      await run(bureauClerk, c.id, 'acknowledge', { note: '已签收' });
      const done = await run(bureauClerk, c.id, 'handleAdministratively', { reply: '经调查，依法作出确权处理决定。', repliedOn: '2026-11-20' });
      expect(done).to.include({ status: 'closed', closeRoute: 'department_reply', administrativeReply: '经调查，依法作出确权处理决定。', administrativeReplyOn: '2026-11-20' });
    });

    it('answers only a major matter by administrative handling', async () => {
      const c = await register();
      await run(a.clerk, c.id, 'accept', { triage: 'minor' });
      expect(await unchanged(c.id, run(a.clerk, c.id, 'handleAdministratively', { reply: '答复', repliedOn: '2026-11-20' }))).to.include({ reasonCode: 'CASE.NOT_MAJOR' });
    });
  });

  describe('8. case numbers', () => {
    it('writes plain serials by default, and an organization’s own format and padding', async () => {
      const plain = await register();
      expect(plain.caseNumber).to.equal(`（2026）平东调字第${plain.serial}号`);
      const org = await tj.organizations.create({ name: '青城镇', type: 'township', parentId: center.org.county.id, caseNumberPrefix: '青城', caseNumberFormat: '{prefix}调〔{year}〕{serial}号', serialPadding: 3 });
      const clerk = await tj.actorFor((await tj.users.create({ username: 'qc_clerk', displayName: '青城窗口', password: 'correct horse battery', roles: ['clerk'], organizationId: org.id })).id);
      const own = await register({}, clerk);
      expect(own.caseNumber).to.equal('青城调〔2026〕001号');
    });

    it('refuses a format without the serial or the year, naming the field', async () => {
      for (const caseNumberFormat of ['（2026）{prefix}调字第{serial}号', '{prefix}{year}']) {
        const e = await rejection((async () => tj.organizations.create({ name: '错号镇', type: 'township', parentId: center.org.county.id, caseNumberPrefix: '错号', caseNumberFormat }))());
        expect(fieldsOf(e)).to.deep.equal(['caseNumberFormat']);
      }
    });
  });

  describe('9. mediators outside the staff', () => {
    it('keeps a pool with specialty, area and masked contact, maintained by the desk and audited', async () => {
      const m = await tj.poolMediators.create(a.clerk, { name: '王老伯', kind: 'elder', specialty: '邻里、宅基地', areaOrgId: center.org.eastVillage.id, phone: '13900139000' });
      expect(m).to.include({ name: '王老伯', kind: 'elder', phoneMasked: '139****9000', active: true });
      expect(m.phoneCipher).to.equal(undefined); // never selected: the full number stays encrypted
      const changed = await tj.poolMediators.update(a.clerk, m.id, { specialty: '邻里' }, m.version);
      expect(changed.specialty).to.equal('邻里');
      expect(await rejection((async () => tj.poolMediators.create(a.eastMediator, { name: 'x', kind: 'volunteer' }))())).to.be.instanceOf(ForbiddenError);
      expect(await tj.dataSource.getRepository(AuditEvent).countBy({ entity: 'pool-mediator', entityId: m.id })).to.equal(2);
    });

    it('lets pool mediators sit in sessions and sign agreements; the history names them; an inactive one is refused', async () => {
      const elder = await tj.poolMediators.create(a.clerk, { name: '乡贤李公', kind: 'sage' });
      const gone = await tj.poolMediators.create(a.clerk, { name: '退出者', kind: 'volunteer', active: false });
      const c = await register();
      await toMediating(c.id);
      const session = { heldAt: '2026-11-20T01:00:00Z', place: '评理堂', participants: '双方当事人、乡贤李公', minutes: '乡贤李公主持评理。' };
      expect(fieldsOf(await unchanged(c.id, run(a.eastMediator, c.id, 'recordSession', { ...session, poolMediatorIds: [gone.id] })))).to.deep.equal(['poolMediatorIds']);
      await run(a.eastMediator, c.id, 'recordSession', { ...session, poolMediatorIds: [elder.id] });
      const sessionEvent = (await tj.cases.history(a.admin, c.id)).find((e) => e.action === 'recordSession')!;
      expect((sessionEvent.payload as { poolMediators: Array<{ name: string }> }).poolMediators.map((m) => m.name)).to.deep.equal(['乡贤李公']);
      const names = (await tj.cases.parties(a.clerk, c.id)).map((p) => p.name);
      const signatures = [
        { role: 'party', name: names[0], signedOn: '2026-11-20' },
        { role: 'party', name: names[1], signedOn: '2026-11-20' },
        { role: 'pool_mediator', name: '乡贤李公', poolMediatorId: elder.id, signedOn: '2026-11-20' },
        { role: 'committee_seal', name: '东关镇人民调解委员会', signedOn: '2026-11-20' },
      ];
      const wrongName = await unchanged(c.id, run(a.eastMediator, c.id, 'settle', { agreement: { ...agreement, signatures: signatures.map((s) => (s.role === 'pool_mediator' ? { ...s, name: '别人' } : s)) } }));
      expect(fieldsOf(wrongName)).to.deep.equal(['agreement.signatures']);
      await run(a.eastMediator, c.id, 'settle', { agreement: { ...agreement, signatures } });
      const settleEvent = (await tj.cases.history(a.admin, c.id)).find((e) => e.action === 'settle')!;
      expect(JSON.stringify(settleEvent.payload)).to.contain('乡贤李公');
    });
  });

  describe('4. clocks: category limits and the working-day calendar', () => {
    const acceptedAt = async (iso: string, category: string) => {
      clock.set(iso);
      const c = await register({ category });
      return run(a.clerk, c.id, 'accept', { triage: 'minor' });
    };

    it('counts a medical dispute’s 30 working days across the National Day holiday and its make-up working days', async () => {
      const c = await acceptedAt('2026-09-18T02:00:00.000Z', 'medical'); // Friday, China time
      // Sep 20 (Sunday) and Oct 10 (Saturday) are worked; Sep 25 and Oct 1–7 are not: the 30th working day is Nov 5.
      expect(new Date(c.deadlineAt!).toISOString()).to.equal('2026-11-05T15:59:59.999Z');
      expect(c.clockStage).to.equal('mediation');
    });

    it('gives a labour dispute 15 calendar days (劳动争议调解仲裁法 第14条), whatever the SLA policy says', async () => {
      const c = await acceptedAt(T0, 'labour');
      expect(new Date(c.deadlineAt!).getTime() - new Date(T0).getTime()).to.equal(15 * 86_400_000);
      const other = await acceptedAt(T0, 'neighbourhood');
      expect(new Date(other.deadlineAt!).getTime() - new Date(T0).getTime()).to.equal(30 * 86_400_000);
    });

    it('counts a medical dispute past its limit as failed: settle refused after the deadline, allowed on its last day', async () => {
      const onTime = await acceptedAt('2026-09-18T02:00:00.000Z', 'medical');
      await walk(onTime.id, [[a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }], [a.eastMediator, 'startMediation']]);
      clock.set('2026-11-05T15:00:00.000Z'); // 23:00 on the last day
      expect((await run(a.eastMediator, onTime.id, 'settle', { agreement: { ...agreement, signedOn: '2026-11-05' } })).status).to.equal('settled');
      clock.set('2026-09-18T02:00:00.000Z');
      const late = await acceptedAt('2026-09-18T02:00:00.000Z', 'medical');
      await walk(late.id, [[a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }], [a.eastMediator, 'startMediation']]);
      clock.set('2026-11-05T16:00:00.000Z'); // Nov 6, 00:00 China
      const e = await unchanged(late.id, run(a.eastMediator, late.id, 'settle', { agreement: { ...agreement, signedOn: '2026-11-06' } }));
      expect(e).to.include({ reasonCode: 'CASE.PAST_LIMIT_FAILED' });
      expect((await run(a.eastMediator, late.id, 'fail', { reason: '超过调解期限，视为调解不成' })).status).to.equal('failed');
    });

    it('fails an overdue medical case once through the sweep (第38条, by the system); an overdue neighbourhood case stays', async () => {
      const medical = await acceptedAt('2026-09-18T02:00:00.000Z', 'medical');
      await walk(medical.id, [[a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }], [a.eastMediator, 'startMediation']]);
      const neighbours = await acceptedAt('2026-09-18T02:00:00.000Z', 'neighbourhood');
      const n = await walk(neighbours.id, [[a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }], [a.eastMediator, 'startMediation']]);
      clock.set('2026-11-05T15:00:00.000Z'); // the medical limit's last day: nothing lapses yet
      await tj.cases.lapseOverdue();
      expect((await tj.cases.get(a.admin, medical.id)).status).to.equal('mediating');
      clock.set('2026-11-05T16:00:00.000Z'); // Nov 6, 00:00 China
      expect(new Date(n.deadlineAt!).getTime()).to.be.below(clock.now().getTime());
      // Two API processes sweeping at once: the case's compare-and-set lets one of them fail it.
      await Promise.all([tj.cases.lapseOverdue(), tj.cases.lapseOverdue()]);
      expect(await tj.cases.lapseOverdue()).to.equal(0);
      const failed = await tj.cases.get(a.admin, medical.id);
      expect(failed).to.include({ status: 'failed', resultSummary: LAPSE_REASON.zh, version: medical.version + 3 });
      expect(failed.resultSummary).to.contain('医疗纠纷预防和处理条例第三十八条');
      const events = (await tj.cases.history(a.admin, medical.id)).filter((e) => e.action === 'lapse');
      expect(events.map((e) => [e.actorId, e.actorName, e.fromStatus, e.toStatus])).to.deep.equal([[null, '系统', 'mediating', 'failed']]);
      expect((await tj.cases.get(a.admin, neighbours.id)).status).to.equal('mediating');
      // Nobody may run it by hand.
      const e = await rejection(run(a.admin, neighbours.id, 'lapse'));
      expect(e).to.include({ reasonCode: 'CASE.ROLE_NOT_ALLOWED' });
    });

    it('leaves appraisal time out of the limit (a suspension marked as appraisal)', async () => {
      const c = await acceptedAt('2026-09-18T02:00:00.000Z', 'medical');
      const m = await walk(c.id, [[a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }], [a.eastMediator, 'startMediation']]);
      clock.set('2026-09-21T02:00:00.000Z');
      await run(a.eastMediator, c.id, 'suspend', { reason: '委托医疗损害鉴定', appraisal: true });
      clock.set('2026-10-21T02:00:00.000Z');
      const resumed = await run(a.eastMediator, c.id, 'resume', { note: '鉴定意见已出' });
      expect(new Date(resumed.deadlineAt!).getTime() - new Date(m.deadlineAt!).getTime()).to.equal(30 * 86_400_000);
      const event = (await tj.cases.history(a.admin, c.id)).find((x) => x.action === 'suspend')!;
      expect(event.payload).to.include({ appraisal: true });
    });

    it('lets an admin maintain the calendar, audited; a day is entered once', async () => {
      const { rows } = await tj.holidays.list(a.clerk, { filter: { day: '2026-02-14' } });
      expect(rows[0]).to.include({ kind: 'workday' });
      const added = await tj.holidays.create(a.admin, { day: '2027-02-20', kind: 'workday', name: '春节调休上班' });
      expect(await rejection(tj.holidays.create(a.admin, { day: '2027-02-20', kind: 'holiday', name: '重复' }))).to.be.instanceOf(DuplicateError);
      expect(await rejection((async () => tj.holidays.create(a.clerk, { day: '2027-02-21', kind: 'workday', name: 'x' }))())).to.be.instanceOf(ForbiddenError);
      expect(await tj.dataSource.getRepository(AuditEvent).countBy({ entity: 'holiday', entityId: added.id })).to.equal(1);
      await tj.holidays.remove(a.admin, added.id);
    });
  });
});
