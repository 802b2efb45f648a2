import { expect } from 'chai';
import { AuditEvent, ForbiddenError, ManualClock, MediationCase, Organization, StaleVersionError, Tiaojie, TiaojieError, ValidationError } from '../src';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

async function rejection(p: Promise<unknown>): Promise<TiaojieError> {
  try {
    await p;
  } catch (e) {
    return e as TiaojieError;
  }
  throw new Error('expected a rejection');
}

forEachEngine('reference data commands', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  const clock = new ManualClock(new Date('2026-11-20T02:00:00.000Z'));

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    a = center.actor;
  });
  after(() => tj?.close());

  const auditOf = (entity: string, entityId: number) => tj.dataSource.getRepository(AuditEvent).find({ where: { entity, entityId }, order: { id: 'ASC' } });

  describe('organizations', () => {
    it('moves a township with its villages and the scope paths of its cases, in one audited command', async () => {
      const c = (await tj.cases.register(a.clerk, walkIn())).case;
      const east = await tj.organizations.get(a.admin, center.org.east.id);
      const moved = await tj.organizations.move(a.admin, east.id, center.org.west.id, east.version);
      expect(moved.path).to.equal(`${center.org.west.path}${east.id}/`);
      expect(moved.depth).to.equal(center.org.west.depth + 1);
      const grid = await tj.dataSource.getRepository(Organization).findOneByOrFail({ id: center.org.eastGrid.id });
      expect(grid.path).to.equal(`${moved.path}${center.org.eastVillage.id}/${grid.id}/`);
      expect(grid.depth).to.equal(center.org.eastGrid.depth + 1);
      const row = await tj.dataSource.getRepository(MediationCase).findOneByOrFail({ id: c.id });
      expect(row.handlingOrgPath.startsWith(moved.path)).to.equal(true);
      // The west township's clerk now sees the case handled below it; the move is in the trail.
      expect((await tj.cases.get(a.westClerk, c.id)).id).to.equal(c.id);
      const trail = await auditOf('organization', east.id);
      expect(trail.at(-1)).to.deep.include({ action: 'move', actorId: center.user.admin.id, before: { parentId: center.org.county.id, path: east.path }, after: { parentId: center.org.west.id, path: moved.path } });
      // And back, so the other tests keep their tree.
      await tj.organizations.move(a.admin, east.id, center.org.county.id, moved.version);
      expect((await tj.organizations.get(a.admin, east.id)).path).to.equal(east.path);
    });

    it('refuses a move under itself or its own subtree, and changes nothing', async () => {
      const east = await tj.organizations.get(a.admin, center.org.east.id);
      const e = await rejection(tj.organizations.move(a.admin, east.id, center.org.eastVillage.id, east.version));
      expect(e).to.be.instanceOf(ValidationError);
      expect((e as ValidationError).fields[0].field).to.equal('parentId');
      expect(await tj.organizations.get(a.admin, east.id)).to.deep.include({ path: east.path, version: east.version });
    });

    it('refuses a stale version', async () => {
      const west = await tj.organizations.get(a.admin, center.org.west.id);
      await tj.organizations.update(a.admin, west.id, { name: '西河镇' }, west.version);
      expect(await rejection(tj.organizations.update(a.admin, west.id, { name: '西河乡' }, west.version))).to.be.instanceOf(StaleVersionError);
    });
  });

  describe('users', () => {
    it('records a change of roles and a password reset in the trail, never the hash, and answers what changed', async () => {
      const u = await tj.users.get(a.admin, center.user.eastMediator2.id);
      const { user, changed } = await tj.users.update(a.admin, u.id, { roles: ['mediator', 'clerk'], password: 'a new long password' }, u.version);
      expect(user.roles).to.deep.equal(['mediator', 'clerk']);
      expect(changed.sort()).to.deep.equal(['password', 'roles']);
      const last = (await auditOf('user', u.id)).at(-1)!;
      expect(last).to.deep.include({ action: 'update', before: { roles: ['mediator'], password: null }, after: { roles: ['mediator', 'clerk'], password: 'changed' } });
      expect(JSON.stringify(last)).not.to.match(/argon2|a new long password/);
      expect(await tj.users.authenticate(u.username, 'a new long password')).to.not.equal(null);
    });

    it('refuses moving a user to an organization outside the admin’s scope', async () => {
      const westAdmin = { ...a.westClerk, roles: ['admin' as const] };
      const u = await tj.users.get(a.admin, center.user.westMediator.id);
      const e = await rejection(tj.users.update(westAdmin, u.id, { organizationId: center.org.east.id }, u.version));
      expect((e as ValidationError).fields[0].field).to.equal('organizationId');
    });
  });

  describe('policies and advisers', () => {
    it('creates, updates and deletes a policy with an audit row each; others may not', async () => {
      const p = await tj.policies.sla.create(a.admin, { name: '物业', category: 'property_management', acceptDays: 2, mediateDays: 20, extensionDays: 10, followUpDays: 7 });
      const q = await tj.policies.sla.update(a.admin, p.id, { mediateDays: 25 }, p.version);
      expect(q).to.include({ mediateDays: 25, version: p.version + 1 });
      expect(await rejection(tj.policies.sla.update(a.clerk, p.id, { mediateDays: 1 }, q.version))).to.be.instanceOf(ForbiddenError);
      await tj.policies.sla.remove(a.admin, p.id);
      expect((await auditOf('sla-policy', p.id)).map((e) => [e.action, e.before, e.after && e.after.mediateDays])).to.deep.equal([
        ['create', null, 20],
        ['update', { mediateDays: 20 }, 25],
        ['delete', (await auditOf('sla-policy', p.id))[2].before, null],
      ]);
    });

    it('refuses an assignment ending before it starts, and a consultation about a case the adviser may not see', async () => {
      const e = await rejection(tj.advisers.createAssignment(a.admin, { adviserId: center.user.lawyer.id, villageId: center.org.eastVillage.id, startsOn: '2026-12-01', endsOn: '2026-01-01' }));
      expect((e as ValidationError).fields[0].field).to.equal('endsOn');
      await tj.advisers.createAssignment(a.admin, { adviserId: center.user.lawyer.id, villageId: center.org.eastVillage.id, startsOn: '2026-01-01', endsOn: '2099-12-31' });
      const lawyer = await tj.actorFor(center.user.lawyer.id);
      const elsewhere = (await tj.cases.register(a.westClerk, walkIn({ placeOrgId: center.org.westVillage.id }))).case;
      const refused = await rejection(
        tj.advisers.createConsultation(lawyer, { villageId: center.org.eastVillage.id, personName: '赵六', category: 'labour', question: '欠薪怎么办', answer: '先协商', caseId: elsewhere.id }),
      );
      expect((refused as ValidationError).fields[0].field).to.equal('caseId');
      const here = (await tj.cases.register(a.clerk, walkIn({ placeOrgId: center.org.eastVillage.id }))).case;
      const ok = await tj.advisers.createConsultation(lawyer, { villageId: center.org.eastVillage.id, personName: '赵六', category: 'labour', question: '欠薪怎么办', answer: '先协商', caseId: here.id });
      expect(ok.caseId).to.equal(here.id);
    });
  });

  describe('the audit trail', () => {
    it('shows an admin of a township only the rows of its subtree (policies belong to their organization, issue 8)', async () => {
      const westAdmin = { ...a.westClerk, roles: ['admin' as const] };
      const { rows } = await tj.audit.list(westAdmin, { range: [0, 999] });
      const orgIds = new Set(rows.map((r) => r.organizationId));
      expect(orgIds.has(center.org.east.id)).to.equal(false);
      expect(orgIds.has(center.org.west.id)).to.equal(true);
      expect(orgIds.has(center.org.county.id)).to.equal(false);
      expect(rows.some((r) => r.organizationId === null)).to.equal(false);
      expect(await rejection(tj.audit.list(a.clerk))).to.be.instanceOf(ForbiddenError);
    });
  });
});
