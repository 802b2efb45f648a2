/**
 * Several API processes on one MariaDB: three children of the real server entry (dist/main.js)
 * under a bounded load of commands, with a webhook receiver on loopback. Every event is
 * delivered exactly once and in order per case, every light reminder is raised once, and a
 * dispatcher killed with SIGKILL mid-delivery is replaced by another after its lease.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { LightReminder, MediationCase, User, Notification, openTiaojie, type Tiaojie, verifyWebhookSignature, WebhookDelivery } from '@tiaojie/core';
import { inOrderPerCase, mysqlAvailable, testDatabase, WebhookReceiver, type TestDatabase } from '@tiaojie/core/testing';
import { call, DATA_KEY, JWT_SECRET } from './support/harness';

const MAIN = join(__dirname, '../dist/main.js');
const PASSWORD = 'several processes pw';
const SECRET = 'processes-secret-0123456789';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

const until = async (what: string, cond: () => Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

interface Proc {
  child: ChildProcess;
  base: string;
}

async function startProcess(url: string): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET,
      TIAOJIE_DATA_KEY: DATA_KEY,
      TIAOJIE_ADMIN_PASSWORD: PASSWORD,
      TIAOJIE_DEMO: '',
      TIAOJIE_ADMIN_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
      WEBHOOK_TIMEOUT_MS: '1500',
      WEBHOOK_LEASE_MS: '2500',
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_INTERVAL_MS: '100',
      LIGHT_SWEEP_INTERVAL_MS: '150',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  await until(
    'a process to answer /api/health',
    async () => {
      if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
      return (await fetch(`${base}/api/health`).catch(() => null))?.status === 200;
    },
    20_000,
  );
  return { child, base };
}

describe('three API processes on one MariaDB', function () {
  this.timeout(90_000);
  let db: TestDatabase;
  let tj: Tiaojie;
  const procs: Proc[] = [];
  const receiver = new WebhookReceiver();
  let token = '';
  let apiKey = '';
  let mediatorId = 0;
  let subscriptionId = 0;
  let refs = 0;

  before(async function () {
    if (!(await mysqlAvailable())) this.skip();
    db = await testDatabase('mysql', 'tiaojie_procs');
    await receiver.listen();
    // The first process migrates and creates the admin; the others start on the migrated database.
    procs.push(await startProcess(db.url));
    procs.push(...(await Promise.all([startProcess(db.url), startProcess(db.url)])));
    tj = await openTiaojie({ url: db.url, dataKey: DATA_KEY });
    token = (await call(procs[0].base, 'POST', '/api/auth/login', { body: { username: 'admin', password: PASSWORD } })).body.token;
    const admin = await tj.actorFor((await tj.dataSource.getRepository(User).findOneByOrFail({ username: 'admin' })).id);
    const root = await tj.organizations.root();
    const desk = await tj.organizations.create({ name: '县人民法院诉调对接工作室', type: 'channel', parentId: root!.id, channel: 'court' });
    mediatorId = (await tj.users.create({ username: 'med', displayName: '调解员', password: PASSWORD, roles: ['mediator'], organizationId: root!.id })).id;
    apiKey = (await tj.apiKeys.issue(admin, { name: '法院系统', organizationId: desk.id, channel: 'court' })).key;
    subscriptionId = (await tj.webhooks.create(admin, { name: '法院系统', organizationId: desk.id, url: receiver.url, secret: SECRET })).id;
  });

  after(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await tj?.close();
    await receiver.close();
    await db?.drop();
  });

  /** Push a case in, accept it and assign it, each request to another process: three events. */
  const oneCase = async (i: number) => {
    const at = (k: number) => procs.filter((p) => p.child.exitCode === null)[(i + k) % procs.filter((p) => p.child.exitCode === null).length].base;
    const body = { category: 'contract', title: `买卖合同纠纷${i}`, description: '双方因货款支付发生争议', sourceRef: `（2026）晋0105民诉前调${++refs}号`, parties: [{ role: 'applicant', kind: 'person', name: '王五' }, { role: 'respondent', kind: 'organization', name: '某商贸有限公司' }] };
    const r = await call(at(0), 'POST', '/api/intake/court', { body, headers: { 'X-Api-Key': apiKey } });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const id = r.body.id as number;
    const c1 = await call(at(1), 'POST', `/api/cases/${id}/transitions`, { token, body: { action: 'accept', triage: 'minor', version: 1 } });
    expect(c1.status, JSON.stringify(c1.body)).to.equal(200);
    const c2 = await call(at(2), 'POST', `/api/cases/${id}/transitions`, { token, body: { action: 'assign', mediatorId, version: c1.body.version } });
    expect(c2.status, JSON.stringify(c2.body)).to.equal(200);
    return id;
  };

  const bounded = async <T>(n: number, width: number, fn: (i: number) => Promise<T>) => {
    const out: T[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }));
    return out;
  };

  it('delivers every webhook exactly once, in order per case, and raises every light reminder once', async () => {
    const ids = await bounded(30, 6, oneCase);
    await until('every delivery to be delivered', async () => (await tj.dataSource.getRepository(WebhookDelivery).countBy({ subscriptionId, state: 'delivered' })) === 90);
    const got = receiver.received.filter((r) => ids.includes(r.json.case.id));
    expect(got).to.have.length(90);
    expect(new Set(got.map((r) => r.delivery)).size).to.equal(90);
    expect(inOrderPerCase(got)).to.equal(true);
    for (const r of got) expect(verifyWebhookSignature(SECRET, r.signature, r.body)).to.equal(true);
    const owners = await tj.dataSource.query('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE lease_owner IS NOT NULL');
    expect(Number(owners[0].n)).to.equal(0);

    // Lights: move ten cases' clocks into the past (yellow for five, red for five); three sweepers run.
    const repo = tj.dataSource.getRepository(MediationCase);
    const now = Date.now();
    for (const [k, id] of ids.slice(0, 10).entries()) {
      await repo.update({ id }, k < 5 ? { yellowAt: new Date(now - 60_000), deadlineAt: new Date(now + 86_400_000) } : { yellowAt: new Date(now - 120_000), deadlineAt: new Date(now - 60_000) });
    }
    await until('ten reminders', async () => (await tj.dataSource.getRepository(LightReminder).count()) === 10);
    await new Promise((r) => setTimeout(r, 600)); // several more sweeps in every process
    expect(await tj.dataSource.getRepository(LightReminder).count()).to.equal(10);
    const bells = await tj.dataSource.getRepository(Notification).find({ where: { userId: mediatorId } });
    expect(bells.filter((n) => n.kind === 'light_yellow')).to.have.length(5);
    expect(bells.filter((n) => n.kind === 'light_red')).to.have.length(5);
  });

  it('redelivers after the lease when the process delivering is killed with SIGKILL', async () => {
    receiver.received.length = 0;
    let victim: number | null = null;
    // The receiver takes its time with the first case's first event; meanwhile its sender dies.
    receiver.behave = (r, nth) => (victim === null && nth === 1 ? ((victim = r.json.case.id), { status: 200, delayMs: 1200 }) : { status: 200 });
    const id = await oneCase(0);
    await until('the slow delivery to start', async () => victim !== null, 10_000);
    const [held] = await tj.dataSource.getRepository(WebhookDelivery).findBy({ caseId: id, seq: 1 });
    const pid = Number(held.leaseOwner!.split(':')[1]);
    const proc = procs.find((p) => p.child.pid === pid)!;
    expect(proc, `lease owner ${held.leaseOwner}`).to.not.equal(undefined);
    proc.child.kill('SIGKILL');
    await until('the case’s events to be delivered by the others', async () => (await tj.dataSource.getRepository(WebhookDelivery).countBy({ caseId: id, state: 'delivered' })) === 3);
    const got = receiver.received.filter((r) => r.json.case.id === id);
    // The first event reached the receiver twice under one delivery id (it drops the copy); the rest once, in order.
    expect(got.filter((r) => r.json.sequence === 1).map((r) => r.delivery)).to.deep.equal([String(held.id), String(held.id)]);
    expect(receiver.accepted().filter((r) => r.json.case.id === id).map((r) => r.json.sequence)).to.deep.equal([1, 2, 3]);
    const after = await tj.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: held.id });
    expect(after.leaseOwner).to.equal(null);
    expect(Number(after.attempts)).to.be.greaterThan(0);
  });
});
