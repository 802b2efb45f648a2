/**
 * The statistics page in a real browser against the real API: a leader reads the center figures
 * (with their definitions as tooltips), the justice-bureau form, the warnings the seed's cases
 * raised, and exports the figures with progress shown.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ARTIFACTS, seed, startApi, type RunningApi, type Seeded } from './support';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

describe('statistics page in the browser', function () {
  this.timeout(180_000);
  let api: RunningApi;
  let data: Seeded;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    data = await seed(api.url);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    ctx.setDefaultTimeout(10_000);
    await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${api.url}/#/login`);
    await page.fill('input[name=username]', data.users.leader.username);
    await page.fill('input[name=password]', data.users.leader.password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  });
  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('shows this month’s center figures with definitions, from the menu', async () => {
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.waitForURL(/#\/statistics/);
    await expect(await page.locator('[data-testid=received-total]').textContent()).to.equal('5');
    await page.locator('[data-testid=def-acceptanceRate]').first().hover();
    await page.getByRole('tooltip').waitFor();
    expect(await page.getByRole('tooltip').textContent()).to.contain('期间内受理或不予受理的案件数');
    expect(await page.locator('[data-testid=rates]').textContent()).to.contain('100.0%');
    await page.screenshot({ path: join(ARTIFACTS, '20-statistics.png'), fullPage: true });
  });

  it('exports the figures with the bytes received shown', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).to.match(/^中心统计-\d{4}-\d{2}\.xlsx$/);
    expect(await page.locator('[data-testid=export-progress]').textContent()).to.match(/已导出 \d+ KB/);
  });

  it('exports the case list under its filters as .xlsx', async () => {
    await page.goto(`${api.url}/#/cases?filter=${encodeURIComponent(JSON.stringify({ category: 'labour' }))}`);
    await page.getByRole('button', { name: '导出 Excel' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).to.equal('案件列表.xlsx');
    expect(await page.locator('[data-testid=export-progress]').textContent()).to.match(/已导出 \d+ KB/);
    await page.goto(`${api.url}/#/statistics`);
  });

  it('prints the justice-bureau form with the accepted cases', async () => {
    await page.locator('[data-testid=tab-justice]').click();
    const form = page.locator('[data-testid=justice-form]');
    await form.waitFor();
    const total = await form.locator('tbody tr').last().textContent();
    expect(total).to.contain('合计');
    await page.screenshot({ path: join(ARTIFACTS, '21-justice-form.png'), fullPage: true });
  });

  it('lists the warnings the seed raised and opens a class with its history', async () => {
    await page.locator('[data-testid=tab-warnings]').click();
    const table = page.locator('[data-testid=warnings]');
    await table.locator('tbody tr').first().waitFor();
    const text = await table.textContent();
    expect(text).to.contain('同一被申请人');
    expect(text).to.contain('高风险');
    await table.locator('tbody tr', { hasText: '同一被申请人' }).click();
    await page.locator('[data-testid=warning-history]').waitFor();
    await page.getByRole('button', { name: '认领' }).click();
    await page.locator('[data-testid=warning-history]', { hasText: '认领' }).waitFor();
    expect(errors).to.deep.equal([]);
  });

  it('shows the class thresholds, edits the default and adds one for a category, then reads them in English', async () => {
    await page.keyboard.press('Escape'); // the class view of the test before
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.locator('[data-testid=tab-thresholds]').click();
    const table = page.locator('[data-testid=thresholds]');
    const row = (category: string) => table.locator(`tbody tr[data-category="${category}"]`);
    await row('*').waitFor();
    expect(await row('*').textContent()).to.contain('系统默认');
    expect(await row('*').locator('[data-field=windowDays]').textContent()).to.equal('30');

    await row('*').getByRole('button', { name: '修改' }).click();
    let dialog = page.locator('[data-testid=threshold-dialog]');
    await dialog.locator('input[name=windowDays]').fill('20');
    await dialog.locator('input[name=areaCases]').fill('4');
    await dialog.locator('[data-testid=threshold-save]').click();
    await dialog.waitFor({ state: 'detached' });
    await row('*').locator('[data-field=windowDays]', { hasText: '20' }).waitFor();
    expect(await row('*').textContent()).not.to.contain('系统默认');

    await page.locator('[data-testid=threshold-add]').click();
    dialog = page.locator('[data-testid=threshold-dialog]');
    await dialog.getByRole('combobox').click();
    await page.getByRole('option', { name: '劳动争议' }).click();
    await dialog.locator('input[name=respondentCases]').fill('1');
    await dialog.locator('[data-testid=threshold-save]').click();
    expect(await dialog.locator('[data-testid=threshold-error]').textContent()).to.contain('同一被申请人件数');
    await dialog.locator('input[name=respondentCases]').fill('2');
    await dialog.locator('[data-testid=threshold-save]').click();
    await dialog.waitFor({ state: 'detached' });
    await row('labour').waitFor();
    expect(await row('labour').locator('[data-field=respondentCases]').textContent()).to.equal('2');
    await page.screenshot({ path: join(ARTIFACTS, '23-class-thresholds.png'), fullPage: true });

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.locator('[data-testid=tab-thresholds]', { hasText: 'Class thresholds' }).click();
    await table.locator('thead', { hasText: 'Cases against one respondent' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    expect(errors).to.deep.equal([]);
  });
});
