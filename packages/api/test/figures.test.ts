import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FIGURE_DEFINITIONS, loadCases, type LoadCase } from '@tiaojie/core';
import { call, forEachEngine, walkIn } from './support/harness';

/** Download a path and read the workbook back; also the peak heap seen while it streamed. */
async function download(base: string, path: string, token: string) {
  const get = () => fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
  // A keep-alive connection left idle past the server's keepAliveTimeout (while loading rows) is reset: ask again.
  const res = await get().catch(get);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let peakHeap = process.memoryUsage().heapUsed;
  for await (const chunk of Readable.fromWeb(res.body! as never)) {
    chunks.push(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const wb = new ExcelJS.Workbook();
  if (res.status === 200) await wb.xlsx.load(Buffer.concat(chunks) as never);
  return { status: res.status, headers: res.headers, wb, bytes, peakHeap, text: res.status === 200 ? '' : Buffer.concat(chunks).toString() };
}

const values = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
};

forEachEngine('figures and Excel over HTTP', (get) => {
  before(async function () {
    this.timeout(30_000);
    const { run, center } = get();
    const { token, org, user } = center;
    for (let i = 0; i < 3; i++) {
      const c = await call(run.base, 'POST', '/api/cases', { token: token.clerk, body: walkIn(org.eastVillage.id, { title: `排水纠纷${i}`, category: i === 2 ? 'labour' : 'neighbourhood' }) });
      expect(c.status).to.equal(201);
    }
    const first = (await call(run.base, 'GET', '/api/cases?sort=["id","ASC"]', { token: token.admin })).body[0];
    const r = await call(run.base, 'POST', `/api/cases/${first.id}/transitions`, { token: token.clerk, body: { action: 'accept', version: first.version, triage: 'minor' } });
    expect(r.status).to.equal(200);
    void user;
  });

  it('answers the center figures of this month for a leader, and 403 for a clerk', async () => {
    const { run, center } = get();
    const r = await call(run.base, 'GET', '/api/figures/center', { token: center.token.leader });
    expect(r.status).to.equal(200);
    expect(r.body.received.total).to.equal(3);
    expect(r.body.received.byCategory).to.deep.equal([{ key: 'neighbourhood', count: 2 }, { key: 'labour', count: 1 }]);
    expect(r.body.acceptanceRate).to.deep.equal({ numerator: 1, denominator: 1, rate: 1 });
    expect((await call(run.base, 'GET', '/api/figures/center', { token: center.token.clerk })).status).to.equal(403);
    const bad = await call(run.base, 'GET', '/api/figures/center?period=2026-13', { token: center.token.leader });
    expect([bad.status, bad.body.error.details[0].field]).to.deep.equal([400, 'period']);
  });

  it('exports the center figures as .xlsx with the definitions on the second sheet', async () => {
    const { run, center } = get();
    const d = await download(run.base, '/api/exports/figures/center.xlsx', center.token.leader);
    expect(d.status).to.equal(200);
    expect(d.headers.get('content-type')).to.match(/spreadsheetml/);
    expect(d.wb.worksheets.map((w) => w.name)).to.deep.equal(['中心统计', '说明']);
    const rows = values(d.wb.worksheets[0]);
    expect(rows[0]).to.deep.equal(['指标', '数值', '分子', '分母']);
    expect(rows.find((r) => r[0] === FIGURE_DEFINITIONS.received.zh)?.[1]).to.equal(3);
    expect(rows.find((r) => r[0] === '\u3000按类型：劳动/欠薪')?.[1]).to.equal(1);
    expect(rows.find((r) => r[0] === FIGURE_DEFINITIONS.acceptanceRate.zh)?.slice(1)).to.deep.equal(['100.0%', 1, 1]);
    const defs = values(d.wb.worksheets[1]);
    expect(defs.length).to.equal(Object.keys(FIGURE_DEFINITIONS).length + 1);
    expect(defs[1]).to.deep.equal([FIGURE_DEFINITIONS.received.zh, FIGURE_DEFINITIONS.received.numerator.zh, '—', FIGURE_DEFINITIONS.received.date.zh]);
  });

  it('exports a case list with its filters and Chinese headers, and refuses a bad filter with 400', async () => {
    const { run, center } = get();
    const d = await download(run.base, `/api/exports/cases.xlsx?filter=${encodeURIComponent(JSON.stringify({ category: 'neighbourhood' }))}`, center.token.admin);
    expect(d.status).to.equal(200);
    const rows = values(d.wb.worksheets[0]);
    expect(rows[0].slice(0, 5)).to.deep.equal(['案号', '案件标题', '来源渠道', '纠纷类型', '状态']);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[4]])).to.deep.equal([
      ['排水纠纷0', '邻里纠纷', '已受理'],
      ['排水纠纷1', '邻里纠纷', '已登记'],
    ]);
    expect(rows[1][7]).to.equal(5000); // yuan
    expect(d.wb.worksheets[1].name).to.equal('说明');
    const bad = await download(run.base, `/api/exports/cases.xlsx?filter=${encodeURIComponent(JSON.stringify({ status: 'nonsense' }))}`, center.token.admin);
    expect(bad.status).to.equal(400);
    const grid = await download(run.base, '/api/exports/cases.xlsx', center.token.grid);
    expect(values(grid.wb.worksheets[0]).length).to.equal(1); // the grid worker reported none of them: headers only
  });

  it('answers and exports the justice-bureau report', async () => {
    const { run, center } = get();
    const r = await call(run.base, 'GET', '/api/figures/justice', { token: center.token.leader });
    expect(r.status).to.equal(200);
    expect([r.body.total.cases, r.body.total.bySource.application.pending]).to.deep.equal([1, 1]);
    const d = await download(run.base, '/api/exports/figures/justice.xlsx', center.token.leader);
    expect(d.wb.worksheets.map((w) => w.name)).to.deep.equal(['人民调解统计', '其他指标', '说明']);
    const rows = values(d.wb.worksheets[0]);
    expect(rows[0].slice(0, 3)).to.deep.equal(['纠纷类型', '申请调解·调解成功（书面协议）', '申请调解·调解成功（口头协议）']);
    expect(rows[rows.length - 1][0]).to.equal('合计');
    expect(rows[rows.length - 1][13]).to.equal(1); // 案件合计
  });

  it('states, closes and exports a month of 以案定补 over HTTP', async () => {
    const { run, center } = get();
    const last = new Date(Date.now() + 8 * 3_600_000 - 31 * 86_400_000).toISOString().slice(0, 7);
    const s = await call(run.base, 'GET', `/api/subsidies/statement?month=${last}`, { token: center.token.leader });
    expect([s.status, s.body.month, s.body.closed, s.body.totalFen]).to.deep.equal([200, last, false, 0]);
    expect((await call(run.base, 'POST', '/api/subsidies/close', { token: center.token.leader, body: { month: last } })).status).to.equal(403);
    const closed = await call(run.base, 'POST', '/api/subsidies/close', { token: center.token.admin, body: { month: last } });
    expect([closed.status, closed.body.closed]).to.deep.equal([200, true]);
    expect((await call(run.base, 'POST', '/api/subsidies/close', { token: center.token.admin, body: { month: last } })).status).to.equal(409);
    const d = await download(run.base, `/api/exports/subsidies/statement.xlsx?month=${last}`, center.token.leader);
    expect(d.wb.worksheets.map((w) => w.name)).to.deep.equal(['案件明细', '按调解员', '按组织', '说明']);
    expect(values(d.wb.worksheets[3])[1]).to.deep.equal(['结算月份', `${last}（已结算，明细已冻结）`]);
  });

  it('streams 100,000 rows without holding them in memory', async function () {
    if (get().engine !== 'sqlite' && !process.env.EXPORT_BENCH_MYSQL) this.skip();
    this.timeout(600_000);
    const { run, center } = get();
    const at = new Date('2026-01-05T02:00:00Z');
    const input: LoadCase[] = Array.from({ length: Number(process.env.EXPORT_ROWS ?? 100_000) }, (_, i) => ({
      ...(walkIn(center.org.eastVillage.id, { title: `批量案件${i}` }) as any),
      organizationId: center.org.county.id, registeredAt: at, registeredById: center.user.clerk.id, steps: [],
    }));
    await loadCases(run.tj, input, { batchSize: 5000 });
    input.length = 0;
    // A full collection first, so the baseline is what is live, not garbage from the load.
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    const before = process.memoryUsage().heapUsed;
    const d = await download(run.base, `/api/exports/cases.xlsx?filter=${encodeURIComponent(JSON.stringify({ registeredTo: '2026-01-31' }))}`, center.token.admin);
    expect(d.status).to.equal(200);
    const growthMb = (d.peakHeap - before) / 2 ** 20;
    console.log(`      100,000-row export: ${(d.bytes / 2 ** 20).toFixed(1)} MB streamed, heap grew at most ${growthMb.toFixed(0)} MB while streaming`);
    expect(d.wb.worksheets[0].rowCount).to.equal(Number(process.env.EXPORT_ROWS ?? 100_000) + 1);
    // The download itself is ~5 MB compressed; a workbook held whole would be several hundred MB of row objects.
    expect(growthMb).to.be.lessThan(150);
  });
});
