import { expect } from 'chai';
import { call, forEachEngine, walkIn } from './support/harness';

interface Detail {
  field: string;
  type: string;
  message: string;
}

/** A Chinese message names its fields in Chinese: no English word outside the list of allowed values. */
const chineseOnly = (d: Detail) => expect(d.message.replace(/以下值之一：.*$/, '').replace(/ISO/g, ''), `${d.field}: ${d.message}`).not.to.match(/[A-Za-z]/);

forEachEngine('validation messages', (get) => {
  const api = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => call(get().run.base, method, path, { token, body, headers });
  const filter = (resource: string, f: unknown) => `/api/${resource}?filter=${encodeURIComponent(JSON.stringify(f))}`;

  describe('field names in Chinese messages', () => {
    it('names a case list filter in Chinese, and in English when asked', async () => {
      const { token } = get().center;
      const zh = await api('GET', filter('cases', { registeredFrom: 'yesterday' }), token.admin);
      expect(zh.status).to.equal(400);
      expect(zh.body.error.details).to.deep.equal([{ field: 'filter.registeredFrom', type: 'date.format', message: '登记时间起必须是 ISO 格式的日期时间' }]);
      const en = await api('GET', filter('cases', { registeredFrom: 'yesterday' }), token.admin, undefined, { 'Accept-Language': 'en' });
      expect(en.body.error.details[0].message).to.match(/^registeredFrom must be in ISO 8601 date format/);
    });

    it('names every filter of every list in Chinese', async () => {
      const { token } = get().center;
      const doc = (await api('GET', '/api/openapi.json')).body;
      let lists = 0;
      for (const [path, ops] of Object.entries<any>(doc.paths)) {
        const param = ops.get?.parameters?.find((p: { name: string }) => p.name === 'filter');
        if (!param) continue;
        lists++;
        const keys: string[] = [...new Set<string>(param.description.replace(/^.*keys: /, '').split(', '))];
        const r = await api('GET', `${path}?filter=${encodeURIComponent(JSON.stringify(Object.fromEntries(keys.map((k) => [k, { bad: 1 }]))))}`, token.admin);
        expect(r.status, `${path} ${JSON.stringify(r.body)}`).to.equal(400);
        expect([...new Set(r.body.error.details.map((d: Detail) => d.field))].sort(), path).to.deep.equal(keys.map((k) => `filter.${k}`).sort());
        r.body.error.details.forEach(chineseOnly);
      }
      expect(lists).to.be.greaterThan(10);
      const role = await api('GET', filter('users', { role: 'king' }), token.admin);
      expect(role.body.error.details[0].message).to.match(/^角色必须是以下值之一：/);
    });

    it('names the query parameters and sort fields in Chinese', async () => {
      const { token } = get().center;
      for (const query of ['sort=%5B%22title%22%2C%22ASC%22%5D', 'range=%5B5%2C1%5D', 'filter=%5B1%5D', 'sort=nope']) {
        const r = await api('GET', `/api/cases?${query}`, token.admin);
        expect(r.status, query).to.equal(400);
        expect(r.body.error.message, query).to.match(/^查询参数“(排序|分页范围|筛选条件)”有误：/);
        expect(r.body.error.message.replace(/ASC|DESC|JSON/g, ''), query).not.to.match(/[A-Za-z]/);
        r.body.error.details.forEach((d: Detail) => expect(d.message.replace(/ASC|DESC|JSON/g, '')).not.to.match(/[A-Za-z]/));
      }
      const en = await api('GET', '/api/cases?sort=%5B%22title%22%2C%22ASC%22%5D', token.admin, undefined, { 'Accept-Language': 'en' });
      expect(en.body.error.details[0].message).to.equal('cannot sort on title');
    });

    it('names every field of every create and update body in Chinese, and the fields that cannot be changed', async () => {
      const { token, org, user } = get().center;
      const doc = (await api('GET', '/api/openapi.json')).body;
      const sla = await api('POST', '/api/sla-policies', token.admin, { name: '物业', acceptDays: 2, mediateDays: 20, extensionDays: 10, followUpDays: 7 });
      const subsidy = await api('POST', '/api/subsidy-policies', token.admin, { name: '简易', complexity: 'simple', result: 'settled', amountFen: 10000, validFrom: '2026-01-01' });
      const assignment = await api('POST', '/api/adviser-assignments', token.admin, { adviserId: user.lawyer.id, villageId: org.eastVillage.id, startsOn: '2026-01-01', endsOn: '2099-12-31' });
      const c = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
      for (const r of [sla, subsidy, assignment, c]) expect(r.status, JSON.stringify(r.body)).to.equal(201);
      const records: Record<string, number> = { organizations: org.east.id, users: user.grid.id, 'sla-policies': sla.body.id, 'subsidy-policies': subsidy.body.id, 'adviser-assignments': assignment.body.id, cases: c.body.id };
      const ignored = ['version', 'organizationName', 'light', 'handlingOrgName', 'registeringOrgName', 'placeOrgName', 'mediatorName', 'adviserName', 'sourceOrgName'];
      for (const [resource, id] of Object.entries(records)) {
        const properties = Object.keys(doc.paths[`/api/${resource}/{id}`].put.requestBody.content['application/json'].schema.properties).filter((k) => k !== 'version');
        const current = (await api('GET', `/api/${resource}/${id}`, token.admin)).body;
        const bad = await api('PUT', `/api/${resource}/${id}`, token.admin, { version: current.version, ...Object.fromEntries(properties.map((k) => [k, { bad: 1 }])) });
        expect(bad.status, resource).to.equal(400);
        expect([...new Set(bad.body.error.details.map((d: Detail) => d.field))].sort(), resource).to.deep.equal([...properties].sort());
        bad.body.error.details.forEach(chineseOnly);
        const fixed = Object.keys(current).filter((k) => !properties.includes(k) && !ignored.includes(k));
        const readOnly = await api('PUT', `/api/${resource}/${id}`, token.admin, { ...current, ...(resource === 'cases' ? { title: '改过的案件标题' } : {}), ...Object.fromEntries(fixed.map((k) => [k, { changed: true }])) });
        expect(readOnly.status, resource).to.equal(400);
        expect(readOnly.body.error.details.map((d: Detail) => d.field).sort(), resource).to.deep.equal(fixed.sort());
        readOnly.body.error.details.forEach(chineseOnly);
      }
      for (const resource of ['sla-policies', 'subsidy-policies', 'adviser-assignments', 'consultations', 'users', 'organizations', 'api-keys']) {
        const properties = Object.keys(doc.paths[`/api/${resource}`].post.requestBody.content['application/json'].schema.properties);
        const who = resource === 'consultations' ? token.lawyer : token.admin;
        for (const body of [{}, Object.fromEntries(properties.map((k) => [k, { bad: 1 }]))]) {
          const r = await api('POST', `/api/${resource}`, who, body);
          expect(r.status, `${resource} ${JSON.stringify(r.body)}`).to.equal(400);
          r.body.error.details.forEach(chineseOnly);
        }
      }
      const login = await api('POST', '/api/auth/login', undefined, {});
      expect(login.body.error.details.map((d: Detail) => d.message)).to.deep.equal(['用户名不能为空', '密码不能为空']);
      const reveal = await api('GET', `/api/cases/${c.body.id}/parties?reveal=maybe`, token.clerk);
      expect(reveal.body.error.details[0].message).to.equal('显示完整信息必须是布尔值');
      const transition = await api('POST', `/api/cases/${c.body.id}/transitions`, token.clerk, { action: 'nope', version: { bad: 1 } });
      expect(transition.status).to.equal(400);
      transition.body.error.details.forEach(chineseOnly);
      // `lapse` is the system's (the sweep fails overdue cases): nobody may ask for it.
      const lapse = await api('POST', `/api/cases/${c.body.id}/transitions`, token.admin, { action: 'lapse', version: c.body.version });
      expect(lapse.status).to.equal(400);
      expect(lapse.body.error.details.map((d: Detail) => d.field)).to.deep.equal(['action']);
    });
  });

  describe('a PUT that changes nothing', () => {
    it('answers only the read-only field, and takes the record sent back unchanged as no change', async () => {
      const { token, org } = get().center;
      const c = (await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id))).body;
      const status = await api('PUT', `/api/cases/${c.id}`, token.clerk, { version: c.version, status: 'closed' });
      expect(status.status).to.equal(400);
      expect(status.body.error.details).to.deep.equal([{ field: 'status', type: 'read_only', message: '状态不能修改' }]);
      const both = await api('PUT', `/api/cases/${c.id}`, token.clerk, { version: c.version, status: 'closed', title: 'x'.repeat(201) });
      expect(both.body.error.details.map((d: Detail) => d.field).sort()).to.deep.equal(['status', 'title']);
      // Sending the record back as it is changes nothing and writes no history.
      const nothing = await api('PUT', `/api/cases/${c.id}`, token.clerk, { ...c });
      expect(nothing.status).to.equal(200);
      expect(nothing.body).to.include({ version: c.version, status: 'registered' });
      const events = await api('GET', `/api/case-events?filter=${encodeURIComponent(JSON.stringify({ caseId: c.id }))}`, token.clerk);
      expect(events.body).to.have.length(1);
    });
  });

  describe('the version of a PUT', () => {
    it('must be a positive integer on every resource and on cases: anything else is a 400 naming version, not a 409', async () => {
      const { token, org, user } = get().center;
      const sla = await api('POST', '/api/sla-policies', token.admin, { name: '版本号', acceptDays: 2, mediateDays: 20, extensionDays: 10, followUpDays: 7 });
      const c = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
      const targets: Array<[string, Record<string, unknown>]> = [
        [`/api/organizations/${org.west.id}`, { name: '西河乡（改）' }],
        [`/api/users/${user.westClerk.id}`, { displayName: '窗口小孙（改）' }],
        [`/api/sla-policies/${sla.body.id}`, { mediateDays: 25 }],
        [`/api/cases/${c.body.id}`, { title: '改过的案件标题' }],
      ];
      for (const [path, change] of targets) {
        const before = (await api('GET', path, token.admin)).body;
        for (const version of [String(before.version), 0, -1, 1.5, null, true, [before.version], { v: 1 }]) {
          const r = await api('PUT', path, token.admin, { ...before, ...change, version });
          expect(r.status, `${path} version=${JSON.stringify(version)}: ${JSON.stringify(r.body)}`).to.equal(400);
          expect(r.body.error.code).to.equal('VALIDATION');
          expect(r.body.error.details.map((d: Detail) => d.field)).to.deep.equal(['version']);
          expect(r.body.error.details[0].message).to.match(/^版本号/);
        }
        expect((await api('GET', path, token.admin)).body).to.deep.equal(before);
        const ok = await api('PUT', path, token.admin, { ...before, ...change });
        expect(ok.status, `${path}: ${JSON.stringify(ok.body)}`).to.equal(200);
        expect(ok.body.version).to.equal(before.version + 1);
      }
      const t = await api('POST', `/api/cases/${c.body.id}/transitions`, token.clerk, { action: 'accept', version: '2', triage: 'minor' });
      expect(t.status).to.equal(400);
      expect(t.body.error.details.map((d: Detail) => d.field)).to.deep.equal(['version']);
    });
  });

  describe('empty lists in a case filter', () => {
    it('refuses an empty list with a 400 naming the filter, never a 500', async () => {
      const { token } = get().center;
      for (const key of ['light', 'status', 'channel', 'category', 'triage', 'risk', 'id']) {
        const r = await api('GET', filter('cases', { [key]: [] }), token.admin);
        expect(r.status, `${key}: ${JSON.stringify(r.body)}`).to.equal(400);
        expect(r.body.error.code).to.equal('VALIDATION');
        expect(r.body.error.details.map((d: Detail) => d.field), key).to.deep.equal([`filter.${key}`]);
        r.body.error.details.forEach(chineseOnly);
      }
      const light = await api('GET', filter('cases', { light: [] }), token.admin);
      expect(light.body.error.details[0].message).to.match(/^亮灯/);
      // Other lists answer an empty list as no rows.
      const parties = await api('GET', filter('parties', { caseId: [] }), token.admin);
      expect(parties.status).to.equal(200);
      expect(parties.body).to.deep.equal([]);
    });
  });
});
