import { expect } from 'chai';
import {
  Actor, CaseEvent, CaseHistoryHead, DataKeyMismatchError, eventHash, isValidIdNumber, ManualClock, MissingSecretError, openTiaojie, Party, rotateDataKey,
  Setting, Tiaojie, ValidationError, verifyEveryHistory,
} from '../src';
import { agreement, buildCenter, Center, idCheckChar, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

const T0 = '2026-11-20T02:00:00.000Z';
const KEY = Buffer.alloc(32, 7).toString('base64'); // the key forEachEngine opens with
const OTHER_KEY = Buffer.alloc(32, 8).toString('base64');
const id = (first17: string) => first17 + idCheckChar(first17);

/** The first violation's field and type, or null when `fn` does not refuse. */
async function refusal(fn: () => Promise<unknown>): Promise<{ field: string; type: string } | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const d = e.details()[0];
    return { field: d.field, type: d.type };
  }
}

describe('isValidIdNumber (GB 11643-1999)', () => {
  const today = new Date('2026-11-20T00:00:00Z');
  it('accepts a number with a province, an existing birth date and the check digit', () => {
    expect(isValidIdNumber(id('11010519800101001'), today)).to.equal(true);
  });
  it('refuses a valid check digit with an impossible birth date or region', () => {
    expect(isValidIdNumber(id('11010519800230001'), today), '30 February').to.equal(false);
    expect(isValidIdNumber(id('11010518991231001'), today), 'before 1900').to.equal(false);
    expect(isValidIdNumber(id('11010520301231001'), today), 'in the future').to.equal(false);
    expect(isValidIdNumber(id('99010519800101001'), today), 'region 99').to.equal(false);
    expect(isValidIdNumber(id('00010519800101001'), today), 'region 00').to.equal(false);
  });
});

