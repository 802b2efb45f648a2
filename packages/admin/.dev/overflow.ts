import { chromium } from 'playwright-core';
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('http://127.0.0.1:3999/#/login');
  await page.fill('input[name=username]', 'chen_med');
  await page.fill('input[name=password]', 'e2e-password-1');
  await page.click('button[type=submit]');
  await page.waitForTimeout(2000);
  await page.goto('http://127.0.0.1:3999/#/cases/1/show');
  await page.waitForTimeout(1500);


  await page.waitForTimeout(2500);
  const wide = await page.evaluate(() => { const out = []; let e = document.querySelector('.MuiTabs-list'); while (e) { const cs = getComputedStyle(e); out.push(`${e.tagName}.${String(e.className).slice(0, 50)} w=${Math.round(e.getBoundingClientRect().width)} minW=${cs.minWidth} disp=${cs.display} ov=${cs.overflowX}`); e = e.parentElement; } return out; });
  console.log(wide.join('\n'));
  await browser.close();
})();
