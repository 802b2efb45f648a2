/**
 * kill -9 of the API during a write load (issue 12, "Faults"): the real server entry
 * (dist/main.js) as a child process on a loopback port, concurrent registrations and
 * transitions, SIGKILL while requests are in flight, a restart on the same database. Every write
 * the server acknowledged (2xx) is there, every case's history is complete and its sealed chain
 * verifies, and no case is half-written (a row without its parties, its events or its head).
 * Bounded: a fixed number of writers and a kill after a fixed number of acknowledgements.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { openTiaojie, verifyEveryHistory } from '@tiaojie/core';
import { mysqlAvailable, TEST_ENGINES, testDatabase, type TestDatabase } from '@tiaojie/core/testing';
import { call, DATA_KEY, JWT_SECRET, PASSWORD } from './support/harness';

const MAIN = join(__dirname, '../dist/main.js');
const WRITERS = 8;
/** Kill after this many acknowledged writes (registrations and transitions together). */
const KILL_AFTER = 60;

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

interface Proc {
  child: ChildProcess;
  base: string;
  exited: Promise<unknown>;
}

async function startServer(url: string): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET,
      TIAOJIE_DATA_KEY: DATA_KEY,
      TIAOJIE_DEMO: '',
      TIAOJIE_ADMIN_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((ok) => child.once('exit', ok));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
    if ((await fetch(`${base}/api/health`).catch(() => null))?.status === 200) break;
    if (Date.now() > end) throw new Error(`the server did not answer /api/health: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base, exited };
}

/** One acknowledged write: the case, the version the answer carried and the action. */
interface Ack {
  caseId: number;
  version: number;
  action: string;
}

for (const engine of TEST_ENGINES) {
  describe(`kill -9 of the API during a write load [${engine}]`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let proc: Proc | undefined;
    let mediatorId = 0;
    let placeOrgId = 0;

    before(async function () {
      if (engine === 'mysql' && !(await mysqlAvailable())) this.skip();
      db = await testDatabase(engine, 'tiaojie_crash');
      // The center is made through core before the server starts (it then finds users and creates no admin).
      const tj = await openTiaojie({ url: db.url, dataKey: DATA_KEY });
      try {
        const county = await tj.organizations.create({ name: '平安县矛盾纠纷调处化解中心', type: 'county', caseNumberPrefix: '平安' });
        const village = await tj.organizations.create({ name: '东关村', type: 'village', parentId: county.id });
        placeOrgId = village.id;
        const mk = (username: string, roles: string[]) => tj.users.create({ username, displayName: username, password: PASSWORD, roles, organizationId: county.id });
        await mk('admin', ['admin']);
        await mk('clerk', ['clerk']);
        mediatorId = (await mk('med', ['mediator'])).id;
      } finally {
        await tj.close();
      }
    });

    after(async () => {
      if (proc && proc.child.exitCode === null && !proc.child.signalCode) {
        proc.child.kill('SIGKILL');
        await proc.exited;
      }
      await db?.drop();
    });

    it('keeps every acknowledged write, whole, with a verifying history', async () => {
      proc = await startServer(db.url);
      const login = async (username: string) => (await call(proc!.base, 'POST', '/api/auth/login', { body: { username, password: PASSWORD } })).body.token as string;
      const clerk = await login('clerk');
      const admin = await login('admin');

      const acks: Ack[] = [];
      let inFlight = 0;
      let inFlightAtKill = -1;
      let killed = false;
      const victim = proc;
      const kill = () => {
        if (killed) return;
        killed = true;
        inFlightAtKill = inFlight;
        victim.child.kill('SIGKILL');
      };
      /** A write; its answer counts only when it is a 2xx with the case's id and version. */
      const write = async (path: string, token: string, body: object, action: string): Promise<Ack | null> => {
        if (killed) return null;
        inFlight++;
        try {
          const r = await call(victim.base, 'POST', path, { token, body });
          if (r.status >= 200 && r.status < 300) {
            const ack = { caseId: r.body.id as number, version: r.body.version as number, action };
            expect(ack.caseId, JSON.stringify(r.body)).to.be.a('number');
            expect(ack.version, JSON.stringify(r.body)).to.be.a('number');
            acks.push(ack);
            if (acks.length >= KILL_AFTER) kill();
            return ack;
          }
          if (!killed) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
          return null;
        } catch (e) {
          if (killed) return null; // the connection died with the process: not acknowledged
          throw e;
        } finally {
          inFlight--;
        }
      };
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          const reg = await write('/api/cases', clerk, {
            channel: 'walk_in',
            category: 'neighbourhood',
            title: `邻里排水纠纷 ${w}-${i}`,
            description: '张某与李某因院墙排水问题发生争执，双方多次协商未果。',
            placeOrgId,
            parties: [
              { role: 'applicant', kind: 'person', name: `张${w}${i}`, phone: '13800138000' },
              { role: 'respondent', kind: 'person', name: `李${w}${i}` },
            ],
          }, 'register');
          if (!reg) return;
          const acc = await write(`/api/cases/${reg.caseId}/transitions`, clerk, { action: 'accept', triage: 'minor', version: reg.version }, 'accept');
          if (!acc) return;
          await write(`/api/cases/${acc.caseId}/transitions`, admin, { action: 'assign', mediatorId, version: acc.version }, 'assign');
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      await victim.exited;
      expect(victim.child.signalCode).to.equal('SIGKILL');
      expect(acks.length).to.be.at.least(KILL_AFTER);
      expect(inFlightAtKill, 'writes in flight when the process was killed').to.be.greaterThan(0);

      // The same database, a new process.
      proc = await startServer(db.url);
      const admin2 = await login('admin');
      const newest = new Map<number, Ack>();
      for (const a of acks) if ((newest.get(a.caseId)?.version ?? 0) < a.version) newest.set(a.caseId, a);
      for (const [id, a] of newest) {
        const c = await call(proc.base, 'GET', `/api/cases/${id}`, { token: admin2 });
        expect(c.status, `acknowledged case ${id}`).to.equal(200);
        // A later write may have committed without its answer arriving; never an earlier state.
        expect(c.body.version, `case ${id} after ${a.action}`).to.be.at.least(a.version);
        const v = await call(proc.base, 'GET', `/api/cases/${id}/history/verify`, { token: admin2 });
        expect(v.status).to.equal(200);
        expect(v.body, `history of case ${id}`).to.deep.include({ ok: true, events: c.body.version });
      }

      // Through core: every case, acknowledged or not, is whole.
      const tj = await openTiaojie({ url: db.url, dataKey: DATA_KEY });
      try {
        const q = (sql: string) => tj.dataSource.query(sql) as Promise<Array<Record<string, unknown>>>;
        const cases = await q('SELECT id, version FROM cases ORDER BY id');
        expect(cases.length).to.be.at.least(newest.size);
        const events = new Map((await q('SELECT case_id, COUNT(*) AS n, MAX(seq) AS top FROM case_events GROUP BY case_id')).map((r) => [Number(r.case_id), r]));
        const heads = new Map((await q('SELECT case_id, seq FROM case_history_heads')).map((r) => [Number(r.case_id), Number(r.seq)]));
        const parties = new Map((await q('SELECT case_id, COUNT(*) AS n FROM parties GROUP BY case_id')).map((r) => [Number(r.case_id), Number(r.n)]));
        for (const c of cases) {
          const id = Number(c.id);
          const version = Number(c.version);
          expect(Number(events.get(id)?.n), `events of case ${id}`).to.equal(version);
          expect(Number(events.get(id)?.top), `last event of case ${id}`).to.equal(version);
          expect(heads.get(id), `sealed head of case ${id}`).to.equal(version);
          expect(parties.get(id), `parties of case ${id}`).to.equal(2);
        }
        // No events, heads or parties of a case row that is not there.
        const ids = new Set(cases.map((c) => Number(c.id)));
        for (const m of [events, heads, parties]) for (const id of m.keys()) expect(ids.has(id), `orphan rows of case ${id}`).to.equal(true);
        // Each acknowledged write is the event at its version.
        for (const a of acks) {
          const [e] = await tj.dataSource.query('SELECT action FROM case_events WHERE case_id = ? AND seq = ?', [a.caseId, a.version]);
          expect(e?.action, `event ${a.version} of case ${a.caseId}`).to.be.a('string');
        }
        const every = await verifyEveryHistory(tj.dataSource.manager);
        expect(every.broken).to.equal(null);
        expect(every.checked).to.equal(cases.length);
      } finally {
        await tj.close();
      }

      // And the restarted server takes writes again.
      const again = await call(proc.base, 'POST', '/api/cases', {
        token: await login('clerk'),
        body: { channel: 'walk_in', category: 'neighbourhood', title: '重启后的登记', description: '重启后登记的纠纷。', placeOrgId, parties: [{ role: 'applicant', kind: 'person', name: '王五' }, { role: 'respondent', kind: 'person', name: '赵六' }] },
      });
      expect(again.status, JSON.stringify(again.body)).to.equal(201);
    });
  });
}
