/**
 * Issue 8, defects 3, 7 and 8: policies scoped to the organization that made them, sign-in tokens
 * revoked by a change of access or a sign-out, and a staff directory each role sees only what it
 * needs of.
 */
import { expect } from 'chai';
import {
  Actor, DAY_MS, ForbiddenError, ManualClock, NotFoundError, pickPolicy, RevokedToken, SessionRevokedError, SlaPolicy, SubsidyPolicy, Tiaojie, TiaojieError, User,
  ValidationError,
} from '../src';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { AccessScope1764400000000 } from '../src/db/migrations/1764400000000-access-scope';
import { downTo } from './support/migrations';

async function rejection(p: Promise<unknown>): Promise<TiaojieError> {
  try {
    await p;
  } catch (e) {
    return e as TiaojieError;
  }
  throw new Error('expected a rejection');
}

const T0 = new Date('2026-11-20T02:00:00.000Z');

describe('pickPolicy', () => {
  const p = (orgPath: string, channel: string | null, category: string | null, acceptDays: number) => ({ orgPath, channel, category, active: true, acceptDays });
  const policies = [p('/1/', 'court', 'labour', 1), p('/1/2/', null, null, 7), p('/1/3/', null, null, 9)];

  it('prefers the nearest organization above the case over a more specific policy further up', () => {
    expect(pickPolicy(policies, 'court', 'labour', '/1/2/5/')!.acceptDays).to.equal(7);
  });

  it('ignores the policies of other branches of the tree', () => {
    expect(pickPolicy(policies, 'walk_in', 'labour', '/1/4/')).to.equal(undefined);
    expect(pickPolicy(policies, 'court', 'labour', '/1/4/')!.acceptDays).to.equal(1);
  });

  it('does not take a path that merely starts with the same digits for an ancestor', () => {
    expect(pickPolicy([p('/1/2/', null, null, 7)], 'court', 'labour', '/1/23/')).to.equal(undefined);
  });
});

