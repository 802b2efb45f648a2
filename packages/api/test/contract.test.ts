import { expect } from 'chai';
import { CaseEvent, MediationCase, PiiAccess } from '@tiaojie/core';
import { fetchUtils } from 'ra-core';
import simpleRestProvider from 'ra-data-simple-rest';
import { agreement, call, forEachEngine, LI_ID, walkIn, ZHANG_ID } from './support/harness';

forEachEngine('the API contract', (get) => {
  const ra = (token: string) =>
    simpleRestProvider(`${get().run.base}/api`, (url: string, options: fetchUtils.Options = {}) =>
      fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${token}` } }),
    );
  const api = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => call(get().run.base, method, path, { token, body, headers });
  const register = async (token: string, extra: Record<string, unknown> = {}) => {
    const r = await api('POST', '/api/cases', token, walkIn(get().center.org.eastVillage.id, extra));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body;
  };
  const act = async (token: string, id: number, action: string, payload: Record<string, unknown> = {}) => {
    const current = await api('GET', `/api/cases/${id}`, token);
    const r = await api('POST', `/api/cases/${id}/transitions`, token, { action, version: current.body.version, ...payload });
    expect(r.status, `${action}: ${JSON.stringify(r.body)}`).to.equal(200);
    return r.body;
  };
  let courtKey: string;

  describe('ra-data-simple-rest as the client', () => {
    it('creates, lists, reads, reads many and updates cases', async () => {
      const { token } = get().center;
      const client = ra(token.clerk);
      const { data: created } = await client.create('cases', { data: walkIn(get().center.org.eastVillage.id, { title: '经由 react-admin 登记' }) });
      expect(created.id).to.be.a('number');
      expect(created.caseNumber).to.match(/^（\d{4}）平安调字第[1-9]\d*号$/);
      const second = await register(token.clerk);
      const list = await client.getList('cases', { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' }, filter: { status: 'registered' } });
      expect(list.data).to.have.length(1);
      expect(list.data[0].id).to.equal(second.id);
      expect(list.total).to.be.at.least(2);
      expect(list.data[0]).to.have.property('light', 'green');
      expect(list.data[0]).to.include({ handlingOrgName: '平安县矛盾纠纷调处化解中心' });
      const one = await client.getOne('cases', { id: created.id });
      expect(one.data.title).to.equal('经由 react-admin 登记');
      const many = await client.getMany('cases', { ids: [created.id, second.id] });
      expect(many.data.map((c: { id: number }) => c.id).sort()).to.deep.equal([created.id, second.id].sort());
      const parties = await client.getManyReference('parties', { target: 'caseId', id: created.id, pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
      expect(parties.total).to.equal(2);
      expect(parties.data[0].idNumberMasked).to.match(/\*/);
      expect(JSON.stringify(parties.data)).not.to.include(ZHANG_ID);
      // react-admin sends the whole record back: unchanged read-only fields are accepted and ignored.
      const { data: updated } = await client.update('cases', { id: created.id, data: { ...one.data, title: '修改后的标题' }, previousData: one.data });
      expect(updated.title).to.equal('修改后的标题');
      expect(updated.version).to.equal(one.data.version + 1);
    });

    it('lets an admin create and update users, and a mediator not', async () => {
      const { token, org } = get().center;
      const { data: u } = await ra(token.admin).create('users', { data: { username: 'new_med', displayName: '新调解员', password: 'long enough pw', roles: ['mediator'], organizationId: org.east.id } });
      expect(u).to.include({ username: 'new_med' }).and.not.to.have.property('password');
      const { data: u2 } = await ra(token.admin).update('users', { id: u.id, data: { ...u, displayName: '改名调解员' }, previousData: u });
      expect(u2.displayName).to.equal('改名调解员');
      const denied = await api('POST', '/api/users', token.eastMediator, { username: 'x_med', displayName: 'x', password: 'long enough pw', roles: ['admin'], organizationId: org.county.id });
      expect(denied.status).to.equal(403);
    });

    it('refuses an edit of a record someone else changed meanwhile, and one without its version', async () => {
      const { token } = get().center;
      const { data: policy } = await ra(token.admin).create('sla-policies', { data: { name: '物业纠纷', category: 'property_management', acceptDays: 2, mediateDays: 20, extensionDays: 10, followUpDays: 7 } });
      const first = await api('PUT', `/api/sla-policies/${policy.id}`, token.admin, { ...policy, mediateDays: 25 });
      expect(first.status).to.equal(200);
      expect(first.body).to.include({ mediateDays: 25, version: policy.version + 1 });
      const second = await api('PUT', `/api/sla-policies/${policy.id}`, token.admin, { ...policy, acceptDays: 5 });
      expect(second.status).to.equal(409);
      expect(second.body.error.code).to.equal('CONFLICT.STALE_VERSION');
      const { version: _v, ...unversioned } = policy;
      const third = await api('PUT', `/api/sla-policies/${policy.id}`, token.admin, { ...unversioned, acceptDays: 5 });
      expect(third.status).to.equal(400);
      expect(third.body.error.details[0].field).to.equal('version');
      const now = await api('GET', `/api/sla-policies/${policy.id}`, token.admin);
      expect(now.body).to.include({ acceptDays: 2, mediateDays: 25 });
    });
  });

  describe('a court-referred case from intake to close', () => {
    it('walks the whole lifecycle over HTTP and reports the outcome to the court', async () => {
      const { token, org, user } = get().center;
      const key = await api('POST', '/api/api-keys', token.admin, { name: '法院诉调系统', organizationId: org.courtDesk.id, channel: 'court' });
      expect(key.status).to.equal(201);
      expect(key.body.key).to.match(/^tj_/);
      courtKey = key.body.key;
      const listedKey = await api('GET', `/api/api-keys/${key.body.id}`, token.admin);
      expect(listedKey.body).not.to.have.property('key');
      expect(listedKey.body).not.to.have.property('keyHash');

      const ref = '（2026）晋0105民诉前调1234号';
      const body = { ...walkIn(org.eastVillage.id), channel: undefined, sourceRef: ref, category: 'contract', title: '买卖合同纠纷' };
      const first = await api('POST', '/api/intake/court', undefined, body, { 'X-Api-Key': courtKey });
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(first.body).to.include({ channel: 'court', sourceRef: ref, status: 'registered' });
      const again = await api('POST', '/api/intake/court', undefined, body, { 'X-Api-Key': courtKey });
      expect(again.status).to.equal(200);
      expect(again.body.id).to.equal(first.body.id);
      expect((await api('POST', '/api/intake/police', undefined, body, { 'X-Api-Key': courtKey })).status).to.equal(403);
      expect((await api('POST', '/api/intake/court', undefined, body, { 'X-Api-Key': 'tj_not_a_key' })).status).to.equal(401);
      const id = first.body.id;

      expect((await api('GET', `/api/cases/${id}/actions`, token.clerk)).body.actions).to.include.members(['accept', 'reject']);
      await act(token.clerk, id, 'accept', { triage: 'minor' });
      await act(token.clerk, id, 'assign', { mediatorId: user.eastMediator.id });
      expect((await api('GET', `/api/cases/${id}/actions`, token.eastMediator)).body.actions).to.include('startMediation');
      await act(token.eastMediator, id, 'startMediation');
      await act(token.eastMediator, id, 'recordSession', { heldAt: '2026-11-18T02:00:00.000Z', place: '东关镇调解室', participants: '张三、李四、李调解', minutes: '双方陈述意见，初步达成一致。' });
      const settled = await act(token.eastMediator, id, 'settle', { agreement });
      expect(settled.status).to.equal('settled');
      await act(token.eastMediator, id, 'followUp', { method: 'phone', satisfaction: 'satisfied' });
      const closed = await act(token.eastMediator, id, 'close', { summary: '双方达成协议并履行' });
      expect(closed.status).to.equal('closed');

      const history = await api('GET', `/api/cases/${id}/history`, token.clerk);
      expect(history.body.map((e: { action: string }) => e.action)).to.deep.equal(['register', 'accept', 'assign', 'startMediation', 'recordSession', 'settle', 'followUp', 'close']);
      const events = await ra(token.clerk).getManyReference('case-events', { target: 'caseId', id, pagination: { page: 1, perPage: 50 }, sort: { field: 'seq', order: 'ASC' }, filter: {} });
      expect(events.total).to.equal(history.body.length);
      const sessions = await ra(token.eastMediator).getManyReference('mediation-sessions', { target: 'caseId', id, pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
      expect(sessions.data[0]).to.include({ place: '东关镇调解室' });
      const agreements = await api('GET', `/api/agreements?filter=${encodeURIComponent(JSON.stringify({ caseId: id }))}`, token.eastMediator);
      expect(agreements.body).to.have.length(1);

      const outcome = await api('GET', `/api/intake/court/${encodeURIComponent(ref)}`, undefined, undefined, { 'X-Api-Key': courtKey });
      expect(outcome.status).to.equal(200);
      expect(outcome.body).to.include({ status: 'closed', closeRoute: 'agreement', caseNumber: first.body.caseNumber });
      expect((await api('GET', `/api/intake/court/${encodeURIComponent('unknown-ref')}`, undefined, undefined, { 'X-Api-Key': courtKey })).status).to.equal(404);
      // The liaison of the court desk sees the case the court sent.
      expect((await api('GET', `/api/cases/${id}`, token.liaison)).status).to.equal(200);
    });

    it('revokes a key: it opens nothing afterwards', async () => {
      const { token, org } = get().center;
      const key = await api('POST', '/api/api-keys', token.admin, { name: '公安警情系统', organizationId: org.policeDesk.id, channel: 'police' });
      const del = await api('DELETE', `/api/api-keys/${key.body.id}`, token.admin);
      expect(del.status).to.equal(200);
      expect(del.body.revokedAt).to.be.a('string');
      const r = await api('POST', '/api/intake/police', undefined, { ...walkIn(org.eastVillage.id), channel: undefined, sourceRef: 'JQ2026-1' }, { 'X-Api-Key': key.body.key });
      expect(r.status).to.equal(401);
    });
  });

  describe('roles and scope', () => {
    it('answers 404 for a case outside the caller’s scope, on every case route', async () => {
      const { token } = get().center;
      const c = await register(token.clerk, { organizationId: get().center.org.east.id });
      for (const path of [`/api/cases/${c.id}`, `/api/cases/${c.id}/actions`, `/api/cases/${c.id}/history`, `/api/cases/${c.id}/parties`]) {
        const r = await api('GET', path, token.westMediator);
        expect(r.status, path).to.equal(404);
        expect(r.body.error.code).to.equal('NOT_FOUND');
      }
      const t = await api('POST', `/api/cases/${c.id}/transitions`, token.westClerk, { action: 'accept', version: c.version, triage: 'minor' });
      expect(t.status).to.equal(404);
      const put = await api('PUT', `/api/cases/${c.id}`, token.westClerk, { version: c.version, title: '越权修改' });
      expect(put.status).to.equal(404);
      const children = await api('GET', `/api/parties?filter=${encodeURIComponent(JSON.stringify({ caseId: c.id }))}`, token.westMediator);
      expect(children.status).to.equal(200);
      expect(children.body).to.deep.equal([]);
      expect(children.headers.get('content-range')).to.match(/\/0$/);
      const list = await api('GET', `/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [c.id] }))}`, token.westMediator);
      expect(list.body).to.deep.equal([]);
      // The east clerk's own desk sees it.
      expect((await api('GET', `/api/cases/${c.id}`, token.leader)).status).to.equal(200);
    });

    it('shows a grid worker only what they reported, and a liaison only what their channel sent', async () => {
      const { token } = get().center;
      const mine = await api('POST', '/api/cases', token.grid, walkIn(get().center.org.eastVillage.id, { channel: 'grid' }));
      expect(mine.status, JSON.stringify(mine.body)).to.equal(201);
      const gridList = await api('GET', '/api/cases?range=[0,999]', token.grid);
      expect(gridList.body.map((c: { id: number }) => c.id)).to.deep.equal([mine.body.id]);
      const liaisonList = await api('GET', '/api/cases?range=[0,999]', token.liaison);
      expect(liaisonList.body.length).to.be.greaterThan(0);
      expect(liaisonList.body.every((c: { channel: string }) => c.channel === 'court')).to.equal(true);
    });

    it('applies the read/write matrix of the reference resources', async () => {
      const { token, user, org } = get().center;
      const matrix: Array<[string, string, string, unknown, number]> = [
        ['grid', 'GET', '/api/users', undefined, 403],
        ['liaison', 'GET', '/api/users', undefined, 403],
        ['eastMediator', 'GET', '/api/api-keys', undefined, 403],
        ['leader', 'GET', '/api/api-keys', undefined, 403],
        ['grid', 'GET', '/api/subsidy-policies', undefined, 403],
        ['eastMediator', 'POST', '/api/organizations', { name: '新村', type: 'village', parentId: org.east.id }, 403],
        ['clerk', 'POST', '/api/sla-policies', { name: 'x', acceptDays: 3, mediateDays: 30, extensionDays: 30, followUpDays: 15 }, 403],
        ['leader', 'PUT', `/api/organizations/${org.east.id}`, { name: '改名' }, 403],
        ['westClerk', 'GET', `/api/users/${user.eastMediator.id}`, undefined, 404],
        ['westMediator', 'GET', `/api/users/${user.eastMediator.id}`, undefined, 404],
        ['admin', 'GET', `/api/users/${user.eastMediator.id}`, undefined, 200],
        ['eastMediator', 'GET', '/api/organizations', undefined, 200],
        ['grid', 'GET', '/api/sla-policies', undefined, 200],
        ['admin', 'POST', '/api/sla-policies', { name: '诉前调解', channel: 'court', acceptDays: 3, mediateDays: 30, extensionDays: 30, followUpDays: 15 }, 201],
        ['admin', 'POST', '/api/organizations', { name: '东关新村', type: 'village', parentId: org.east.id }, 201],
        ['admin', 'DELETE', `/api/organizations/${org.west.id}`, undefined, 405],
        ['admin', 'DELETE', `/api/users/${user.grid.id}`, undefined, 405],
        ['admin', 'PUT', `/api/case-events/1`, {}, 405],
      ];
      for (const [who, method, path, body, status] of matrix) {
        const r = await api(method, path, token[who as keyof typeof token], body);
        expect(r.status, `${who} ${method} ${path}: ${JSON.stringify(r.body)}`).to.equal(status);
      }
      const users = await api('GET', '/api/users?range=[0,999]', token.westClerk);
      expect(users.body.every((u: { organizationId: number }) => u.organizationId === org.west.id)).to.equal(true);
    });

    it('refuses a lifecycle action to a role that may not run it with a 403, the reason and the allowed actions', async () => {
      const { token } = get().center;
      const c = await register(token.clerk);
      const r = await api('POST', `/api/cases/${c.id}/transitions`, token.leader, { action: 'accept', version: c.version, triage: 'minor' });
      expect(r.status).to.equal(403);
      expect(r.body.error.code).to.equal('FORBIDDEN.ACTION');
      expect(r.body.error.details).to.include({ action: 'accept', reason: 'CASE.ROLE_NOT_ALLOWED' });
      expect(r.body.error.details.allowedActions).to.be.an('array').that.includes('openSupervision');
      expect((await api('GET', `/api/cases/${c.id}`, token.clerk)).body.version).to.equal(c.version);
    });

    it('answers an action the case’s status does not allow with a 409, not a 403', async () => {
      const { token } = get().center;
      const c = await register(token.clerk);
      const r = await api('POST', `/api/cases/${c.id}/transitions`, token.clerk, { action: 'archive', version: c.version });
      expect(r.status).to.equal(409);
      expect(r.body.error.code).to.equal('CONFLICT.INVALID_TRANSITION');
      expect(r.body.error.details).to.include({ action: 'archive', reason: 'CASE.WRONG_STATUS' });
      expect(r.body.error.details.allowedActions).to.include('accept');
    });

    it('masks ID numbers and phones, and reveals them only to roles that need them, recording who saw them', async () => {
      const { token, user, run } = { ...get().center, run: get().run };
      const c = await register(token.clerk);
      const masked = await api('GET', `/api/cases/${c.id}/parties`, token.leader);
      expect(JSON.stringify(masked.body)).not.to.include(ZHANG_ID);
      expect(masked.body[0].phoneMasked).to.match(/\*/);
      expect((await api('GET', `/api/cases/${c.id}/parties?reveal=1`, token.leader)).status).to.equal(403);
      const before = await run.tj.dataSource.getRepository(PiiAccess).countBy({ userId: user.clerk.id });
      const revealed = await api('GET', `/api/cases/${c.id}/parties?reveal=1`, token.clerk);
      expect(revealed.status).to.equal(200);
      expect(revealed.body.map((p: { idNumber: string }) => p.idNumber)).to.include.members([ZHANG_ID, LI_ID]);
      expect(revealed.headers.get('cache-control')).to.equal('no-store');
      expect(await run.tj.dataSource.getRepository(PiiAccess).countBy({ userId: user.clerk.id })).to.be.greaterThan(before);
      const person = await api('GET', `/api/persons/${ZHANG_ID}/cases`, token.clerk);
      expect(person.status).to.equal(200);
      expect(person.body.map((x: { id: number }) => x.id)).to.include(c.id);
      expect((await api('GET', `/api/persons/${ZHANG_ID}/cases`, token.westMediator)).body).to.deep.equal([]);
    });

    it('answers the dashboard figures in the caller’s scope', async () => {
      const { token } = get().center;
      const r = await api('GET', '/api/stats/dashboard', token.leader);
      expect(r.status).to.equal(200);
      expect(r.body).to.include.keys('red', 'yellow', 'openSupervisions', 'highRisk', 'myQueue', 'newByChannel');
      const total = r.body.newByChannel.reduce((s: number, x: { count: number }) => s + x.count, 0);
      expect(total).to.equal(Number((await api('GET', '/api/cases?range=[0,0]', token.leader)).headers.get('content-range')!.split('/')[1]));
      expect(r.body.newByChannel[0].week).to.match(/^\d{4}-\d{2}-\d{2}$/);
      const grid = await api('GET', '/api/stats/dashboard', token.grid);
      expect(grid.body.newByChannel.reduce((s: number, x: { count: number }) => s + x.count, 0)).to.equal(1);
    });
  });

  describe('bad input', () => {
    const snapshot = async () => {
      const ds = get().run.tj.dataSource;
      return { cases: await ds.getRepository(MediationCase).count(), events: await ds.getRepository(CaseEvent).count(), versions: (await ds.getRepository(MediationCase).find({ order: { id: 'ASC' } })).map((c) => `${c.id}:${c.version}:${c.title}:${c.status}`).join(',') };
    };

    it('answers 4xx for bad bodies on every write endpoint and changes nothing', async () => {
      const { token, org, user } = get().center;
      const c = await register(token.clerk);
      const long = (n: number) => '长'.repeat(n);
      const cases: Array<[string, string, string, unknown]> = [
        ['clerk', 'POST', '/api/cases', {}],
        ['clerk', 'POST', '/api/cases', { ...walkIn(org.eastVillage.id), title: long(201) }],
        ['clerk', 'POST', '/api/cases', { ...walkIn(org.eastVillage.id), amountFen: 'lots' }],
        ['clerk', 'POST', '/api/cases', { ...walkIn(org.eastVillage.id), status: 'closed' }],
        ['clerk', 'POST', '/api/cases', { ...walkIn(org.eastVillage.id), parties: [{ role: 'applicant', name: '王五', idNumber: '110105198001010010' }] }],
        ['clerk', 'POST', '/api/cases', { ...walkIn(org.eastVillage.id), category: "x' OR '1'='1" }],
        ['clerk', 'PUT', `/api/cases/${c.id}`, { title: '没有版本号' }],
        ['clerk', 'PUT', `/api/cases/${c.id}`, { version: c.version, status: 'closed' }],
        ['clerk', 'PUT', `/api/cases/${c.id}`, { version: c.version, caseNumber: 'X' }],
        ['clerk', 'PUT', `/api/cases/${c.id}`, { version: c.version, createdById: 1 }],
        ['clerk', 'PUT', `/api/cases/${c.id}`, { version: c.version, hacker: true }],
        ['clerk', 'PUT', `/api/cases/${c.id}`, { version: c.version, title: long(201) }],
        ['clerk', 'PUT', `/api/cases/${c.id}`, { version: c.version + 5, title: '过期的版本' }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { version: c.version }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'accept' }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'accept', version: 'one', triage: 'minor' }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'accept', version: c.version }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'accept', version: c.version, triage: 'huge' }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'accept', version: c.version, triage: 'minor', extra: 1 }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'settle', version: c.version, agreement: { ...agreement, terms: undefined } }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'drop_table', version: c.version }],
        ['clerk', 'POST', `/api/cases/${c.id}/transitions`, { action: 'reject', version: c.version, reason: long(501) }],
        ['admin', 'POST', '/api/users', { username: 'bad name!', displayName: 'x', password: 'short', roles: ['king'], organizationId: 'x' }],
        ['admin', 'PUT', `/api/users/${user.grid.id}`, { username: 'renamed' }],
        ['admin', 'PUT', `/api/users/${user.grid.id}`, { roles: ['king'] }],
        ['admin', 'POST', '/api/organizations', { name: long(101), type: 'village', parentId: org.east.id }],
        ['admin', 'POST', '/api/organizations', { name: '无效上级', type: 'village', parentId: 999999 }],
        ['admin', 'PUT', `/api/organizations/${org.east.id}`, { path: '/1/' }],
        ['admin', 'POST', '/api/sla-policies', { name: 'x', acceptDays: -1, mediateDays: 30, extensionDays: 30, followUpDays: 15 }],
        ['admin', 'POST', '/api/subsidy-policies', { name: 'x', complexity: 'simple', result: 'settled', amountFen: 1.5, validFrom: '2026-01-01' }],
        ['admin', 'POST', '/api/api-keys', { name: 'x', organizationId: org.courtDesk.id, channel: 'walk_in' }],
        ['admin', 'POST', '/api/adviser-assignments', { adviserId: user.clerk.id, villageId: org.eastVillage.id, startsOn: '2026-01-01', endsOn: '2026-12-31' }],
        ['lawyer', 'POST', '/api/consultations', { villageId: org.westVillage.id, personName: '赵六', category: 'labour', question: '欠薪怎么办', answer: '先协商' }],
        ['admin', 'POST', '/api/auth/login', { username: 'admin' }],
      ];
      const before = await snapshot();
      for (const [who, method, path, body] of cases) {
        const r = await api(method, path, token[who as keyof typeof token], body);
        expect(r.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).to.be.within(400, 499);
        expect(r.body.error.code).to.be.a('string');
      }
      expect(await snapshot()).to.deep.equal(before);
    });

    it('refuses unknown, malformed and injected sort, range and filter parameters with 400 naming the parameter', async () => {
      const { token } = get().center;
      const before = await snapshot();
      const bad: Array<[string, string]> = [
        ['sort', '["id; DROP TABLE cases","ASC"]'],
        ['sort', '["title","ASC"]'],
        ['sort', '["id","ASC; DELETE FROM cases"]'],
        ['sort', 'id'],
        ['range', '[0,"a"]'],
        ['range', '[5,1]'],
        ['range', '[0,100000]'],
        ['filter', '{"status":"x\' OR 1=1 --"}'],
        ['filter', '{"1=1 OR handling_org_path":"x"}'],
        ['filter', '{"organizationId":"1 OR 1=1"}'],
        ['filter', '[1,2]'],
        ['filter', '{not json'],
      ];
      for (const resource of ['cases', 'users', 'parties']) {
        for (const [param, value] of bad) {
          if (resource !== 'cases' && param === 'filter' && value.includes('organizationId')) continue;
          const r = await api('GET', `/api/${resource}?${param}=${encodeURIComponent(value)}`, token.admin);
          expect(r.status, `${resource} ${param}=${value}: ${JSON.stringify(r.body)}`).to.equal(400);
          expect(JSON.stringify(r.body.error), `${resource} ${param}=${value}`).to.include(param);
        }
      }
      const q = await api('GET', `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: "' OR '1'='1' --" }))}`, token.admin);
      expect(q.status).to.equal(200);
      expect(q.body).to.deep.equal([]);
      expect(await snapshot()).to.deep.equal(before);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of ten parallel transitions on one case succeed', async () => {
      const { token } = get().center;
      const c = await register(token.clerk);
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => api('POST', `/api/cases/${c.id}/transitions`, token.clerk, i % 2 ? { action: 'accept', version: c.version, triage: 'minor' } : { action: 'reject', version: c.version, reason: '不属于受理范围' })),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 200), JSON.stringify(replies.map((r) => r.body?.error?.code ?? r.status))).to.have.length(1);
      expect(statuses.filter((s) => s === 409)).to.have.length(9);
      const events = await get().run.tj.dataSource.getRepository(CaseEvent).countBy({ caseId: c.id });
      expect(events).to.equal(2); // register + the one winner
    });

    it('turns ten parallel intakes of one reference into one case', async () => {
      const { org } = get().center;
      const body = { ...walkIn(org.eastVillage.id), channel: undefined, sourceRef: `（2026）晋0105民诉前调${get().engine}99号` };
      const replies = await Promise.all(Array.from({ length: 10 }, () => api('POST', '/api/intake/court', undefined, body, { 'X-Api-Key': courtKey })));
      expect(replies.filter((r) => r.status === 201), JSON.stringify(replies.map((r) => r.status))).to.have.length(1);
      expect(replies.filter((r) => r.status === 200)).to.have.length(9);
      expect(new Set(replies.map((r) => r.body.id)).size).to.equal(1);
      expect(await get().run.tj.dataSource.getRepository(MediationCase).countBy({ sourceRef: body.sourceRef })).to.equal(1);
    });
  });
});
