import { chromium } from 'playwright-core';
const [user, pass, ...paths] = process.argv.slice(2);
const width = Number(process.env.W ?? 1366), height = Number(process.env.H ?? 768);
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console.' + m.type(), m.text().slice(0, 300)); });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url()); });
  await page.goto(`http://127.0.0.1:${process.env.PORT ?? 3999}/#/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', pass);
  await page.click('button[type=submit]');
  await page.waitForTimeout(2500);
  let i = 0;
  for (const p of paths) {
    await page.goto(`http://127.0.0.1:${process.env.PORT ?? 3999}/#` + p);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/tjdev/shot${i++}.png`, fullPage: process.env.FULL === '1' });
  }
  await browser.close();
})();
