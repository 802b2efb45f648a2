import { expect } from 'chai';
import { CaseEvent, MediationCase, Organization, Party, sealUnanchored, Tiaojie } from '../src';
import { ForeignKeys1764200000000 } from '../src/db/migrations/1764200000000-foreign-keys';
import { downTo } from './support/migrations';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

/** The migration 1764200000000-foreign-keys: rows that refer to nothing are refused by the database itself. */
forEachEngine('foreign keys', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let caseId: number;
  before(async () => {
    tj = await db().open();
    center = await buildCenter(tj);
    caseId = (await tj.cases.register(center.actor.clerk, walkIn())).case.id;
  });
  after(() => tj?.close());

  const refused = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (err: Error) => err);
    expect(e, 'the write should have been refused').to.be.instanceOf(Error);
    expect(String((e as Error).message)).to.match(/foreign key/i);
  };

  it('refuses a party of a case that does not exist', async () => {
    await refused(tj.dataSource.getRepository(Party).insert({ caseId: 999_999, role: 'applicant', kind: 'person', name: '无案当事人', createdAt: new Date() }));
    expect(await tj.dataSource.getRepository(Party).countBy({ caseId: 999_999 })).to.equal(0);
  });

  it('refuses a history event of a case that does not exist', async () => {
    const e = { caseId: 999_999, seq: 1, action: 'register', actorId: null, actorName: '系统', at: new Date(), fromStatus: null, toStatus: 'registered' as const, changes: {}, payload: {}, prevHash: '0'.repeat(64), hash: '1'.repeat(64) };
    await refused(tj.dataSource.getRepository(CaseEvent).insert(e));
  });

  it('refuses a case handled by a mediator who does not exist, leaving the case as it was', async () => {
    await refused(tj.dataSource.createQueryBuilder().update(MediationCase).set({ mediatorId: 999_999 }).where('id = :id', { id: caseId }).execute());
    expect((await tj.cases.get(center.actor.admin, caseId)).mediatorId).to.equal(null);
  });

  it('refuses to delete an organization that users and cases refer to', async () => {
    await refused(tj.dataSource.getRepository(Organization).delete({ id: center.org.east.id }));
    expect(await tj.dataSource.getRepository(Organization).countBy({ id: center.org.east.id })).to.equal(1);
  });

  it('adds the keys over existing data, keeping every row (down and up again with cases in the tables)', async () => {
    const before = (await tj.cases.list(center.actor.admin, {})).total;
    // Down to and including the foreign keys (later migrations go down first), then up again.
    await downTo(tj.dataSource, ForeignKeys1764200000000);
    await tj.dataSource.runMigrations({ transaction: 'each' });
    expect((await tj.cases.list(center.actor.admin, {})).total).to.equal(before).and.be.greaterThan(0);
    // The sealed heads live in a later migration's table: going down drops them, so seal again
    // (as `tiaojie-system seal-history` does after an upgrade); the events themselves are unchanged.
    expect((await sealUnanchored(tj.dataSource.manager)).broken).to.deep.equal([]);
    expect(await tj.cases.verifyHistory(caseId)).to.include({ ok: true });
    await refused(tj.dataSource.getRepository(Party).insert({ caseId: 999_999, role: 'applicant', kind: 'person', name: '无案当事人', createdAt: new Date() }));
  });
});
