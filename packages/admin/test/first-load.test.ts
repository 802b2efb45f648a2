/**
 * The first visit: a signed-out visitor opening any address gets the login form at once, after
 * one redirect (react-admin's requireAuth under react-router 7 used to loop thousands of times
 * before it, react-admin #10764/#10885), and the files come compressed with the right lifetimes.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { ROOT, startApi, type RunningApi } from './support';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
/** The issue asks for 1 s on a quiet machine; the bound leaves room for a busy shared CI host. */
const LOGIN_BOUND_MS = 3000;
/** Issue 12: the JavaScript a visitor downloads before the login form, gzip-compressed. */
const FIRST_LOAD_BUDGET = 250 * 1024;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

describe('first load, signed out', function () {
  this.timeout(120_000);
  let api: RunningApi;
  let browser: Browser;

  before(async () => {
    api = await startApi();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  for (const address of ['/', '/#/cases', '/#/cases/1/show']) {
    it(`shows the login form after one redirect when opening ${address}`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
      // Count every change of address the app makes, whatever the API it goes through.
      await context.addInitScript(() => {
        const w = window as unknown as { __navigations: string[] };
        w.__navigations = [];
        for (const method of ['pushState', 'replaceState'] as const) {
          const original = history[method].bind(history);
          history[method] = (data: unknown, unused: string, url?: string | URL | null) => {
            if (url != null) w.__navigations.push(`${method} ${String(url)} from ${location.href}`);
            return original(data, unused, url);
          };
        }
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const t0 = Date.now();
      await page.goto(`${api.url}${address}`, { waitUntil: 'commit' });
      await page.locator('input[name=username]').waitFor({ timeout: 15_000 });
      const elapsed = Date.now() - t0;
      // Let a loop, if there were one, show itself.
      await page.waitForTimeout(500);
      const navigations = await page.evaluate(() => (window as unknown as { __navigations: string[] }).__navigations);
      const hash = await page.evaluate(() => location.hash);
      await context.close();
      expect(errors).to.deep.equal([]);
      expect(hash.startsWith('#/login'), hash).to.equal(true);
      expect(navigations, navigations.join('\n')).to.have.length(1);
      expect(elapsed, `login form after ${elapsed} ms`).to.be.below(LOGIN_BOUND_MS);
    });
  }

  it('keeps the first load under 250 kB gzip, by the build and in the browser', async () => {
    // The build's figure: the entry chunk and everything it imports statically (vite.config.ts).
    const built = JSON.parse(readFileSync(join(ROOT, 'packages/admin/dist/first-load.json'), 'utf8')) as { chunks: string[]; gzip: number };
    expect(built.gzip, `the build's first load is ${kB(built.gzip)} gzip`).to.be.below(FIRST_LOAD_BUDGET);

    // What a signed-out visitor's browser fetches before the login form shows, gzip-compressed the same way.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    const page = await context.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.set(new URL(r.url()).pathname, r.body());
    });
    await page.goto(`${api.url}/`);
    await page.locator('input[name=username]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    let gzip = 0;
    for (const body of await Promise.all(scripts.values())) gzip += gzipSync(body).length;
    await context.close();
    const names = [...scripts.keys()].map((p) => p.replace(/^\//, '')).sort();
    console.log(`      first load: the build ${kB(built.gzip)} gzip in ${built.chunks.length} chunks; the login page fetched ${names.length} scripts, ${kB(gzip)} gzip`);
    expect(gzip, `the login page loads ${names.length} scripts, ${kB(gzip)} gzip`).to.be.below(FIRST_LOAD_BUDGET);
    // The login page needs nothing that loads on demand: the browser fetched the build's first load, no more.
    expect(names).to.deep.equal(built.chunks);
  });

  it('asks for both fields, and says why a sign-in failed, on the light login form', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${api.url}/#/login`);
    await page.locator('input[name=username]').waitFor({ timeout: 15_000 });
    await page.click('button[type=submit]');
    expect(await page.getByText('必填').count()).to.equal(2);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'not-the-password');
    expect(await page.locator('input[name=password]').getAttribute('type')).to.equal('password');
    await page.getByRole('button', { name: '显示密码' }).click();
    expect(await page.locator('input[name=password]').getAttribute('type')).to.equal('text');
    await page.click('button[type=submit]');
    const alert = page.locator('.MuiSnackbarContent-message');
    await alert.waitFor();
    expect((await alert.innerText()).trim()).to.match(/[\u4e00-\u9fa5]/);
    expect(await page.evaluate(() => location.hash)).to.match(/^#\/login/);
    await context.close();
  });

  it('serves index.html compressed and never cached, hashed assets compressed for a year', async () => {
    const index = await fetch(`${api.url}/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(index.status).to.equal(200);
    expect(index.headers.get('content-encoding')).to.equal('br');
    expect(index.headers.get('cache-control')).to.equal('no-cache');
    expect(index.headers.get('content-type')).to.match(/^text\/html/);
    const html = await index.text(); // fetch decodes brotli
    const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset, 'the entry script in index.html').to.be.a('string');

    const gz = await fetch(`${api.url}${asset}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).to.equal('gzip');
    expect(gz.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(gz.headers.get('content-type')).to.match(/javascript/);
    expect(gz.headers.get('vary')).to.match(/Accept-Encoding/i);
    const body = await gz.text();
    expect(body).to.match(/import|function/);

    // A deep link the SPA answers is index.html again, with the same rules.
    const deep = await fetch(`${api.url}/some/page`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(deep.headers.get('content-encoding')).to.equal('gzip');
    expect(deep.headers.get('cache-control')).to.equal('no-cache');
    expect(await deep.text()).to.equal(html);

    // Without Accept-Encoding, plain bytes.
    const plain = await fetch(`${api.url}${asset}`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).to.equal(null);
  });
});
