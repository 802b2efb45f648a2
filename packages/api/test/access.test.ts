/**
 * Issue 8 over HTTP: tokens that outlive what they stand for (defect 7), county-wide policies
 * changed from a township (defect 3), the staff directory open to outsiders (defect 8).
 */
import { expect } from 'chai';
import { call, forEachEngine, PASSWORD } from './support/harness';

forEachEngine('access', (get) => {
  const api = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => call(get().run.base, method, path, { token, body, headers });
  const login = async (username: string, password = PASSWORD) => {
    const r = await api('POST', '/api/auth/login', undefined, { username, password });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body.token as string;
  };
  const me = (token: string, lang = 'zh') => api('GET', '/api/auth/me', token, undefined, { 'Accept-Language': lang });
  /** An admin edits a user through the same PUT the admin app sends. */
  const editUser = async (id: number, changes: Record<string, unknown>) => {
    const { token } = get().center;
    const current = await api('GET', `/api/users/${id}`, token.admin);
    const r = await api('PUT', `/api/users/${id}`, token.admin, { ...current.body, ...changes });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
  };

  describe('tokens (defect 7)', () => {
    it('refuses a token signed before a password reset, with a clear message, and accepts a new sign-in', async () => {
      const { user } = get().center;
      const old = await login(user.westMediator.username);
      expect((await me(old)).status).to.equal(200);
      await editUser(user.westMediator.id, { password: 'reset by the admin 1' });
      const zh = await me(old);
      expect(zh.status).to.equal(401);
      expect(zh.body.error).to.deep.include({ code: 'UNAUTHENTICATED', message: '账号的密码或权限已变更，请重新登录' });
      expect((await me(old, 'en')).body.error.message).to.match(/password or access has changed/);
      const fresh = await login(user.westMediator.username, 'reset by the admin 1');
      expect((await me(fresh)).status).to.equal(200);
    });

    it('refuses earlier tokens after a role change, a move and a deactivation, not after a change of name', async () => {
      const { user, org } = get().center;
      let token = await login(user.westClerk.username);
      await editUser(user.westClerk.id, { displayName: '窗口小孙（改名）' });
      expect((await me(token)).status).to.equal(200);
      for (const change of [{ roles: ['clerk', 'mediator'] }, { organizationId: org.westVillage.id }, { active: false }]) {
        await editUser(user.westClerk.id, change);
        expect((await me(token)).status, JSON.stringify(change)).to.equal(401);
        if (change.active === false) await editUser(user.westClerk.id, { active: true });
        token = await login(user.westClerk.username);
      }
      expect((await me(token)).status).to.equal(200);
    });

    it('signs out the calling token alone: it is refused afterwards, another session stays open', async () => {
      const { user } = get().center;
      const phone = await login(user.leader.username);
      const desk = await login(user.leader.username);
      const out = await api('POST', '/api/auth/logout', phone);
      expect(out.status).to.equal(204);
      const after = await me(phone);
      expect(after.status).to.equal(401);
      expect(after.body.error.message).to.equal('您已退出登录，请重新登录');
      expect((await api('POST', '/api/auth/logout', phone)).status).to.equal(401);
      expect((await me(desk)).status).to.equal(200);
      expect((await api('POST', '/api/auth/logout')).status).to.equal(401);
    });
  });

  describe('configuration scope (defect 3)', () => {
    let eastAdmin: string;

    before(async () => {
      const { token, org } = get().center;
      const r = await api('POST', '/api/users', token.admin, { username: 'admin_east', displayName: '东关镇管理员', password: PASSWORD, roles: ['admin'], organizationId: org.east.id });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      eastAdmin = await login('admin_east');
    });

    it('lets a township admin read the county’s policy with its organization, but not change or delete it (403)', async () => {
      const { token, org } = get().center;
      const created = await api('POST', '/api/sla-policies', token.admin, { name: '全县默认', acceptDays: 3, mediateDays: 30, extensionDays: 30, followUpDays: 15 });
      expect(created.status).to.equal(201);
      expect(created.body).to.deep.include({ organizationId: org.county.id, organizationName: org.county.name });
      const seen = await api('GET', `/api/sla-policies/${created.body.id}`, eastAdmin);
      expect(seen.status).to.equal(200);
      const put = await api('PUT', `/api/sla-policies/${created.body.id}`, eastAdmin, { ...seen.body, mediateDays: 365 });
      expect(put.status).to.equal(403);
      expect(put.body.error.message).to.match(/上级组织/);
      expect((await api('DELETE', `/api/sla-policies/${created.body.id}`, eastAdmin)).status).to.equal(403);
      expect((await api('GET', `/api/sla-policies/${created.body.id}`, token.admin)).body).to.deep.include({ mediateDays: 30, version: created.body.version });
    });

    it('refuses a township admin a policy for the county (400 naming organizationId) and makes one for the township', async () => {
      const { org } = get().center;
      const over = await api('POST', '/api/subsidy-policies', eastAdmin, { organizationId: org.county.id, name: '越权补贴', complexity: 'simple', result: 'settled', amountFen: 1, validFrom: '2026-01-01' });
      expect(over.status).to.equal(400);
      expect(over.body.error.details[0].field).to.equal('organizationId');
      const own = await api('POST', '/api/subsidy-policies', eastAdmin, { name: '东关镇补贴', complexity: 'simple', result: 'settled', amountFen: 5000, validFrom: '2026-01-01' });
      expect(own.status).to.equal(201);
      expect(own.body).to.deep.include({ organizationId: org.east.id, organizationName: org.east.name });
      // Sent back whole by the admin app, the computed organization name is ignored.
      const put = await api('PUT', `/api/subsidy-policies/${own.body.id}`, eastAdmin, { ...own.body, amountFen: 6000 });
      expect(put.status, JSON.stringify(put.body)).to.equal(200);
      expect(put.body.amountFen).to.equal(6000);
    });
  });

  describe('directory (defect 8)', () => {
    it('shows an outside lawyer no account they do not work with, and no phone number', async () => {
      const { token, user } = get().center;
      await editUser(user.westMediator.id, { phone: '13900001111' });
      const all = await api('GET', '/api/users?range=[0,999]', token.admin);
      expect(all.body.find((u: { id: number }) => u.id === user.westMediator.id).phone).to.equal('13900001111');
      const r = await api('GET', '/api/users?range=[0,999]', token.lawyer);
      expect(r.status).to.equal(200);
      // The lawyer serves no village and joined no case here: only their own account.
      expect(r.body.map((u: { id: number }) => u.id)).to.deep.equal([user.lawyer.id]);
      expect((await api('GET', `/api/users/${user.westMediator.id}`, token.lawyer)).status).to.equal(404);
    });

    it('refuses grid workers and liaisons the directory', async () => {
      const { token } = get().center;
      expect((await api('GET', '/api/users', token.grid)).status).to.equal(403);
      expect((await api('GET', '/api/users', token.liaison)).status).to.equal(403);
    });

    it('shows a mediator a colleague’s phone in their organization, not a mediator’s of another township', async () => {
      const { token, user } = get().center;
      await editUser(user.eastMediator.id, { phone: '13900002222' });
      const r = await api('GET', '/api/users?range=[0,999]', token.eastMediator);
      const ids = r.body.map((u: { id: number }) => u.id);
      expect(ids).to.include(user.eastMediator.id);
      expect(ids).not.to.include(user.westMediator.id);
      expect(ids).not.to.include(user.grid.id); // a grid worker below is neither colleague nor hand-over partner
      // The invite-adviser dialog lists the advisers: the county's lawyer, without a phone.
      const advisers = await api('GET', `/api/users?filter=${encodeURIComponent(JSON.stringify({ role: 'adviser', active: true }))}`, token.eastMediator);
      expect(advisers.body.map((u: { id: number; phone: string | null }) => [u.id, u.phone])).to.deep.equal([[user.lawyer.id, null]]);
      expect(r.body.find((u: { id: number }) => u.id === user.eastMediator.id).phone).to.equal('13900002222');
    });
  });
});
