/**
 * The admin's statistics page timed in a real browser (issue 10: "the statistics page of the
 * admin in under 1 s"): Debian's chromium driven by playwright-core, against the API the bench
 * started, signed in as the leader. Each figure is the time a person waits:
 *
 * - **open**: a new tab opens `/#/statistics` (signed in: the token is in the browser's storage)
 *   until this month's center figures are on the screen — the page's scripts, the app's start,
 *   the organization list and the report;
 * - **year**: the period picker set to 年度 until the year's figures are on the screen;
 * - **menu**: from the dashboard, 统计分析 in the menu until this month's figures are on the screen
 *   (the app already loaded, as a person moving about in it);
 * - **justice**: the 统计报表 tab clicked until the justice-bureau form of that year is on the screen (the
 *   tabs share the period).
 *
 * Used by `http.ts` (key `statistics`); needs `/usr/bin/chromium` (or `CHROMIUM_PATH`).
 */
import { existsSync } from 'node:fs';

export interface PageTimes {
  runs: number;
  open: number[];
  year: number[];
  justice: number[];
  menu: number[];
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const canTimePages = () => existsSync(chromiumPath());

export async function timeStatisticsPage(apiUrl: string, username: string, password: string, runs = 5): Promise<PageTimes> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const times: PageTimes = { runs, open: [], year: [], justice: [], menu: [] };
  try {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(60_000);
    // Loopback only: nothing leaves the machine.
    await ctx.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    const signIn = await ctx.newPage();
    await signIn.goto(`${apiUrl}/#/login`);
    await signIn.fill('input[name=username]', username);
    await signIn.fill('input[name=password]', password);
    await signIn.click('button[type=submit]');
    await signIn.waitForURL((u) => !u.hash.startsWith('#/login'));
    await signIn.close();
    const year = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
    // One run unmeasured first: the browser's cache and the API's first queries warm up, as for a
    // person who opened the admin before.
    for (let i = 0; i <= runs; i++) {
      const page = await ctx.newPage();
      let t0 = performance.now();
      await page.goto(`${apiUrl}/#/statistics`);
      await page.locator('[data-testid=received-total]').waitFor();
      const open = performance.now() - t0;

      await page.getByRole('combobox', { name: '统计期间' }).click();
      const yearAnswer = page.waitForResponse((r) => r.url().includes('/api/figures/center') && new URL(r.url()).searchParams.get('period') === year);
      // The clock starts when the option can be clicked (the menu's opening animation over), as a
      // person clicks what they see: a trial click waits for that without clicking.
      const option = page.getByRole('option', { name: '年度' });
      await option.click({ trial: true });
      t0 = performance.now();
      await option.click();
      await (await yearAnswer).finished();
      await page.locator('[data-testid=received-total]').waitFor();
      await page.evaluate("new Promise((r) => requestAnimationFrame(() => r(null)))");
      const yearMs = performance.now() - t0;

      const tab = page.locator('[data-testid=tab-justice]');
      await tab.click({ trial: true });
      t0 = performance.now();
      await tab.click();
      await page.locator('[data-testid=justice-form] tbody tr').last().waitFor();
      const justice = performance.now() - t0;

      // Back on the dashboard (the app stays loaded), then 统计分析 from the menu.
      await page.goto(`${apiUrl}/#/`);
      await page.locator('[data-testid=received-total]').waitFor({ state: 'detached' });
      const item = page.getByRole('menuitem', { name: '统计分析' });
      await item.click({ trial: true });
      t0 = performance.now();
      await item.click();
      await page.locator('[data-testid=received-total]').waitFor();
      const menu = performance.now() - t0;
      await page.close();
      if (i > 0) {
        times.open.push(open);
        times.year.push(yearMs);
        times.justice.push(justice);
        times.menu.push(menu);
      }
    }
  } finally {
    await browser.close();
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs: number[]) => Math.max(...xs);

export function pageTable(t: PageTimes): string {
  const row = (what: string, xs: number[]) => `| ${what} | ${Math.round(median(xs))} | ${Math.round(max(xs))} |`;
  return [
    `Statistics page in chromium (leader, ${t.runs} runs after one warm-up):`,
    '',
    '| the leader waits for | p50 ms | max ms |',
    '|---|---:|---:|',
    row('a new tab at `/#/statistics` until this month’s figures show', t.open),
    row('the period set to 年度 until the year’s figures show', t.year),
    row('then the 统计报表 tab until the year’s justice-bureau form shows', t.justice),
    row('from the dashboard, 统计分析 in the menu until this month’s figures show', t.menu),
  ].join('\n');
}
