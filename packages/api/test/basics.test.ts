import { expect } from 'chai';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCenter, call, PASSWORD, sqliteDb, startApp, walkIn, type Center, type Running, type TestDb } from './support/harness';

describe('the HTTP surface (SQLite)', function () {
  let db: TestDb;
  let run: Running;
  let center: Center;
  let staticDir: string;

  before(async () => {
    db = await sqliteDb();
    staticDir = mkdtempSync(join(tmpdir(), 'tiaojie-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>admin</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    run = await startApp(db.url, { staticDir, bodyLimit: '20kb', loginAttempts: { points: 3, durationSeconds: 60 }, corsOrigins: ['http://admin.example'] });
    center = await buildCenter(run);
  });
  after(async () => {
    await run.close();
    await db.drop();
    rmSync(staticDir, { recursive: true, force: true });
  });

  describe('GET /api/health', () => {
    it('answers ok with the database engine, without a token', async () => {
      const r = await call(run.base, 'GET', '/api/health');
      expect(r.status).to.equal(200);
      expect(r.body).to.include({ status: 'ok', database: 'ok', engine: 'sqlite' });
    });
  });

  describe('authentication', () => {
    it('signs in with a user name and password and answers a token and the user', async () => {
      const r = await call(run.base, 'POST', '/api/auth/login', { body: { username: 'med_east', password: PASSWORD } });
      expect(r.status).to.equal(200);
      expect(r.body.token).to.be.a('string');
      expect(r.body.user).to.include({ username: 'med_east', displayName: '李调解' });
      expect(r.body.user).not.to.have.property('passwordHash');
      const me = await call(run.base, 'GET', '/api/auth/me', { token: r.body.token });
      expect(me.status).to.equal(200);
      expect(me.body).to.include({ username: 'med_east', organizationName: '东关镇' });
    });

    it('refuses every protected endpoint without a valid token (401, JSON error)', async () => {
      for (const path of ['/api/cases', '/api/users', '/api/auth/me', '/api/stats/dashboard', '/api/organizations/1']) {
        const r = await call(run.base, 'GET', path);
        expect(r.status, path).to.equal(401);
        expect(r.body.error.code).to.equal('UNAUTHENTICATED');
      }
      const forged = await call(run.base, 'GET', '/api/cases', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' });
      expect(forged.status).to.equal(401);
    });

    it('answers 401 in Chinese for a wrong password and in English when asked', async () => {
      const zh = await call(run.base, 'POST', '/api/auth/login', { body: { username: 'leader', password: 'wrong password' } });
      expect(zh.status).to.equal(401);
      expect(zh.body.error.message).to.equal('用户名或密码错误');
      const en = await call(run.base, 'POST', '/api/auth/login', { body: { username: 'leader', password: 'wrong password' }, headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
      expect(en.body.error.message).to.equal('Wrong user name or password');
    });

    it('limits failed sign-ins per user name and address with 429, even with the right password', async () => {
      for (let i = 0; i < 3; i++) {
        const r = await call(run.base, 'POST', '/api/auth/login', { body: { username: 'clerk_west', password: 'nope nope nope' } });
        expect(r.status).to.be.oneOf([401, 429]);
      }
      const blocked = await call(run.base, 'POST', '/api/auth/login', { body: { username: 'clerk_west', password: PASSWORD } });
      expect(blocked.status).to.equal(429);
      expect(blocked.body.error.code).to.equal('RATE_LIMITED');
      expect(blocked.headers.get('retry-after')).to.match(/^\d+$/);
      // Another user from the same address is not blocked.
      const other = await call(run.base, 'POST', '/api/auth/login', { body: { username: 'grid', password: PASSWORD } });
      expect(other.status).to.equal(200);
    });
  });

  describe('errors', () => {
    it('answers invalid input with 400 and one entry per field, in Chinese by default', async () => {
      const r = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, body: { channel: 'walk_in', title: 1, bogus: true } });
      expect(r.status).to.equal(400);
      expect(r.body.error.code).to.equal('VALIDATION');
      const fields = r.body.error.details.map((d: { field: string }) => d.field);
      expect(fields).to.include.members(['category', 'title', 'description', 'parties', 'bogus']);
      expect(r.body.error.details.find((d: { field: string }) => d.field === 'category').message).to.match(/[\u4e00-\u9fff]/);
    });

    it('answers in English with Accept-Language: en', async () => {
      const r = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, body: { channel: 'walk_in' }, headers: { 'Accept-Language': 'en' } });
      expect(r.status).to.equal(400);
      const category = r.body.error.details.find((d: { field: string }) => d.field === 'category');
      expect(category.message).to.match(/required/);
      expect(category.message).not.to.match(/[\u4e00-\u9fff]/);
    });

    it('answers malformed JSON with 400, not 500', async () => {
      const r = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, raw: '{"channel": ' });
      expect(r.status).to.equal(400);
      expect(r.body.error.code).to.equal('VALIDATION');
    });

    it('answers an oversized body with 413', async () => {
      const r = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, body: walkIn(center.org.eastVillage.id, { description: 'x'.repeat(30_000) }) });
      expect(r.status).to.equal(413);
      expect(r.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
    });

    it('answers an unknown API route with a JSON 404 and an unsupported method with 405', async () => {
      const r = await call(run.base, 'GET', '/api/nothing-here', { token: center.token.admin });
      expect(r.status).to.equal(404);
      expect(r.body.error.code).to.equal('NOT_FOUND');
      const m = await call(run.base, 'PATCH', '/api/cases/1', { token: center.token.admin, body: {} });
      expect(m.status).to.equal(405);
      expect(m.body.error.code).to.equal('METHOD_NOT_ALLOWED');
    });

    it('never deletes a case: 405 with the reason', async () => {
      const c = await call(run.base, 'POST', '/api/cases', { token: center.token.clerk, body: walkIn(center.org.eastVillage.id) });
      expect(c.status).to.equal(201);
      const r = await call(run.base, 'DELETE', `/api/cases/${c.body.id}`, { token: center.token.admin });
      expect(r.status).to.equal(405);
      expect(r.body.error.message).to.match(/撤回|归档/);
      expect((await call(run.base, 'GET', `/api/cases/${c.body.id}`, { token: center.token.admin })).status).to.equal(200);
    });
  });

  describe('headers', () => {
    it('sets security headers and a request id (echoing a sane incoming one)', async () => {
      const r = await call(run.base, 'GET', '/api/health', { headers: { 'X-Request-Id': 'abc-123' } });
      expect(r.headers.get('x-request-id')).to.equal('abc-123');
      expect(r.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(r.headers.get('content-security-policy')).to.contain("script-src 'self'").and.not.contain('upgrade-insecure-requests');
      const fresh = await call(run.base, 'GET', '/api/health', { headers: { 'X-Request-Id': 'bad id with spaces' } });
      expect(fresh.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    });

    it('allows the configured CORS origin only, exposing Content-Range', async () => {
      const ok = await call(run.base, 'GET', '/api/cases', { token: center.token.admin, headers: { Origin: 'http://admin.example' } });
      expect(ok.headers.get('access-control-allow-origin')).to.equal('http://admin.example');
      expect(ok.headers.get('access-control-expose-headers')).to.match(/Content-Range/);
      const other = await call(run.base, 'GET', '/api/cases', { token: center.token.admin, headers: { Origin: 'http://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });

  describe('the OpenAPI document and its viewer', () => {
    it('serves OpenAPI 3 generated from the validating schemas', async () => {
      const r = await call(run.base, 'GET', '/api/openapi.json');
      expect(r.status).to.equal(200);
      expect(r.body.openapi).to.match(/^3\./);
      const register = r.body.paths['/api/cases'].post.requestBody.content['application/json'].schema;
      expect(register.required).to.include.members(['channel', 'category', 'title', 'description', 'parties']);
      expect(register.properties.title.maxLength).to.equal(200);
      expect(r.body.paths['/api/cases/{id}/transitions'].post.requestBody.content['application/json'].schema.anyOf.length).to.be.greaterThan(20);
      expect(r.body.paths['/api/intake/{channel}'].post.security).to.deep.equal([{ apiKey: [] }]);
    });

    it('renders the document as HTML without any external resource', async () => {
      const res = await fetch(`${run.base}/api/docs`);
      const html = await res.text();
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/text\/html/);
      expect(html).to.include('/api/cases/{id}/transitions');
      expect(html).not.to.match(/https?:\/\/(?!localhost)[a-z]/i);
    });
  });

  describe('the admin app at /', () => {
    it('serves the static files and falls back to index.html for client routes', async () => {
      const asset = await fetch(`${run.base}/assets/app.js`);
      expect(asset.status).to.equal(200);
      expect(await asset.text()).to.equal('console.log(1)');
      const deep = await fetch(`${run.base}/cases/42/show`);
      expect(deep.status).to.equal(200);
      expect(await deep.text()).to.include('<title>admin</title>');
      const api = await call(run.base, 'GET', '/api/not-a-route');
      expect(api.status).to.equal(404);
      expect(api.body.error.code).to.equal('NOT_FOUND');
    });
  });
});
