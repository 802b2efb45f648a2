/**
 * The law-faithful rules (issue 9, "Rules to correct"): each refused and allowed at its boundary,
 * on every engine. Sources are cited in docs/domain.md.
 */
import { expect } from 'chai';
import { Actor, AuditEvent, DuplicateError, ForbiddenError, ManualClock, MediationCase, Tiaojie, TiaojieError, ValidationError } from '../src';
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
});
