/**
 * 民转刑 (人民调解法 第25条) in a real browser against the real API: a mediator files the report of
 * a risk of turning criminal from the case page's form and sees it recorded (the case's mark, its
 * history with the measures and the police station, a raised risk).
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ARTIFACTS, login, seed, startApi, type RunningApi, type Seeded } from './support';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

describe('reporting a risk of turning criminal in the browser', function () {
  this.timeout(180_000);
  let api: RunningApi;
  let data: Seeded;
  let browser: Browser;
  let page: Page;
  let caseId: number;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    data = await seed(api.url);
    // The seed assigns its first cases to this mediator; take one of them (still low or medium risk).
    const { api: mediator } = await login(api.url, data.users.mediator2.username, data.users.mediator2.password);
    const mine = (await mediator.get(`/cases?filter=${encodeURIComponent(JSON.stringify({ mediatorId: data.users.mediator2.id }))}`)) as Array<{ id: number; risk: string; criminalRisk: boolean }>;
    const target = mine.find((c) => c.risk !== 'high' && c.risk !== 'critical');
    expect(target, 'a case of the mediator below high risk').not.to.equal(undefined);
    expect(target!.criminalRisk).to.equal(false);
    caseId = target!.id;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(10_000);
    await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${api.url}/#/login`);
    await page.fill('input[name=username]', data.users.mediator2.username);
    await page.fill('input[name=password]', data.users.mediator2.password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('asks for the measures, files the report and shows it recorded on the case page', async () => {
    await page.goto(`${api.url}/#/cases/${caseId}/show`);
    await page.locator('[data-testid=case-number]').waitFor();
    expect(await page.locator('[data-testid=criminal-risk]').count()).to.equal(0);
    await page.locator('[data-testid=case-actions] button[data-action=reportCriminalRisk]').click();
    const dialog = page.locator('[data-testid=dialog-reportCriminalRisk]');
    await dialog.waitFor();
    await dialog.locator('[data-testid=action-submit]').click();
    await dialog.getByText('必填').first().waitFor();
    await dialog.locator('textarea[name=measures]').fill('已分别约谈双方，收缴其携带的棍棒，安排网格员每日走访');
    await dialog.locator('input[name=policeStation]').fill('城关派出所');
    await dialog.locator('[data-testid=action-submit]').click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator('[data-testid=criminal-risk]').waitFor();
    expect(await page.locator('[data-testid=criminal-risk]').textContent()).to.contain('民转刑风险');
    const event = page.locator('[data-testid=timeline] [data-event=reportCriminalRisk]');
    await event.waitFor();
    const text = await event.textContent();
    expect(text).to.contain('报告民转刑风险');
    expect(text).to.contain('收缴其携带的棍棒');
    expect(text).to.contain('城关派出所');
    await page.screenshot({ path: join(ARTIFACTS, '30-criminal-risk.png'), fullPage: true });

    const { api: leader } = await login(api.url, data.users.leader.username, data.users.leader.password);
    const recorded = await leader.get(`/cases/${caseId}`);
    expect([recorded.criminalRisk, recorded.risk]).to.deep.equal([true, 'high']);
    const warnings = (await leader.get(`/warnings?filter=${encodeURIComponent(JSON.stringify({ kind: 'criminal_risk' }))}`)) as Array<{ caseId: number; state: string }>;
    expect(warnings.map((w) => [w.caseId, w.state])).to.deep.equal([[caseId, 'open']]);
    expect(errors).to.deep.equal([]);
  });
});
