import { expect } from 'chai';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { call, mysqlDb, requireMysql, startApp, PASSWORD, type Running, type TestDb } from './support/harness';

/** A TCP proxy on loopback in front of MariaDB that the test can cut and restore. */
class Proxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly targetPort: number) {}
  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((ok, fail) => this.server!.once('error', fail).listen(this.port, '127.0.0.1', ok));
    this.port = (this.server.address() as { port: number }).port;
  }
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise((ok) => (this.server ? this.server.close(ok) : ok(undefined)));
    this.server = null;
  }
}

async function eventually<T>(fn: () => Promise<T>, ok: (t: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const t = await fn();
    if (ok(t) || Date.now() > until) return t;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('while MariaDB is unreachable [mysql]', function () {
  let db: TestDb;
  let proxy: Proxy;
  let run: Running;
  let token: string;

  before(async function () {
    await requireMysql(this);
    db = await mysqlDb();
    proxy = new Proxy(3306);
    await proxy.start();
    run = await startApp(`mysql://root@127.0.0.1:${proxy.port}/${db.name}`);
    const county = await run.tj.organizations.create({ name: '县中心', type: 'county', caseNumberPrefix: '县' });
    await run.tj.users.create({ username: 'admin', displayName: '管理员', password: PASSWORD, roles: ['admin'], organizationId: county.id });
    token = (await call(run.base, 'POST', '/api/auth/login', { body: { username: 'admin', password: PASSWORD } })).body.token;
  });
  after(async () => {
    await run?.close();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers 503 with a JSON error, then recovers by itself when the database returns', async () => {
    expect((await call(run.base, 'GET', '/api/health')).status).to.equal(200);
    await proxy.stop();

    for (const [method, path, body, auth] of [
      ['GET', '/api/health', undefined, false],
      ['GET', '/api/cases', undefined, true],
      ['POST', '/api/auth/login', { username: 'admin', password: PASSWORD }, false],
    ] as const) {
      const r = await eventually(() => call(run.base, method, path, { body, token: auth ? token : undefined }), (x) => x.status === 503, 10_000);
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).to.equal(503);
      expect(r.body.error.code).to.equal('UNAVAILABLE');
      expect(r.headers.get('retry-after')).to.match(/^\d+$/);
      expect(JSON.stringify(r.body)).not.to.match(/ECONNREFUSED|at .*\.js/);
    }
    const en = await call(run.base, 'GET', '/api/cases', { token, headers: { 'Accept-Language': 'en' } });
    expect(en.body.error.message).to.match(/unavailable/i);

    await proxy.start();
    const health = await eventually(() => call(run.base, 'GET', '/api/health'), (x) => x.status === 200);
    expect(health.status).to.equal(200);
    const list = await call(run.base, 'GET', '/api/cases', { token });
    expect(list.status).to.equal(200);
  });
});