forEachEngine('hardening', ({ db }) => {
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

  const register = async (extra: Record<string, unknown> = {}) => (await tj.cases.register(a.clerk, walkIn(extra))).case;
  async function walk(caseId: number, steps: Array<[Actor, string, object?]>) {
    let c = await tj.cases.get(a.admin, caseId);
    for (const [who, action, payload] of steps) c = await tj.cases.run(who, caseId, action, payload ?? {}, c.version);
    return c;
  }
  const toMediating = (caseId: number) =>
    walk(caseId, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation'],
    ]);

  describe('exact identifiers', () => {
    it("treats 'clerk' and 'CLERK'/'cl\u00e9rk' as different users, in sign-in and in the unique index", async () => {
      expect(await tj.users.accountId('clerk')).to.equal(center.user.clerk.id);
      expect(await tj.users.accountId('CLERK')).to.equal(null);
      expect(await tj.users.accountId('cl\u00e9rk')).to.equal(null);
      expect(await tj.users.authenticate('CLERK', 'correct horse battery')).to.equal(null);
      const twin = await tj.users.create({ username: 'CLERK', displayName: '另一人', password: 'correct horse battery', roles: ['clerk'], organizationId: center.org.east.id });
      expect(twin.id).to.not.equal(center.user.clerk.id);
      expect(await tj.users.accountId('CLERK')).to.equal(twin.id);
    });

    it('keeps channel references that differ only in case or accents apart', async () => {
      const court = { organizationId: center.org.courtDesk.id, channel: 'court' as const };
      const body = (sourceRef: string) => ({ ...walkIn(), channel: 'court', sourceRef });
      const one = await tj.cases.intake(court, body('（2026）晋0105民诉前调ab1号'));
      const two = await tj.cases.intake(court, body('（2026）晋0105民诉前调ÀB1号'));
      expect(one.created).to.equal(true);
      expect(two.created, 'a different reference is a different case').to.equal(true);
      expect(two.case.id).to.not.equal(one.case.id);
    });
  });

  describe('dates', () => {
    it('refuses dates outside 1900-01-01 … 2199-12-31 and impossible calendar dates, for dates and datetimes, and writes nothing', async () => {
      const c = await register();
      await toMediating(c.id);
      const version = (await tj.cases.get(a.admin, c.id)).version;
      const session = (heldAt: string) => () => tj.cases.run(a.eastMediator, c.id, 'recordSession', { heldAt, place: '调解室', participants: '双方', minutes: '记录', outcome: '继续' }, version);
      expect(await refusal(session('0001-01-01T00:00:00Z'))).to.deep.equal({ field: 'heldAt', type: 'date.outOfRange' });
      expect(await refusal(session('9999-12-31T00:00:00Z'))).to.deep.equal({ field: 'heldAt', type: 'date.outOfRange' });
      expect(await refusal(session('2026-02-30T10:00:00Z'))).to.deep.equal({ field: 'heldAt', type: 'date.notCalendar' });
      const settle = (performanceDeadline: string) => () => tj.cases.run(a.eastMediator, c.id, 'settle', { agreement: { ...agreement, performanceDeadline } }, version);
      expect(await refusal(settle('0001-01-01'))).to.deep.equal({ field: 'agreement.performanceDeadline', type: 'date.outOfRange' });
      expect(await refusal(settle('2026-02-30'))).to.deep.equal({ field: 'agreement.performanceDeadline', type: 'date.notCalendar' });
      expect((await tj.cases.get(a.admin, c.id)).version).to.equal(version);
    });
  });

  describe('a group dispute', () => {
    it('registers and settles a case of 500 parties', async function () {
      this.timeout(60_000);
      const parties = Array.from({ length: 500 }, (_, i) => ({
        role: i === 0 ? 'respondent' : 'applicant',
        kind: 'person',
        name: `当事人${i}`,
        idNumber: id(`11010519800101${String(i).padStart(3, '0')}`),
        phone: `1380000${String(i).padStart(4, '0')}`,
      }));
      const c = await register({ parties, peopleCount: 500 });
      await toMediating(c.id);
      const settled = await walk(c.id, [[a.eastMediator, 'settle', { agreement }]]);
      expect(settled.status).to.equal('settled');
      expect(await tj.cases.verifyHistory(c.id)).to.include({ ok: true });
    });
  });

  describe('history anchored with a key outside the database', () => {
    const broken: number[] = [];
    it('catches an edited event whose chain was recomputed with the public hash function', async () => {
      const c = await register();
      await toMediating(c.id);
      expect(await tj.cases.verifyHistory(c.id)).to.deep.equal({ ok: true, events: 4 });
      const events = await tj.dataSource.getRepository(CaseEvent).find({ where: { caseId: c.id }, order: { seq: 'ASC' } });
      events[1].payload = { triage: 'major' };
      let prev = events[0].hash;
      for (const e of events.slice(1)) {
        e.prevHash = prev;
        e.hash = eventHash(prev, e);
        prev = e.hash;
        await tj.dataSource.getRepository(CaseEvent).update({ id: e.id }, { payload: e.payload as never, prevHash: e.prevHash, hash: e.hash });
      }
      expect(await tj.cases.verifyHistory(c.id)).to.deep.include({ ok: false, reason: 'anchor' });
      broken.push(c.id);
      // …and moving the head to the forged tail without the key does not help.
      await tj.dataSource.getRepository(CaseHistoryHead).update({ caseId: c.id }, { hash: prev });
      expect(await tj.cases.verifyHistory(c.id)).to.deep.include({ ok: false, reason: 'anchor' });
    });

    it('catches deleted latest events, and a deleted head', async () => {
      const c = await register();
      await toMediating(c.id);
      await tj.dataSource.query('DELETE FROM case_events WHERE case_id = ? AND seq > 2', [c.id]);
      expect(await tj.cases.verifyHistory(c.id)).to.deep.equal({ ok: false, brokenAtSeq: 3, reason: 'truncated' });
      const d = await register();
      await tj.dataSource.getRepository(CaseHistoryHead).delete({ caseId: d.id });
      expect(await tj.cases.verifyHistory(d.id)).to.deep.equal({ ok: false, brokenAtSeq: 1, reason: 'unanchored' });
      broken.push(c.id, d.id);
    });

    it('verifies every case and stops at the first broken one', async () => {
      const r = await verifyEveryHistory(tj.dataSource.manager);
      expect(r.broken?.caseId).to.equal(Math.min(...broken));
      expect(r.broken?.verdict.ok).to.equal(false);
      expect(r.checked).to.be.at.most((await tj.dataSource.getRepository(CaseHistoryHead).count()) + 1);
    });
  });

  describe('the data key', () => {
    it('refuses to open with a key that does not match the stored data', async () => {
      let err: unknown;
      await openTiaojie({ url: db().url, dataKey: OTHER_KEY }).catch((e) => (err = e));
      expect(err).to.be.instanceOf(DataKeyMismatchError);
    });

    it('refuses to generate a key in production', async () => {
      let err: unknown;
      await openTiaojie({ url: db().url, production: true, dataKey: '' }).catch((e) => (err = e));
      expect(err).to.be.instanceOf(MissingSecretError);
      expect((err as Error).message).to.include('TIAOJIE_DATA_KEY');
    });

    it('rotates: every ID number and phone re-encrypted, lookups re-hashed, heads re-sealed; resumable; the old key then refused', async function () {
      this.timeout(60_000);
      const c = await register();
      const count = await tj.dataSource.getRepository(Party).count();
      await tj.close();
      const { connect } = await import('../src/db/data-source');
      const ds = await connect(db().url);
      // Interrupted after a first batch, then run again: the same end state.
      const first = await rotateDataKey(ds, { oldKey: KEY, newKey: OTHER_KEY, batchSize: 2 });
      const again = await rotateDataKey(ds, { oldKey: KEY, newKey: OTHER_KEY, batchSize: 2 });
      expect(first.parties).to.be.greaterThan(0).and.at.most(count);
      expect(again).to.deep.equal({ parties: 0, heads: 0 });
      expect((await ds.getRepository(Setting).findOneBy({ key: 'data_key_check' }))?.value).to.be.a('string');
      await ds.destroy();
      let err: unknown;
      await openTiaojie({ url: db().url, dataKey: KEY }).catch((e) => (err = e));
      expect(err).to.be.instanceOf(DataKeyMismatchError);
      tj = await openTiaojie({ url: db().url, dataKey: OTHER_KEY, clock });
      const parties = await tj.cases.parties(a.clerk, c.id, { reveal: true });
      expect(parties.map((p) => p.idNumber)).to.deep.equal(['11010519491231002X', '110105194912310038']);
      expect((await tj.cases.personCases(a.clerk, '11010519491231002X')).map((x) => x.id)).to.include(c.id);
      expect(await tj.cases.verifyHistory(c.id)).to.deep.equal({ ok: true, events: 1 });
    });
  });
});
