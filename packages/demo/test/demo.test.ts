import { expect } from 'chai';
import { CASE_STATUSES, CHANNELS, ManualClock, ROLES, Tiaojie } from '@tiaojie/core';
import type { Actor, CaseView } from '@tiaojie/core';
import { generateCases, seedDemo } from '../src';
import type { DemoSummary } from '../src';
import { forEachEngine } from './support/engines';

forEachEngine('demo data', ({ db }) => {
  let tj: Tiaojie;
  let summary: DemoSummary;
  const clock = new ManualClock(new Date('2026-11-20T02:00:00Z'));
  const actor = (username: string) => tj.actorFor(summary.users.find((u) => u.username === username)!.id);
  /** Every case the actor sees, a page at a time, through the service the API lists with. */
  const allCases = async (who: Actor): Promise<CaseView[]> => {
    const rows: CaseView[] = [];
    for (let total = Infinity; rows.length < total; ) {
      const page = await tj.cases.list(who, { sort: ['id', 'ASC'], range: [rows.length, rows.length + 999] });
      rows.push(...page.rows);
      total = page.total;
    }
    return rows;
  };

  before(async function () {
    this.timeout(120_000);
    tj = await db().open({ clock });
    summary = await seedDemo(tj, { cases: 120, seed: 42 });
  });
  after(() => tj?.close());

  describe('seedDemo(tj)', () => {
    it('creates users of every role, all able to sign in with the demo password', async () => {
      const roles = new Set(summary.users.flatMap((u) => u.roles));
      expect([...roles]).to.have.members([...ROLES]);
      expect(summary.password).to.equal('demo1234');
      expect(await tj.users.authenticate('cg_med1', 'demo1234')).to.include({ username: 'cg_med1' });
      expect(summary.table).to.include('demo1234').and.include('admin');
    });

    it('brings cases in from every channel and leaves cases in every status', () => {
      expect(Object.keys(summary.byChannel)).to.have.members([...CHANNELS]);
      expect(Object.keys(summary.byStatus)).to.have.members([...CASE_STATUSES]);
      expect(summary.cases).to.be.at.least(120);
    });

    it('writes every history through the commands, with hash chains that verify', async () => {
      const ids = await allCases(await actor('admin'));
      expect(ids.length).to.equal(summary.cases);
      let events = 0;
      for (const { id } of ids) {
        const v = await tj.cases.verifyHistory(id);
        expect(v, `case ${id}`).to.include({ ok: true });
        events += (v as { events: number }).events;
      }
      expect(events).to.equal(summary.events).and.to.be.greaterThan(ids.length * 3);
    });

    it('places the histories in the past of the clock, with red, yellow and green lights', async () => {
      const latest = await tj.caseRecords.list('case-events', await actor('admin'), { sort: ['at', 'DESC'], range: [0, 0] });
      expect(latest.total).to.equal(summary.events);
      expect(new Date(latest.rows[0].at).getTime()).to.be.at.most(clock.now().getTime());
      expect(summary.lights.red).to.be.greaterThan(0);
      expect(summary.lights.yellow).to.be.greaterThan(0);
      expect(summary.lights.green).to.be.greaterThan(0);
      const admin = await actor('admin');
      const red = await tj.cases.list(admin, { filter: { light: 'red' } });
      expect(red.total).to.equal(summary.lights.red);
    });

    it('shows pending transfers, a flagged case, supervision, high and critical risk', async () => {
      const admin = await actor('admin');
      const count = async (filter: Record<string, unknown>) => (await tj.cases.list(admin, { filter })).total;
      expect(await count({ flagged: true })).to.be.at.least(1);
      expect(await count({ supervised: true })).to.be.at.least(1);
      expect(await count({ risk: 'critical' })).to.be.at.least(1);
      expect(await count({ risk: 'high' })).to.be.at.least(1);
      const one = { range: [0, 0] as [number, number] };
      expect((await tj.caseRecords.list('transfers', admin, { ...one, filter: { state: 'pending' } })).total).to.be.at.least(2);
      expect((await allCases(admin)).filter((c) => c.pendingTransferId !== null).length).to.be.at.least(2);
      for (const kind of ['legal-opinions', 'agreements', 'judicial-confirmations', 'follow-ups', 'mediation-sessions'] as const) {
        expect((await tj.caseRecords.list(kind, admin, one)).total, kind).to.be.greaterThan(0);
      }
      expect((await tj.policies.sla.list(admin, one)).total, 'SLA policies').to.be.greaterThan(0);
      expect((await tj.policies.subsidy.list(admin, one)).total, 'subsidy policies').to.be.greaterThan(0);
      expect((await tj.advisers.listAssignments(admin, one)).total, 'adviser assignments').to.be.greaterThan(0);
      // Consultations are logged by the lawyers in their villages, through the command, at the time given.
      const logged = await tj.advisers.listConsultations(admin, { range: [0, 999] });
      expect(logged.total).to.be.greaterThan(0);
      for (const c of logged.rows) expect(new Date(c.createdAt).getTime(), `consultation ${c.id}`).to.equal(new Date(c.at).getTime()).and.be.at.most(clock.now().getTime());
    });

    it('finds one person in cases from two or more channels (一人一档)', async () => {
      const person = summary.recurringPersons[0];
      const cases = await tj.cases.personCases(await actor('admin'), person.idNumber);
      expect(cases.length).to.equal(person.cases).and.be.at.least(2);
      expect(new Set(cases.map((c) => c.channel)).size).to.be.at.least(2);
    });

    it('gathers the wage claims against one employer', async () => {
      const admin = await actor('admin');
      const named = await tj.caseRecords.list('parties', admin, { filter: { role: 'respondent' }, range: [0, 999] });
      expect(named.total).to.be.below(1000);
      const cases = new Set(named.rows.filter((p) => p.name === summary.wageClass.respondent).map((p) => p.caseId));
      expect(cases.size).to.equal(summary.wageClass.cases).and.be.at.least(5);
    });

    it('refuses to fill a database that is not empty', async () => {
      let error: Error | undefined;
      await seedDemo(tj).catch((e: Error) => (error = e));
      expect(error?.message).to.match(/not empty/);
    });
  });

  describe('generateCases(tj, n)', () => {
    let result: Awaited<ReturnType<typeof generateCases>>;
    before(async function () {
      this.timeout(60_000);
      result = await generateCases(tj, summary, 2000, { seed: 3 });
    });

    it('numbers cases without gaps or repeats per organization and year', async () => {
      const cases = await allCases(await actor('admin'));
      expect(cases.length).to.equal(summary.cases + 2000);
      const serials = new Map<string, number[]>();
      for (const c of cases) serials.set(`${c.registeringOrgId}/${c.year}`, [...(serials.get(`${c.registeringOrgId}/${c.year}`) ?? []), c.serial]);
      expect(serials.size).to.be.greaterThan(3);
      // 1, 2, … n in each (organization, year): no gap and no repeat; the next test checks the counter agrees.
      for (const [key, list] of serials) expect(list.sort((a, b) => a - b), key).to.deep.equal(list.map((_s, i) => i + 1));
    });

    it('lets the next registration take the next serial', async () => {
      const clerk = await actor('cg_clerk');
      const top = Math.max(...(await allCases(await actor('admin'))).filter((c) => c.registeringOrgId === clerk.organizationId && c.year === 2026).map((c) => c.serial));
      const { case: c } = await tj.cases.register(clerk, {
        channel: 'walk_in',
        category: 'neighbourhood',
        title: '生成数据之后的登记',
        description: '检查批量生成之后案号是否连续。',
        parties: [
          { role: 'applicant', kind: 'person', name: '测试人' },
          { role: 'respondent', kind: 'person', name: '另一测试人' },
        ],
      });
      expect(c.serial).to.equal(Number(top) + 1);
      expect(c.caseNumber).to.equal(`（2026）青城调字第${Number(top) + 1}号`);
    });

    it('writes parties and hash-chained histories that verify', async () => {
      expect(result.cases).to.equal(2000);
      expect(result.parties).to.equal(4000);
      expect(result.events).to.be.greaterThan(2000);
      for (let id = result.firstId; id <= result.lastId; id++) expect(await tj.cases.verifyHistory(id), `case ${id}`).to.include({ ok: true });
      expect(await tj.cases.verifyHistory(result.lastId)).to.include({ ok: true });
      const cases = await tj.cases.personCases(await actor('admin'), result.sampleIdNumber);
      expect(cases.length).to.be.at.least(1);
    });

    it('keeps statuses consistent with the clock: only open cases have a deadline', async () => {
      const done = (await allCases(await actor('admin'))).filter((c) => ['closed', 'archived', 'rejected', 'withdrawn', 'failed'].includes(c.status));
      expect(done.length).to.be.greaterThan(0);
      expect(done.filter((c) => c.deadlineAt !== null).map((c) => c.id)).to.deep.equal([]);
      const red = await tj.cases.list(await actor('leader'), { filter: { light: 'red' } });
      expect(red.total).to.be.greaterThan(summary.lights.red);
    });
  });
});
