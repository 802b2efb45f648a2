/**
 * Overview pages over the demo county (TIAOJIE_DEMO=1: 300 cases, 72 people), for the user
 * guide's screenshots of a center in full swing. The workflows themselves are tested in e2e.test.ts.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, ARTIFACTS, login, publishDocShots, startApi, type RunningApi } from './support';

const DEMO_PASSWORD = 'demo1234'; // core's DEFAULT_DEMO_PASSWORD
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const DOC_SHOTS = ['demo-dashboard', 'demo-case-list', 'demo-case', 'demo-leader-dashboard', 'demo-organizations'];

describe('admin over the demo county', function () {
  this.timeout(180_000);
  let api: RunningApi;
  let browser: Browser;
  let failures = 0;

  async function open(username: string, password = DEMO_PASSWORD): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    await page.goto(`${api.url}/#/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.hash.startsWith('#/login'));
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi({ TIAOJIE_DEMO: '1' });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failures++;
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
    publishDocShots(DOC_SHOTS, failures);
  });

  it('shows a mediator their queue, the lights and the channels of the last weeks', async () => {
    const page = await open('mediator');
    await page.locator('[data-testid=channel-chart] .recharts-bar-rectangle').first().waitFor();
    expect(Number(await page.locator('[data-testid=stat-red]').innerText())).to.be.greaterThan(0);
    await page.locator('[data-testid=my-queue] [data-light=red]').first().waitFor();
    await shot(page, 'demo-dashboard');

    await page.getByRole('menuitem', { name: '案件' }).first().click();
    await page.waitForURL(/#\/cases/);
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length >= 20);
    await shot(page, 'demo-case-list');

    // A case of mine with its history.
    await page.getByRole('menuitem', { name: '我承办的案件' }).click();
    await page.locator('table tbody tr').first().click();
    await page.locator('[data-testid=timeline] [data-event]').first().waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'demo-case');
    await page.context().close();
  });

  it('shows a leader the county at a glance', async () => {
    const page = await open('leader');
    await page.locator('[data-testid=channel-chart] .recharts-bar-rectangle').first().waitFor();
    await page.locator('[data-testid=stat-supervisions]').waitFor();
    await shot(page, 'demo-leader-dashboard');
    await page.context().close();
  });

  it("shows a court liaison the open cases their court sent, and a lawyer the cases they joined, without the county's figures", async () => {
    const liaison = await login(api.url, 'liaison_court', DEMO_PASSWORD);
    const sent = (await liaison.api.get(`/cases?filter=${encodeURIComponent(JSON.stringify({ open: true }))}&range=%5B0%2C99%5D`)) as Array<{ title: string; channel: string }>;
    expect(sent.length, 'the demo has open cases the court sent').to.be.greaterThan(0);
    for (const [username, title] of [['liaison_court', '本单位移送的案件'], ['lawyer', '我参与的案件']] as const) {
      const page = await open(username);
      const queue = page.locator('[data-testid=my-queue]');
      await queue.getByText(title).waitFor();
      if (username === 'liaison_court') {
        await queue.locator('a').first().waitFor();
        const titles = await queue.locator('a .MuiListItemText-primary').allInnerTexts();
        expect(titles.length).to.equal(Math.min(sent.length, 8));
        for (const t of titles) expect(sent.map((c) => c.title), t).to.include(t);
      }
      for (const id of ['stat-red', 'stat-yellow', 'stat-supervisions', 'stat-risk', 'channel-chart']) expect(await page.locator(`[data-testid=${id}]`).count(), `${username}: ${id}`).to.equal(0);
      await shot(page, `demo-${username}-dashboard`);
      await page.context().close();
    }
  });

  it('shows the admin the organization tree of the county', async () => {
    const page = await open('admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '组织' }).click();
    await page.locator('[data-testid=org-tree]').getByText('城关镇', { exact: false }).first().waitFor();
    await shot(page, 'demo-organizations');
    await page.context().close();
  });
});
