import { expect } from 'chai';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils } from 'react-admin';
import { sendPage } from '../src/simple-rest';

/** A list beyond core's count cap: an unknown length in Content-Range, the lower bound beside it. */
describe('sendPage(ctx, …, capped)', () => {
  let server: Server;
  let base: string;
  before(async () => {
    const app = new Koa();
    app.use(async (ctx) => sendPage(ctx, 'cases', [0, 1], [{ id: 1 }, { id: 2 }], ctx.query.capped ? 10_001 : 2, Boolean(ctx.query.capped)));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('should answer an unknown total as `*` with X-Total-Capped, both exposed', async () => {
    const r = await fetch(`${base}/cases?capped=1`);
    expect(r.headers.get('content-range')).to.equal('cases 0-1/*');
    expect(r.headers.get('x-total-capped')).to.equal('10001');
    expect(r.headers.get('access-control-expose-headers')).to.match(/X-Total-Capped/);
    const exact = await fetch(`${base}/cases`);
    expect(exact.headers.get('content-range')).to.equal('cases 0-1/2');
    expect(exact.headers.get('x-total-capped')).to.equal(null);
  });

  it('should give ra-data-simple-rest a NaN total, which the admin turns into partial pagination', async () => {
    const dp = simpleRestProvider(base, (url: string, options: fetchUtils.Options = {}) => fetchUtils.fetchJson(url.replace('/cases?', '/cases?capped=1&'), options));
    const page = await dp.getList('cases', { pagination: { page: 1, perPage: 2 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    expect(page.data.map((r) => r.id)).to.deep.equal([1, 2]);
    expect(Number.isNaN(page.total)).to.equal(true);
  });
});
