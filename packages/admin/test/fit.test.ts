/**
 * The admin fits every role and every screen: a phone-sized case page, app bar and case list, a
 * grid worker's own dashboard, and the registration form's defaults and labels.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, ARTIFACTS, PERSON_ID, idNumber, login, seed, startApi, type RunningApi, type Seeded } from './support';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the admin fits every role and screen', function () {
  this.timeout(180_000);
  let api: RunningApi;
  let data: Seeded;
  let browser: Browser;
  let reportId = 0;

  async function contextFor(width: number, height: number): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: width < 600 ? 2 : 1, isMobile: width < 600, hasTouch: width < 600, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    c.setDefaultTimeout(15_000);
    await c.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    return c;
  }
  async function signIn(p: Page, username: string, password: string) {
    await p.goto(`${api.url}/#/login`);
    await p.fill('input[name=username]', username);
    await p.fill('input[name=password]', password);
    await p.click('button[type=submit]');
    await p.waitForURL((u) => !u.hash.startsWith('#/login'));
  }

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    data = await seed(api.url);
    // The grid worker reports one dispute from their grid.
    const grid = await login(api.url, data.users.grid.username, data.users.grid.password);
    const c = await grid.api.post('/cases', {
      channel: 'grid',
      category: 'neighbourhood',
      title: '楼道堆放杂物引发邻里争执',
      description: '网格巡查发现两户因楼道堆物争吵，已劝解，需调解。',
      placeOrgId: data.orgs.grid,
      parties: [
        { role: 'applicant', kind: 'person', name: '欧阳明月', idNumber: PERSON_ID, phone: '13800138001', agents: [{ name: '诸葛明', authority: 'special', scope: '代为调解、签署调解协议' }] },
        { role: 'respondent', kind: 'person', name: '司马长风', idNumber: idNumber('11010519900202002'), phone: '13900139002' },
      ],
    });
    reportId = c.id;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('shows the parties of a case on a 390-pixel phone without one-character lines or a cut-off phone column', async () => {
    const ctx = await contextFor(390, 844);
    const p = await ctx.newPage();
    await signIn(p, data.users.clerk.username, data.users.clerk.password);
    await p.goto(`${api.url}/#/cases/${reportId}/show`);
    const parties = p.locator('[data-testid=parties]');
    await parties.getByText('欧阳明月').waitFor();
    await p.screenshot({ path: join(ARTIFACTS, 'fit-390-case.png'), fullPage: true });
    for (const name of ['欧阳明月', '司马长风']) {
      const el = parties.getByText(name, { exact: true });
      const box = (await el.boundingBox())!;
      const lineHeight = await el.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.5);
      expect(box.height, `${name} stays on one line`).to.be.below(lineHeight * 1.5);
    }
    // The masked phone numbers are on the page, whole and inside the screen.
    const phones = parties.getByText(/1[3-9]\d\*+\d{4}|1[3-9]\d{9}/);
    expect(await phones.count()).to.equal(2);
    for (const el of await phones.all()) {
      const box = (await el.boundingBox())!;
      expect(box.x).to.be.at.least(0);
      expect(box.x + box.width, 'phone number inside the screen').to.be.at.most(390);
    }
    // The applicant's agent and the authority given, under the party, inside the screen.
    const agents = parties.locator('[data-testid=party-agents]');
    expect(await agents.count()).to.equal(1);
    expect(await agents.innerText()).to.match(/诸葛明（特别授权：代为调解、签署调解协议）/);
    const agentBox = (await agents.boundingBox())!;
    expect(agentBox.x + agentBox.width, 'agents inside the screen').to.be.at.most(390);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await ctx.close();
  });

  it('keeps the app-bar title clear of the icons on a phone', async () => {
    const ctx = await contextFor(390, 844);
    const p = await ctx.newPage();
    await signIn(p, data.users.clerk.username, data.users.clerk.password);
    await p.goto(`${api.url}/#/cases/${reportId}/show`);
    await p.locator('[data-testid=parties]').waitFor();
    const title = p.locator('header #react-admin-title');
    const titleBox = (await title.boundingBox())!;
    const buttons = await p.locator('header button').all();
    expect(buttons.length).to.be.greaterThan(1);
    for (const b of buttons) {
      const box = await b.boundingBox();
      if (box) expect(overlaps(titleBox, box), `title ${JSON.stringify(titleBox)} against a button ${JSON.stringify(box)}`).to.equal(false);
    }
    // The title's text fits its box or ends in an ellipsis, a little way from the next button.
    const style = await title.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, overflow: getComputedStyle(e).overflow, textOverflow: getComputedStyle(e).textOverflow, display: getComputedStyle(e).display }));
    if (style.scroll > style.client) {
      expect(style, 'a long title is cut with an ellipsis').to.include({ overflow: 'hidden', textOverflow: 'ellipsis' });
      expect(style.display, 'an ellipsis needs a block, not a flex box').to.not.equal('flex');
    }
    const right = titleBox.x + titleBox.width;
    const next = Math.min(...(await Promise.all(buttons.map((b) => b.boundingBox()))).filter((b): b is Box => !!b && b.x >= right).map((b) => b.x));
    expect(next - right, 'room between the title and the icons').to.be.at.least(4);
    await ctx.close();
  });

  it('lets every light in the case list scroll clear of the add button on a phone', async () => {
    const ctx = await contextFor(390, 844);
    const p = await ctx.newPage();
    await signIn(p, data.users.clerk.username, data.users.clerk.password);
    await p.goto(`${api.url}/#/cases`);
    const lights = p.locator('.MuiChip-root[data-light], .MuiList-root .MuiChip-outlined');
    await lights.first().waitFor();
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await p.waitForTimeout(300);
    await p.screenshot({ path: join(ARTIFACTS, 'fit-390-list.png') });
    const fab = (await p.locator('a.RaCreateButton-floating, .MuiFab-root').first().boundingBox())!;
    expect(fab, 'the floating add button').to.not.equal(null);
    const last = (await lights.last().boundingBox())!;
    expect(overlaps(fab, last), `add button ${JSON.stringify(fab)} over the last light ${JSON.stringify(last)}`).to.equal(false);
    await ctx.close();
  });

  it("shows a grid worker their own reports and what became of them, not the county's cards", async () => {
    const ctx = await contextFor(390, 844);
    const p = await ctx.newPage();
    await signIn(p, data.users.grid.username, data.users.grid.password);
    await p.locator('[data-testid=my-reports]').waitFor();
    await p.locator('[data-testid=my-report-list]').getByText('楼道堆放杂物引发邻里争执').waitFor();
    await p.locator('[data-testid=my-report-list]').getByText(/登记/).first().waitFor();
    expect(await p.locator('[data-testid=stat-reports_total]').innerText()).to.equal('1');
    expect(await p.locator('[data-testid=stat-reports_open]').innerText()).to.equal('1');
    expect(await p.locator('[data-testid=stat-red]').count()).to.equal(0);
    expect(await p.locator('[data-testid=channel-chart]').count()).to.equal(0);
    expect(await p.locator('[data-testid=my-queue]').count()).to.equal(0);
    await p.screenshot({ path: join(ARTIFACTS, 'fit-grid-dashboard.png'), fullPage: true });
    await ctx.close();
  });

  it('shows and takes dates in Chinese order in an en-US browser far from China', async () => {
    // The browser's own language and zone are American: a native date input would read mm/dd/yyyy.
    const us = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--lang=en-US'] });
    try {
      const ctx = await us.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'America/New_York' });
      ctx.setDefaultTimeout(15_000);
      await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
      const p = await ctx.newPage();
      expect(await p.evaluate(() => navigator.language)).to.equal('en-US');
      await signIn(p, 'admin', ADMIN_PASSWORD);
      const nativeDates = () => p.locator('input[type=date], input[type=datetime-local], input[type=month]').count();
      const usDates = async () => ((await p.locator('body').innerText()).match(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g) ?? []);

      // The case list: dates as 2026年12月1日, and a registration-date filter given as an instant
      // (the start of 1 December in China, still 30 November in New York) reads 2026-12-01.
      const from = '2026-11-30T16:00:00.000Z';
      await p.goto(`${api.url}/#/cases?filter=${encodeURIComponent(JSON.stringify({ registeredFrom: from }))}&displayedFilters=${encodeURIComponent(JSON.stringify({ registeredFrom: true }))}`);
      await p.locator('input[name=registeredFrom]').waitFor();
      // The filter form takes the list's filter once the list has loaded.
      await p.locator('table, .RaList-noResults, .RaEmpty-message, .RaList-content').first().waitFor();
      await p.waitForTimeout(300);
      expect(await p.locator('input[name=registeredFrom]').inputValue()).to.equal('2026-12-01');
      await p.goto(`${api.url}/#/cases?filter=%7B%7D`);
      await p.locator('table tbody tr').first().waitFor();
      const cells = await p.locator('table tbody td.column-registeredAt').allInnerTexts();
      expect(cells.length).to.be.greaterThan(0);
      for (const c of cells) expect(c.trim()).to.match(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(await usDates()).to.deep.equal([]);
      expect(await nativeDates()).to.equal(0);

      // A date input: typed digits become 2026-12-01, a date that does not exist is refused in Chinese.
      await p.goto(`${api.url}/#/holidays/create`);
      const day = p.locator('input[name=day]');
      await day.waitFor();
      expect(await day.getAttribute('type')).to.equal('text');
      expect(await day.getAttribute('placeholder')).to.equal('2026-12-01');
      expect(await nativeDates()).to.equal(0);
      await day.pressSequentially('20260230');
      expect(await day.inputValue()).to.equal('2026-02-30');
      await p.fill('input[name=name]', '测试假日');
      await p.click('button[type=submit]');
      await p.getByText('日期应写作 2026-12-01，且须是存在的日期').waitFor();
      await day.fill('');
      await day.pressSequentially('2026/12/1');
      await day.blur();
      expect(await day.inputValue(), 'padded when left').to.equal('2026-12-01');
      await p.screenshot({ path: join(ARTIFACTS, 'fit-en-us-date.png') });
      await p.click('button[type=submit]');
      await p.waitForURL(/#\/holidays(\?|$)/);
      const admin = await login(api.url, 'admin', ADMIN_PASSWORD);
      const saved = (await admin.api.get('/holidays?filter=%7B%7D&range=%5B0%2C99%5D')) as Array<{ day: string; name: string }>;
      expect(saved.find((h) => h.name === '测试假日')?.day).to.equal('2026-12-01');
      await ctx.close();
    } finally {
      await us.close();
    }
  });

  it("shows a legal adviser the cases they joined, not the county's lights, alerts and chart", async () => {
    const ctx = await contextFor(1280, 900);
    const p = await ctx.newPage();
    await signIn(p, data.users.adviser.username, data.users.adviser.password);
    const queue = p.locator('[data-testid=my-queue]');
    await queue.getByText('我参与的案件').waitFor();
    await queue.getByText('暂无待办案件').waitFor();
    await p.getByRole('link', { name: '登记新案件' }).waitFor();
    for (const id of ['stat-red', 'stat-yellow', 'stat-supervisions', 'stat-risk', 'channel-chart']) expect(await p.locator(`[data-testid=${id}]`).count(), id).to.equal(0);
    expect(await p.getByText('高风险与重大风险案件').count()).to.equal(0);
    await p.screenshot({ path: join(ARTIFACTS, 'fit-adviser-dashboard.png'), fullPage: true });
    await ctx.close();
  });

  it('counts the people involved from the parties and labels the party buttons when registering', async () => {
    const ctx = await contextFor(1280, 900);
    const p = await ctx.newPage();
    await signIn(p, data.users.clerk.username, data.users.clerk.password);
    await p.goto(`${api.url}/#/cases/create`);
    const add = p.getByRole('button', { name: '添加当事人' });
    await add.waitFor();
    await p.getByRole('button', { name: '删除该当事人' }).nth(1).waitFor();
    expect(await p.getByRole('button', { name: '删除该当事人' }).count()).to.equal(2);
    await add.click();
    await p.getByRole('button', { name: '删除该当事人' }).nth(2).waitFor();
    expect(await p.getByRole('button', { name: '删除该当事人' }).count()).to.equal(3);
    await p.getByText('留空则按当事人计：3 人').waitFor();
    await p.getByRole('button', { name: '删除该当事人' }).last().click();
    await p.getByText('留空则按当事人计：2 人').waitFor();
    await p.getByRole('combobox', { name: /^纠纷类型/ }).click();
    await p.getByRole('option', { name: '邻里', exact: true }).click();
    await p.fill('input[name=title]', '院墙排水纠纷');
    await p.fill('textarea[name=description]', '两户因院墙排水问题发生争执，申请调解。');
    await p.fill('input[name="parties.0.name"]', '黄志强');
    await p.fill('input[name="parties.1.name"]', '吴桂兰');
    await p.click('button[type=submit]');
    await p.waitForURL(/#\/cases\/\d+\/show/);
    const id = Number(/cases\/(\d+)\/show/.exec(p.url())![1]);
    const clerk = await login(api.url, data.users.clerk.username, data.users.clerk.password);
    const saved = await clerk.api.get(`/cases/${id}`);
    expect(saved.peopleCount).to.equal(2);
    await ctx.close();
  });
});
