import { expect } from 'chai';
import { CASE_STATUSES, CHANNELS, ManualClock, ROLES, Tiaojie } from '@tiaojie/core';
import { generateCases, seedDemo } from '../src';
import type { DemoSummary } from '../src';
import { forEachEngine } from './support/engines';

forEachEngine('demo data', ({ db }) => {
  let tj: Tiaojie;
  let summary: DemoSummary;
  const clock = new ManualClock(new Date('2026-11-20T02:00:00Z'));
  const actor = (username: string) => tj.actorFor(summary.users.find((u) => u.username === username)!.id);

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
      const ids: Array<{ id: number }> = await tj.dataSource.query('SELECT id FROM cases ORDER BY id');
      let events = 0;
      for (const { id } of ids) {
        const v = await tj.cases.verifyHistory(id);
        expect(v, `case ${id}`).to.include({ ok: true });
        events += (v as { events: number }).events;
      }
      expect(events).to.equal(summary.events).and.to.be.greaterThan(ids.length * 3);
    });

    it('places the histories in the past of the clock, with red, yellow and green lights', async () => {
      const [{ latest }] = await tj.dataSource.query('SELECT MAX(at) AS latest FROM case_events');
      expect(new Date(`${String(latest instanceof Date ? latest.toISOString() : latest).replace(' ', 'T').replace(/Z?$/, 'Z')}`).getTime()).to.be.at.most(clock.now().getTime());
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
      const [{ n }] = await tj.dataSource.query("SELECT COUNT(*) AS n FROM transfers WHERE state = 'pending'");
      expect(Number(n)).to.be.at.least(2);
      for (const table of ['legal_opinions', 'consultations', 'agreements', 'judicial_confirmations', 'follow_ups', 'mediation_sessions', 'adviser_assignments', 'sla_policies', 'subsidy_policies']) {
        const [{ n: rows }] = await tj.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
        expect(Number(rows), table).to.be.greaterThan(0);
      }
    });

    it('finds one person in cases from two or more channels (一人一档)', async () => {
      const person = summary.recurringPersons[0];
      const cases = await tj.cases.personCases(await actor('admin'), person.idNumber);
      expect(cases.length).to.equal(person.cases).and.be.at.least(2);
      expect(new Set(cases.map((c) => c.channel)).size).to.be.at.least(2);
    });

    it('gathers the wage claims against one employer', async () => {
      const rows = await tj.dataSource.query("SELECT COUNT(DISTINCT case_id) AS n FROM parties WHERE role = 'respondent' AND name = ?", [summary.wageClass.respondent]);
      expect(Number(rows[0].n)).to.equal(summary.wageClass.cases).and.be.at.least(5);
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

    it('numbers cases without gaps, consistently with the counter table', async () => {
      const groups: Array<{ org: number; year: number; n: string | number; top: string | number; last: string | number }> = await tj.dataSource.query(
        'SELECT c.registering_org_id AS org, c.year AS year, COUNT(*) AS n, MAX(c.serial) AS top, k.last_serial AS last FROM cases c JOIN case_number_counters k ON k.organization_id = c.registering_org_id AND k.year = c.year GROUP BY c.registering_org_id, c.year, k.last_serial',
      );
      expect(groups.length).to.be.greaterThan(3);
      for (const g of groups) expect([Number(g.n), Number(g.top)], `org ${g.org} year ${g.year}`).to.deep.equal([Number(g.last), Number(g.last)]);
      const [{ n }] = await tj.dataSource.query('SELECT COUNT(*) AS n FROM cases');
      expect(Number(n)).to.equal(summary.cases + 2000);
    });

    it('lets the next registration take the next serial', async () => {
      const clerk = await actor('cg_clerk');
      const [{ top }] = await tj.dataSource.query('SELECT MAX(serial) AS top FROM cases WHERE registering_org_id = ? AND year = 2026', [clerk.organizationId]);
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
      const [{ n }] = await tj.dataSource.query("SELECT COUNT(*) AS n FROM cases WHERE deadline_at IS NOT NULL AND status IN ('closed', 'archived', 'rejected', 'withdrawn', 'failed')");
      expect(Number(n)).to.equal(0);
      const red = await tj.cases.list(await actor('leader'), { filter: { light: 'red' } });
      expect(red.total).to.be.greaterThan(summary.lights.red);
    });
  });
});
