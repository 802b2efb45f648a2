import { expect } from 'chai';
import { User } from '@tiaojie/core';
import { shape } from '../src/errors';
import { call, forEachEngine, PASSWORD } from './support/harness';

/** Nothing of the database's own words reaches the client. */
const noSql = (body: unknown) => expect(JSON.stringify(body)).not.to.match(/INSERT|UPDATE|SELECT|constraint|Duplicate entry|ER_DUP|SQLITE|users|organizations/i);

forEachEngine('duplicates refused by a unique index', (get) => {
  const api = (method: string, path: string, token?: string, body?: unknown) => call(get().run.base, method, path, { token, body });

  it('maps the driver’s unique violation to 409 CONFLICT.DUPLICATE in both languages, without its SQL', async () => {
    const repo = get().run.tj.dataSource.getRepository(User);
    const admin = await repo.createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :n', { n: 'admin' }).getOneOrFail();
    const { id: _id, ...copy } = admin;
    const err = await repo.insert(copy).then(
      () => expect.fail('the unique index let a second admin in'),
      (e: unknown) => e,
    );
    expect(shape(err, 'zh')).to.deep.equal({ status: 409, code: 'CONFLICT.DUPLICATE', message: '与已有记录重复' });
    expect(shape(err, 'en')).to.deep.equal({ status: 409, code: 'CONFLICT.DUPLICATE', message: 'This conflicts with an existing record' });
  });

  it('answers one of three simultaneous sign-ups of one user name 201 and the others 409, never 500', async () => {
    const { token, org } = get().center;
    for (let round = 0; round < 3; round++) {
      const body = { username: `twin_${round}`, displayName: '同名', password: PASSWORD, roles: ['mediator'], organizationId: org.east.id };
      const replies = await Promise.all([1, 2, 3].map(() => api('POST', '/api/users', token.admin, body)));
      expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.body))).to.deep.equal([201, 409, 409]);
      for (const r of replies.filter((x) => x.status === 409)) {
        expect(r.body.error.code).to.equal('CONFLICT.DUPLICATE');
        noSql(r.body);
      }
    }
  });

  it('refuses a case-number prefix another organization uses: 409 naming it, and 409 (not 500) when two organizations take one at once', async () => {
    const { token, org } = get().center;
    const west = (await api('GET', `/api/organizations/${org.west.id}`, token.admin)).body;
    const taken = await api('PUT', `/api/organizations/${org.west.id}`, token.admin, { ...west, caseNumberPrefix: '平东' });
    expect(taken.status).to.equal(409);
    expect(taken.body.error).to.deep.equal({ code: 'CONFLICT.DUPLICATE', message: '案号前缀已被其他组织使用', details: { field: 'caseNumberPrefix' } });
    for (let round = 0; round < 3; round++) {
      const orgs = await Promise.all([org.eastVillage.id, org.westVillage.id].map(async (id) => (await api('GET', `/api/organizations/${id}`, token.admin)).body));
      const replies = await Promise.all(orgs.map((o) => api('PUT', `/api/organizations/${o.id}`, token.admin, { ...o, caseNumberPrefix: `同前缀${round}` })));
      expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.body))).to.deep.equal([200, 409]);
      noSql(replies.find((r) => r.status === 409)!.body);
    }
  });
});
