/**
 * 以案定补 grading thresholds in a real browser against the real API: an admin sets them on the
 * subsidy policy page (defaults filled in, amounts in yuan), sees them listed, and the change is in
 * the audit trail.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, ARTIFACTS, login, startApi, type RunningApi } from './support';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

describe('subsidy grading thresholds in the browser', function () {
  this.timeout(180_000);
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(10_000);
    await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${api.url}/#/login`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('creates grading thresholds from the subsidy policy page, with the current ones as defaults, and lists them', async () => {
    await page.goto(`${api.url}/#/subsidy-policies`);
    const section = page.locator('[data-testid=subsidy-gradings]');
    await section.getByText('难易程度标准').first().waitFor();
    await section.getByRole('link', { name: /新建|创建/ }).click();
    await page.waitForURL(/#\/subsidy-gradings\/create/);
    await page.locator('input[name=name]').fill('2027年难易程度标准');
    await page.locator('input[name=ordinaryAmountFen]').fill('5000');
    await page.locator('input[name=validFrom]').fill('2027-01-01');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/subsidy-policies/);
    const row = section.locator('tbody tr', { hasText: '2027年难易程度标准' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).to.contain('≥5000元'); // the one changed
    expect(text).to.contain('≥30人'); // a default kept
    expect(text).to.contain('跨区域');
    await page.screenshot({ path: join(ARTIFACTS, '24-subsidy-gradings.png'), fullPage: true });

    const { api: admin } = await login(api.url, 'admin', ADMIN_PASSWORD);
    const [saved] = (await admin.get('/subsidy-gradings')) as Array<{ id: number; ordinaryAmountFen: number; majorPeople: number; validFrom: string }>;
    expect([saved.ordinaryAmountFen, saved.majorPeople, saved.validFrom]).to.deep.equal([500_000, 30, '2027-01-01']);
    const trail = (await admin.get(`/audit-events?filter=${encodeURIComponent(JSON.stringify({ entity: 'subsidy-grading', entityId: saved.id }))}`)) as Array<{ action: string }>;
    expect(trail.map((r) => r.action)).to.deep.equal(['create']);
    expect(errors).to.deep.equal([]);
  });
});
