/**
 * The ceiling the HTTP bench compares tiaojie with: a bare Koa + @koa/router + mysql2 server
 * answering the same requests with the same SQL shapes on the same tables, with none of the
 * project's work (no auth, validation, scope resolution, masking, presenters, history hashing).
 * Run as its own process by `bench/http.ts`:
 *
 *   node dist/bench/ceiling.js <mysql-url> <port>
 */
import Router from '@koa/router';
import Koa from 'koa';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';

const OPEN = ['registered', 'accepted', 'assigned', 'mediating', 'suspended', 'settled', 'failed'];
const PAGE = 25;

async function readJson(req: Koa.Request['req']): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** A first page and its exact total, as a naive ra-data-simple-rest backend does it. */
async function page(pool: Pool, where: string, params: unknown[], order: string) {
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT * FROM cases WHERE ${where} ORDER BY ${order} LIMIT ${PAGE}`, params);
  const [[{ n }]] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM cases WHERE ${where}`, params);
  return { rows, total: Number(n) };
}

export function ceilingApp(pool: Pool): Koa {
  const app = new Koa();
  const router = new Router();
  router.get('/health', async (ctx) => {
    await pool.query('SELECT 1');
    ctx.body = { status: 'ok' };
  });
  router.get('/cases/:id', async (ctx) => {
    const scope = `${String(ctx.query.scope ?? '/')}%`;
    const [rows] = await pool.query<RowDataPacket[]>('SELECT * FROM cases WHERE id = ? AND handling_org_path LIKE ?', [Number(ctx.params.id), scope]);
    if (!rows.length) return;
    const [parties] = await pool.query<RowDataPacket[]>('SELECT id, role, kind, name, id_number_masked, phone_masked FROM parties WHERE case_id = ?', [rows[0].id]);
    ctx.body = { ...rows[0], parties };
  });
  router.get('/cases', async (ctx) => {
    const q = ctx.query as Record<string, string>;
    const where = ['handling_org_path LIKE ?'];
    const params: unknown[] = [`${q.scope ?? '/'}%`];
    if (q.open) {
      where.push(`status IN (${OPEN.map(() => '?').join(',')})`);
      params.push(...OPEN);
    }
    if (q.light === 'red') {
      where.push('deadline_at < ?');
      params.push(new Date());
    }
    const order = q.sort === 'deadline' ? 'deadline_at ASC, id ASC' : 'registered_at DESC, id DESC';
    const { rows, total } = await page(pool, where.join(' AND '), params, order);
    ctx.set('Content-Range', `cases 0-${Math.max(rows.length - 1, 0)}/${total}`);
    ctx.body = rows;
  });
  // Registration: the counter row, the case, two parties and the first history event, in one transaction.
  router.post('/cases', async (ctx) => {
    const body = await readJson(ctx.req);
    const orgId = Number(body.orgId);
    const path = String(body.orgPath);
    const now = new Date();
    const year = now.getFullYear();
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      // The counter row: bumped, or created on the year's first case (an INSERT IGNORE first would
      // take a shared lock that concurrent bumps deadlock on).
      const [bumped] = await conn.query('UPDATE case_number_counters SET last_serial = last_serial + 1 WHERE organization_id = ? AND year = ?', [orgId, year]);
      if (!(bumped as unknown as { affectedRows: number }).affectedRows) {
        await conn.query('INSERT INTO case_number_counters (organization_id, year, last_serial) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE last_serial = last_serial + 1', [orgId, year]);
      }
      const [[{ last_serial: serial }]] = await conn.query<RowDataPacket[]>('SELECT last_serial FROM case_number_counters WHERE organization_id = ? AND year = ?', [orgId, year]);
      const number = `（${year}）压测调字第${serial}号-${orgId}`;
      const [r] = await conn.query<RowDataPacket[] & { insertId: number }>(
        `INSERT INTO cases (case_number, registering_org_id, year, serial, channel, category, title, description, amount_fen, people_count, status, risk,
           handling_org_id, handling_org_path, created_by_id, registered_at, updated_at, paused_remaining_ms, paused_yellow_remaining_ms, extended, followed_up, supervised, unacknowledged_transfers, flagged, version)
         VALUES (?, ?, ?, ?, 'walk_in', ?, ?, ?, ?, 2, 'registered', 'low', ?, ?, ?, ?, ?, NULL, NULL, 0, 0, 0, 0, 0, 1)`,
        [number, orgId, year, serial, body.category, body.title, body.description, body.amountFen ?? null, orgId, path, body.userId, now, now],
      );
      const caseId = (r as unknown as { insertId: number }).insertId;
      for (const p of body.parties as Array<Record<string, string>>) {
        await conn.query('INSERT INTO parties (case_id, role, kind, name, id_number_masked, phone_masked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [caseId, p.role, p.kind, p.name, '1401**********0000', null, now]);
      }
      await conn.query(
        `INSERT INTO case_events (case_id, seq, action, actor_id, actor_name, at, from_status, to_status, changes, payload, prev_hash, hash) VALUES (?, 1, 'register', ?, 'bench', ?, NULL, 'registered', '{}', '{}', '', ?)`,
        [caseId, body.userId, now, 'x'.repeat(64)],
      );
      await conn.commit();
      ctx.status = 201;
      ctx.body = { id: caseId, caseNumber: number };
    } catch (e) {
      await conn.rollback();
      throw e;
    } finally {
      conn.release();
    }
  });
  // A transition (recording a session): the case in scope, locked; its version bumped; the chain's
  // tail read; the session and the history event inserted; in one transaction.
  router.post('/cases/:id/transitions', async (ctx) => {
    const body = await readJson(ctx.req);
    const scope = `${String(ctx.query.scope ?? '/')}%`;
    const id = Number(ctx.params.id);
    const now = new Date();
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      const [rows] = await conn.query<RowDataPacket[]>('SELECT * FROM cases WHERE id = ? AND handling_org_path LIKE ? FOR UPDATE', [id, scope]);
      if (!rows.length) {
        await conn.rollback();
        ctx.status = 404;
        return;
      }
      const c = rows[0];
      await conn.query('UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?', [now, id, c.version]);
      const [[last]] = await conn.query<RowDataPacket[]>('SELECT seq, hash FROM case_events WHERE case_id = ? ORDER BY seq DESC LIMIT 1', [id]);
      await conn.query('INSERT INTO mediation_sessions (case_id, held_at, place, participants, minutes, recorded_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        id, new Date(String(body.heldAt)), body.place, body.participants, body.minutes, c.mediator_id, now,
      ]);
      await conn.query(
        `INSERT INTO case_events (case_id, seq, action, actor_id, actor_name, at, from_status, to_status, changes, payload, prev_hash, hash) VALUES (?, ?, 'recordSession', ?, 'bench', ?, ?, ?, '{}', ?, ?, ?)`,
        [id, Number(last?.seq ?? 0) + 1, c.mediator_id, now, c.status, c.status, JSON.stringify({ heldAt: body.heldAt, place: body.place }), last?.hash ?? '0'.repeat(64), 'x'.repeat(64)],
      );
      await conn.commit();
      ctx.body = { ...c, version: c.version + 1, updated_at: now };
    } catch (e) {
      await conn.rollback();
      throw e;
    } finally {
      conn.release();
    }
  });
  app.use(router.routes());
  return app;
}

if (require.main === module) {
  const [url, port] = process.argv.slice(2);
  const pool = createPool({ uri: url, connectionLimit: 32, dateStrings: false });
  const server = ceilingApp(pool).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
}