forEachEngine('access: configuration scope, tokens, directory', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  let eastAdmin: Actor;
  let westAdmin: Actor;
  const clock = new ManualClock(T0);

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    a = center.actor;
    const mk = async (username: string, roles: string[], organizationId: number, phone: string | null = null) =>
      tj.users.create({ username, displayName: username, password: 'correct horse battery', roles, organizationId, phone });
    eastAdmin = await tj.actorFor((await mk('admin_east', ['admin'], center.org.east.id)).id);
    westAdmin = await tj.actorFor((await mk('admin_west', ['admin'], center.org.west.id)).id);
  });
  after(() => tj?.close());

  describe('configuration scope (defect 3)', () => {
    let county: SlaPolicy;

    before(async () => {
      county = await tj.policies.sla.create(a.admin, { name: '邻里纠纷', category: 'neighbourhood', acceptDays: 2, mediateDays: 20, extensionDays: 10, followUpDays: 7 });
    });

    it('gives a new policy the author’s organization', () => {
      expect(county.organizationId).to.equal(center.org.county.id);
    });

    it('refuses a township admin changing or deleting a county policy, and changes nothing', async () => {
      const seen = await tj.policies.sla.get(eastAdmin, county.id);
      const e = await rejection(tj.policies.sla.update(eastAdmin, county.id, { mediateDays: 365 }, seen.version));
      expect(e).to.be.instanceOf(ForbiddenError);
      expect(e.messages.zh).to.match(/上级/);
      expect(await rejection(tj.policies.sla.remove(eastAdmin, county.id))).to.be.instanceOf(ForbiddenError);
      expect(await tj.policies.sla.get(a.admin, county.id)).to.deep.include({ mediateDays: 20, version: county.version });
    });

    it('refuses a township admin creating a policy for the county or another township', async () => {
      for (const organizationId of [center.org.county.id, center.org.west.id]) {
        const e = await rejection(tj.policies.sla.create(eastAdmin, { organizationId, name: '越权', acceptDays: 1, mediateDays: 365, extensionDays: 0, followUpDays: 1 }));
        expect(e).to.be.instanceOf(ValidationError);
        expect((e as ValidationError).fields[0].field).to.equal('organizationId');
      }
      const sub = await rejection(tj.policies.subsidy.create(eastAdmin, { organizationId: center.org.county.id, name: '越权', complexity: 'simple', result: 'settled', amountFen: 1, validFrom: '2026-01-01' }));
      expect(sub).to.be.instanceOf(ValidationError);
      expect((await tj.policies.sla.list(a.admin, { filter: { name: undefined } })).rows.map((p) => p.name)).not.to.include('越权');
    });

    it('refuses moving a policy of one’s own to an organization above', async () => {
      const own = await tj.policies.sla.create(eastAdmin, { name: '东关镇移动', acceptDays: 5, mediateDays: 30, extensionDays: 0, followUpDays: 15, active: false });
      const e = await rejection(tj.policies.sla.update(eastAdmin, own.id, { organizationId: center.org.county.id }, own.version));
      expect((e as ValidationError).fields[0].field).to.equal('organizationId');
      await tj.policies.sla.remove(eastAdmin, own.id);
    });

    it('keeps the county-wide tables (dispute categories, holidays) to admins of the county center', async () => {
      const cat = await rejection(tj.categories.create(eastAdmin, { code: 'fishery_east', name: '渔业', statsCategory: 'production' }));
      expect(cat).to.be.instanceOf(ForbiddenError);
      expect(cat.messages.zh).to.match(/县（区）中心/);
      const labour = (await tj.categories.list(eastAdmin, { filter: { code: 'labour' } })).rows[0];
      expect(await rejection(tj.categories.update(eastAdmin, labour.id, { mediateDays: 365 }, labour.version))).to.be.instanceOf(ForbiddenError);
      expect(await rejection(tj.holidays.create(eastAdmin, { day: '2027-03-01', kind: 'holiday', name: '越权' }))).to.be.instanceOf(ForbiddenError);
      expect((await tj.categories.get(a.admin, labour.id)).mediateDays).to.equal(15);
      expect((await tj.holidays.list(a.admin, { filter: { day: '2027-03-01' } })).rows).to.have.length(0);
    });

    it('puts a category’s own mediation limit on top of the policy of the governing organization', async () => {
      const east = await tj.policies.sla.create(eastAdmin, { name: '东关镇全类', acceptDays: 6, mediateDays: 40, extensionDays: 0, followUpDays: 15 });
      try {
        const labour = (await tj.cases.register(a.clerk, walkIn({ category: 'labour' }))).case;
        expect(new Date(labour.deadlineAt!).getTime() - T0.getTime()).to.equal(6 * DAY_MS); // acceptance: the township's policy
        const accepted = await tj.cases.run(a.clerk, labour.id, 'accept', { triage: 'minor' }, labour.version);
        expect(new Date(accepted.deadlineAt!).getTime() - T0.getTime()).to.equal(15 * DAY_MS); // mediation: labour's own 15 days
        const other = (await tj.cases.register(a.clerk, walkIn({ category: 'contract' }))).case;
        const otherAccepted = await tj.cases.run(a.clerk, other.id, 'accept', { triage: 'minor' }, other.version);
        expect(new Date(otherAccepted.deadlineAt!).getTime() - T0.getTime()).to.equal(40 * DAY_MS);
      } finally {
        await tj.policies.sla.remove(eastAdmin, east.id);
      }
    });

    it('applies a township’s policy to its subtree only, the nearest organization winning over a more specific one above', async () => {
      const east = await tj.policies.sla.create(eastAdmin, { name: '东关镇时限', acceptDays: 7, mediateDays: 30, extensionDays: 0, followUpDays: 15 });
      expect(east.organizationId).to.equal(center.org.east.id);
      const eastCase = (await tj.cases.register(a.clerk, walkIn())).case; // handled by 东关镇
      const westCase = (await tj.cases.register(a.westClerk, walkIn({ placeOrgId: center.org.westVillage.id }))).case;
      expect(eastCase.handlingOrgId).to.equal(center.org.east.id);
      expect(new Date(eastCase.deadlineAt!).getTime() - T0.getTime()).to.equal(7 * DAY_MS);
      expect(new Date(westCase.deadlineAt!).getTime() - T0.getTime()).to.equal(2 * DAY_MS); // the county's 邻里纠纷
      await tj.policies.sla.remove(eastAdmin, east.id);
    });

    it('shows admins below a policy that governs them, and nobody a sibling township’s', async () => {
      const east = await tj.policies.subsidy.create(eastAdmin, { name: '东关镇补贴', complexity: 'simple', result: 'settled', amountFen: 5000, validFrom: '2026-01-01' });
      const countySub = await tj.policies.subsidy.create(a.admin, { name: '县补贴', complexity: 'simple', result: 'settled', amountFen: 4000, validFrom: '2026-01-01' });
      const names = async (who: Actor) => (await tj.policies.subsidy.list(who)).rows.map((p) => p.name).sort();
      expect(await names(eastAdmin)).to.deep.equal(['东关镇补贴', '县补贴']);
      expect(await names(westAdmin)).to.deep.equal(['县补贴']);
      expect(await names(a.admin)).to.deep.equal(['东关镇补贴', '县补贴']);
      expect(await rejection(tj.policies.subsidy.get(westAdmin, east.id))).to.be.instanceOf(NotFoundError);
      expect(await rejection(tj.policies.subsidy.update(eastAdmin, countySub.id, { amountFen: 1 }, countySub.version))).to.be.instanceOf(ForbiddenError);
      // The county admin oversees the township's policy.
      const changed = await tj.policies.subsidy.update(a.admin, east.id, { amountFen: 6000 }, east.version);
      expect(changed.amountFen).to.equal(6000);
    });

    it('records the policy’s organization in the audit trail, so township admins read their own changes', async () => {
      const own = await tj.policies.sla.create(eastAdmin, { name: '东关镇审计', acceptDays: 3, mediateDays: 30, extensionDays: 0, followUpDays: 15, active: false });
      const trail = await tj.audit.list(eastAdmin, { filter: { entity: 'sla-policy', entityId: own.id } });
      expect(trail.rows.map((e) => [e.action, e.organizationId])).to.deep.equal([['create', center.org.east.id]]);
    });

    it('migrates existing policies to the root organization', async () => {
      const ds = tj.dataSource;
      await downTo(ds, AccessScope1764400000000);
      try {
        await ds.query("INSERT INTO sla_policies (name, channel, category, accept_days, mediate_days, extension_days, follow_up_days, confirmation_days, yellow_percent, active, version) VALUES ('迁移前', NULL, NULL, 3, 30, 30, 15, 30, 75, 1, 1)");
        await ds.query("INSERT INTO subsidy_policies (name, complexity, result, amount_fen, valid_from, valid_to, version) VALUES ('迁移前', 'simple', 'settled', 100, '2026-01-01', NULL, 1)");
      } finally {
        await ds.runMigrations({ transaction: 'each' });
      }
      const sla = await ds.getRepository(SlaPolicy).findBy({ name: '迁移前' });
      const sub = await ds.getRepository(SubsidyPolicy).findBy({ name: '迁移前' });
      expect([...sla, ...sub].map((p) => p.organizationId)).to.deep.equal([center.org.county.id, center.org.county.id]);
      await ds.getRepository(SlaPolicy).delete({ name: '迁移前' });
    });
  });

  describe('token versions and sign-out (defect 7)', () => {
    const versionOf = async (id: number) => (await tj.dataSource.getRepository(User).findOneByOrFail({ id })).tokenVersion;

    it('bumps the token version with a change of roles, organization, password or active state, not of a name or phone', async () => {
      const id = center.user.eastMediator2.id;
      let u = await tj.users.get(a.admin, id);
      let v = await versionOf(id);
      ({ user: u } = await tj.users.update(a.admin, id, { displayName: '赵调解员', phone: '13900000001' }, u.version));
      expect(await versionOf(id)).to.equal(v);
      for (const change of [{ roles: ['mediator', 'clerk'] }, { organizationId: center.org.eastVillage.id }, { password: 'another long password' }, { active: false }, { active: true }]) {
        ({ user: u } = await tj.users.update(a.admin, id, change, u.version));
        expect(await versionOf(id), JSON.stringify(change)).to.equal(v + 1);
        v += 1;
      }
      await tj.users.update(a.admin, id, { roles: ['mediator'], organizationId: center.org.east.id }, u.version);
      await tj.users.setPassword(id, 'a third long password');
      expect(await versionOf(id)).to.equal(v + 2);
    });

    it('refuses a session of an older token version and accepts the current one', async () => {
      const id = center.user.westMediator.id;
      const before = await versionOf(id);
      const u = await tj.users.get(a.admin, id);
      await tj.users.update(a.admin, id, { password: 'reset by the admin' }, u.version);
      const e = await rejection(tj.actorFor(id, { tokenVersion: before }));
      expect(e).to.be.instanceOf(SessionRevokedError);
      expect(e.code).to.equal('UNAUTHENTICATED');
      expect((await tj.actorFor(id, { tokenVersion: before + 1 })).id).to.equal(id);
    });

    it('signs out one token alone until its expiry, and prunes expired ones', async () => {
      const id = center.user.leader.id;
      const tokenVersion = await versionOf(id);
      await tj.dataSource.getRepository(RevokedToken).insert({ jti: 'expired-token-0001', userId: id, expiresAt: new Date(T0.getTime() - 1000) });
      await tj.users.revokeSession(id, 'token-on-the-phone', new Date(T0.getTime() + 3600_000));
      await tj.users.revokeSession(id, 'token-on-the-phone', new Date(T0.getTime() + 3600_000)); // twice is fine
      expect(await rejection(tj.actorFor(id, { tokenVersion, tokenId: 'token-on-the-phone' }))).to.be.instanceOf(SessionRevokedError);
      expect((await tj.actorFor(id, { tokenVersion, tokenId: 'token-on-the-desk' })).id).to.equal(id);
      expect(await tj.dataSource.getRepository(RevokedToken).existsBy({ jti: 'expired-token-0001' })).to.equal(false);
    });
  });

  describe('directory visibility (defect 8)', () => {
    let villageMediator: User;
    let lawyer: Actor;

    before(async () => {
      // Phones on everyone, so what is hidden is hidden by the rule.
      for (const [k, u] of Object.entries(center.user)) {
        const cur = await tj.users.get(a.admin, u.id);
        await tj.users.update(a.admin, u.id, { phone: `1380000${String(u.id).padStart(4, '0')}` }, cur.version);
        center.user[k as keyof Center['user']] = await tj.users.get(a.admin, u.id);
      }
      villageMediator = await tj.users.create({ username: 'med_westvillage', displayName: '西河村调解员', password: 'correct horse battery', roles: ['mediator'], organizationId: center.org.westVillage.id, phone: '13811112222' });
      await tj.users.create({ username: 'grid_west', displayName: '西河村网格员', password: 'correct horse battery', roles: ['grid'], organizationId: center.org.westVillage.id, phone: '13811113333' });
      await tj.advisers.createAssignment(a.admin, { adviserId: center.user.lawyer.id, villageId: center.org.westVillage.id, startsOn: '2026-01-01', endsOn: '2099-12-31' });
      // The lawyer joins one case of 东关镇, mediated by 李调解.
      const c = (await tj.cases.register(a.clerk, walkIn())).case;
      let v = (await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version)).version;
      v = (await tj.cases.run(a.clerk, c.id, 'assign', { mediatorId: center.user.eastMediator.id }, v)).version;
      await tj.cases.run(a.eastMediator, c.id, 'inviteAdviser', { adviserId: center.user.lawyer.id }, v);
      lawyer = await tj.actorFor(center.user.lawyer.id);
    });

    const directory = async (who: Actor) => (await tj.users.list(who, { range: [0, 999] })).rows;
    const names = (rows: User[]) => rows.map((u) => u.username).sort();

    it('shows an outside lawyer only the mediators and clerks they work with, without phone numbers', async () => {
      const rows = await directory(lawyer);
      expect(names(rows)).to.deep.equal(['clerk', 'lawyer', 'med_east', 'med_east2', 'med_westvillage'].sort());
      expect(rows.filter((u) => u.id !== lawyer.id).map((u) => u.phone)).to.deep.equal([null, null, null, null]);
      expect(rows.find((u) => u.id === lawyer.id)!.phone).to.not.equal(null);
      expect(await rejection(tj.users.get(lawyer, center.user.leader.id))).to.be.instanceOf(NotFoundError);
      expect(await rejection(tj.users.get(lawyer, center.user.westMediator.id))).to.be.instanceOf(NotFoundError);
    });

    it('shows a mediator their organization and the mediators, clerks and advisers above and below, phones of their own organization only', async () => {
      const rows = await directory(a.westMediator);
      // The county's lawyer is there for the invite-adviser dialog; the county's admin and leader are not.
      expect(names(rows)).to.deep.equal(['admin_west', 'clerk_west', 'lawyer', 'med_county', 'med_west', 'med_westvillage'].sort());
      const phone = (username: string) => rows.find((u) => u.username === username)!.phone;
      expect(phone('clerk_west')).to.equal(center.user.westClerk.phone);
      expect(phone('med_county')).to.equal(null);
      expect(phone('lawyer')).to.equal(null);
      expect(phone('med_westvillage')).to.equal(null);
    });

    it('keeps what the assign dialog needs: a clerk lists the mediators of the subtree with phones', async () => {
      const rows = (await tj.users.list(a.westClerk, { filter: { role: 'mediator' } })).rows;
      expect(names(rows)).to.deep.equal(['med_west', 'med_westvillage']);
      expect(rows.every((u) => u.phone !== null)).to.equal(true);
    });

    it('shows admins and leaders their subtree with phones, as before', async () => {
      const rows = await directory(a.leader);
      expect(rows.length).to.equal((await tj.dataSource.getRepository(User).count()));
      expect(rows.find((u) => u.username === 'grid_west')!.phone).to.equal('13811113333');
      expect(names(await directory(westAdmin))).to.deep.equal(['admin_west', 'clerk_west', 'grid_west', 'med_west', 'med_westvillage']);
    });

    it('shows grid workers and liaisons no directory', async () => {
      expect(await rejection(tj.users.list(a.grid))).to.be.instanceOf(ForbiddenError);
      expect(await rejection(tj.users.list(a.liaison))).to.be.instanceOf(ForbiddenError);
      expect(await rejection(tj.users.get(a.grid, center.user.clerk.id))).to.be.instanceOf(NotFoundError);
      void villageMediator;
    });
  });
});
