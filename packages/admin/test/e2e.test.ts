/**
 * The admin in a real browser (Debian's chromium through playwright-core) against the real API on
 * a fresh SQLite file: a mediator registers a walk-in case and takes it from acceptance to closing,
 * a grid worker reports a dispute from a phone, and the interface switches to English.
 * Screenshots of the main pages go to test-artifacts/ (and, when good, into docs/screenshots/).
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, ARTIFACTS, PERSON_ID, idNumber, publishDocShots, seed, startApi, type RunningApi, type Seeded } from './support';

/** The screenshots the user guide shows; `UPDATE_DOCS_SCREENSHOTS=1 npm test` refreshes docs/screenshots. */
const DOC_SHOTS = [
  '01-login', '04-register', '05-record-session', '06-settle', '07-agreement', '08-case-closed',
  '09-refused', '10-person', '11-phone-report', '12-phone-case', '13-english', '16-consultation',
  '17-bulk-assign', '18-supervision', '07b-papers',
];
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

describe('admin in the browser', function () {
  this.timeout(180_000);
  let api: RunningApi;
  let data: Seeded;
  let browser: Browser;
  let desk: BrowserContext;
  let page: Page;
  let caseUrl = '';
  const errors: string[] = [];
  let failures = 0;

  async function shot(name: string, p: Page = page, fullPage = false) {
    if (fullPage) {
      // From the top, with the app bar back in place and no notification over the page.
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.waitForTimeout(400);
    }
    await p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
  }

  async function signIn(p: Page, username: string, password: string) {
    await p.goto(`${api.url}/#/login`);
    await p.fill('input[name=username]', username);
    await p.fill('input[name=password]', password);
    await p.click('button[type=submit]');
    await p.waitForURL((u) => !u.hash.startsWith('#/login'));
  }

  /** Opens an action's dialog from its button, lets `fill` complete the form, submits, and waits for the dialog to close. */
  async function act(action: string, fill: (dialog: ReturnType<Page['locator']>) => Promise<void> = async () => {}) {
    await page.locator(`[data-testid=case-actions] button[data-action=${action}]`).click();
    const dialog = page.locator(`[data-testid=dialog-${action}]`);
    await dialog.waitFor();
    await fill(dialog);
    await dialog.locator('[data-testid=action-submit]').click();
    await dialog.waitFor({ state: 'detached' });
  }

  async function chooseOption(p: Page, scope: ReturnType<Page['locator']> | Page, label: RegExp, option: string) {
    await scope.getByRole('combobox', { name: label }).click();
    await p.getByRole('option', { name: option, exact: true }).click();
  }

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    api = await startApi();
    data = await seed(api.url);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    desk.setDefaultTimeout(10_000);
    page = await desk.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // Nothing may leave the machine: no telemetry, no fonts or scripts from a CDN.
    await desk.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
      errors.push(`external request: ${route.request().url()}`);
      return route.abort();
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') failures++;
    if (this.currentTest?.state === 'failed' && page) await shot(`failed-${this.currentTest.title.replace(/[^\w\u4e00-\u9fa5]+/g, '-')}`).catch(() => {});
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
    publishDocShots(DOC_SHOTS, failures);
  });

  it('signs a mediator in, in Chinese, and shows the dashboard', async () => {
    await page.goto(`${api.url}/#/login`);
    await page.getByText('矛盾纠纷调处化解中心').first().waitFor();
    await shot('01-login');
    await signIn(page, data.users.mediator.username, data.users.mediator.password);
    await page.getByText('您好，陈调解').waitFor();
    await page.locator('[data-testid=my-queue]').waitFor();
    await page.locator('[data-testid=channel-chart] .recharts-bar-rectangle').first().waitFor();
    await shot('02-dashboard');
    // The menu follows the roles: a mediator-clerk registers cases but does not manage users.
    const register = page.getByRole('menuitem', { name: '登记案件' });
    await register.waitFor();
    expect(await register.count()).to.equal(1);
    expect(await page.getByRole('menuitem', { name: '用户' }).count()).to.equal(0);
  });

  it('lists the cases with their lights, channels and risks', async () => {
    await page.getByRole('menuitem', { name: '案件' }).first().click();
    await page.waitForURL(/#\/cases/);
    await page.locator('table').getByText('某建筑公司拖欠十二名农民工工资').waitFor();
    // The five seeded cases, all registered moments ago: each row shows a running clock's green light.
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 5);
    const lights = await page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('[data-light]')?.getAttribute('data-light') ?? null));
    expect(lights).to.deep.equal(['green', 'green', 'green', 'green', 'green']);
    await page.getByText('高风险').first().waitFor();
    await shot('03-case-list');
  });

  it('registers a walk-in case', async () => {
    await page.goto(`${api.url}/#/cases/create`);
    await page.locator('input[name=title]').waitFor();
    await chooseOption(page, page, /^纠纷类型/, '邻里');
    await page.fill('input[name=title]', '楼上漏水致楼下天花板受损赔偿纠纷');
    await page.fill('textarea[name=description]', '申请人称楼上住户卫生间防水层老化漏水，致其家中天花板和墙面受损，双方就维修费用协商未果，来中心申请调解。');
    await page.fill('input[name=amountYuan]', '8600.50');
    await page.fill('input[name="parties.0.name"]', '黄志强');
    await page.fill('input[name="parties.0.idNumber"]', idNumber('14010519750315003'));
    await page.fill('input[name="parties.0.phone"]', '13912345678');
    await page.fill('input[name="parties.1.name"]', '吴桂兰');
    // The applicant's agent with a special authority (委托代理人, 特别授权), as the edit-party form takes it.
    await page.locator('button.button-add-parties\\.0\\.agents').click();
    await page.fill('input[name="parties.0.agents.0.name"]', '周律师');
    await chooseOption(page, page, /^代理权限/, '特别授权');
    await page.fill('input[name="parties.0.agents.0.scope"]', '代为承认、放弃、变更调解请求，签署调解协议');
    await shot('04-register', page, true);
    // A wrong ID number is caught in Chinese before anything is sent.
    await page.fill('input[name="parties.1.idNumber"]', '123456');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('身份证号格式不正确').waitFor();
    await page.fill('input[name="parties.1.idNumber"]', PERSON_ID);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/cases\/\d+\/show/);
    caseUrl = page.url();
    await page.locator('[data-testid=case-number]').getByText(/（2026）.*调字第[1-9]\d*号/).waitFor();
    await page.getByText('¥8,600.50').waitFor();
    // Parties are shown with masked ID numbers.
    await page.locator('[data-testid=parties]').getByText(/^1401\*+/).waitFor();
    await page.locator('[data-testid=party-agents]').getByText('委托代理人：周律师（特别授权：代为承认、放弃、变更调解请求，签署调解协议）').waitFor();
    // Those who need them may see the full numbers; the API records who looked.
    await page.locator('[data-testid=reveal-parties]').click();
    await page.locator('[data-testid=parties]').getByText(idNumber('14010519750315003')).waitFor();
  });

  it('adds a third party to the case', async () => {
    await act('editParty', async (d) => {
      await chooseOption(page, d, /^当事人类型/, '第三人');
      await d.locator('input[name=name]').fill('吴小兰');
      await d.locator('input[name=phone]').fill('13912345678');
    });
    await page.locator('[data-testid=parties]').getByText('吴小兰').waitFor();
    await page.locator('[data-testid=parties]').getByText('第三人').waitFor();
  });

  it('accepts, assigns and starts mediating the case', async () => {
    await act('accept', async (d) => {
      await d.locator('input[type=radio][value=minor]').check();
    });
    await act('assign', async (d) => {
      await d.getByRole('combobox', { name: /^调解员/ }).click();
      await d.getByRole('combobox', { name: /^调解员/ }).fill('陈');
      await page.getByRole('option', { name: '陈调解' }).click();
    });
    await act('startMediation');
    await page.locator('[data-testid=case-actions] button[data-action=recordSession]').waitFor();
  });

  it('records a session with Chinese validation of the required fields', async () => {
    await page.locator('[data-testid=case-actions] button[data-action=recordSession]').click();
    const dialog = page.locator('[data-testid=dialog-recordSession]');
    await dialog.locator('[data-testid=action-submit]').click();
    await dialog.getByText('必填').first().waitFor();
    await dialog.locator('input[name=place]').fill('城关镇矛调中心第二调解室');
    await dialog.locator('textarea[name=participants]').fill('申请人黄志强，被申请人吴桂兰，调解员陈调解，社区网格员张网格');
    await dialog.locator('textarea[name=minutes]').fill('调解员释明相邻关系的法律规定，组织双方查看漏水现场。被申请人同意承担维修费用，双方就金额达成初步一致。');
    await dialog.locator('input[name=outcome]').fill('初步达成一致');
    await shot('05-record-session');
    await dialog.locator('[data-testid=action-submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-tab=sessions]').click();
    await page.locator('[data-testid=session]').getByText('城关镇矛调中心第二调解室', { exact: false }).waitFor();
  });

  it('settles with an agreement', async () => {
    await act('settle', async (d) => {
      await d.locator('textarea[name="agreement.disputes"]').fill('漏水损失的赔偿数额及维修责任。');
      await d.locator('textarea[name="agreement.responsibilities"]').fill('被申请人对防水层老化负有维护责任，应承担主要责任。');
      await d.locator('textarea[name="agreement.terms"]').fill('一、被申请人于2026年12月31日前一次性支付申请人维修费人民币陆仟元整；\n二、被申请人于十日内修复卫生间防水层；\n三、双方就此纠纷再无其他争议。');
      await d.locator('input[name="agreement.amountFen"]').fill('6000');
      await d.locator('input[name="agreement.performanceMethod"]').fill('银行转账一次性支付');
      await d.locator('input[name="agreement.performanceDeadline"]').fill('2026-12-31');
      await shot('06-settle');
    });
    await page.locator('[data-tab=agreement]').click();
    await page.locator('[data-testid=agreement]').getByText('¥6,000.00').waitFor();
    await shot('07-agreement', page, true);
  });

  it('downloads the agreement from the 文书 panel and uploads the signed scan, refusing a wrong type in Chinese', async () => {
    const docs = page.locator('[data-testid=case-documents]');
    await docs.locator('[data-testid=document-agreement]').waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), docs.locator('[data-testid=document-agreement]').click()]);
    expect(file.suggestedFilename()).to.match(/^（\d{4}）.+调字第[1-9]\d*号人民调解协议书\.docx$/);
    const panel = page.locator('[data-testid=case-attachments]');
    await panel.locator('[data-testid=attachment-file]').setInputFiles({ name: '签字页.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf at all') });
    await panel.locator('[data-testid=attachment-error]').getByText('只能上传 PDF').waitFor();
    await panel.locator('[data-testid=attachment-file]').setInputFiles({ name: '签字页.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n签字页\n%%EOF\n') });
    await panel.locator('[data-testid=attachments]').getByText('签字页.pdf').waitFor();
    await shot('07b-papers', page, true);
  });

  it('records performance, follows up and closes the case', async () => {
    await act('recordPerformance', async (d) => {
      await d.locator('input[type=radio][value=performed]').check();
      await d.locator('input[name=amountPaidFen]').fill('6000');
    });
    await page.locator('[data-tab=agreement]').click();
    await page.locator('[data-testid=performance]').getByText('已履行').waitFor();
    await act('followUp', async (d) => {
      await d.locator('input[type=radio][value=satisfied]').check();
      await d.locator('textarea[name=note]').fill('双方均表示满意，维修已完成。');
    });
    await act('close', async (d) => {
      await d.locator('textarea[name=summary]').fill('双方达成调解协议，已履行完毕。');
    });
    await page.locator('[data-testid=case-number]').locator('..').getByText('已结案').waitFor();
  });

  it('shows every step in the timeline', async () => {
    const timeline = page.locator('[data-testid=timeline]');
    await timeline.locator('[data-event=close]').waitFor();
    const events = await timeline.locator('[data-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));
    for (const step of ['accept', 'assign', 'startMediation', 'recordSession', 'settle', 'followUp', 'close']) expect(events, step).to.include(step);
    expect(events.indexOf('accept')).to.be.lessThan(events.indexOf('close'));
    await timeline.getByText('调解成功').first().waitFor();
    await page.locator('[data-tab=follow_ups]').click();
    await page.locator('[data-testid=follow-up]').getByText('满意').first().waitFor();
    await shot('08-case-closed', page, true);
  });

  it('shows the reason when the case does not allow an action', async () => {
    await page.locator('[data-testid=more-actions]').click();
    await page.getByRole('menuitem', { name: '受理', exact: true }).click();
    const dialog = page.locator('[data-testid=dialog-accept]');
    await dialog.locator('input[type=radio][value=minor]').check();
    await dialog.locator('[data-testid=action-submit]').click();
    const error = dialog.locator('[data-testid=action-error]');
    await error.waitFor();
    expect(await error.innerText()).to.match(/案件当前状态下不能执行“受理”/);
    await page.waitForTimeout(300); // let the menu fade out
    await shot('09-refused');
    await dialog.getByRole('button', { name: '取消' }).click();
  });

  it('finds a person’s cases by ID card number (一人一档)', async () => {
    await page.goto(`${api.url}/#/persons`);
    await page.fill('[data-testid=person-id]', PERSON_ID);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('[data-testid=person-cases]').getByText('楼上漏水致楼下天花板受损赔偿纠纷').waitFor();
    await shot('10-person');
  });

  it('searches and filters the case list', async () => {
    await page.goto(`${api.url}/#/cases`);
    await page.locator('input[name=q]').fill('漏水');
    await page.locator('table').getByText('楼上漏水致楼下天花板受损赔偿纠纷').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);
    await page.goto(`${api.url}/#/cases?filter=${encodeURIComponent(JSON.stringify({ status: ['assigned'] }))}`);
    await page.locator('table').getByText('某建筑公司拖欠十二名农民工工资').waitFor();
    expect(await page.locator('table').getByText('楼上漏水致楼下天花板受损赔偿纠纷').count()).to.equal(0);
  });

  it('assigns several cases at once and reports those the lifecycle refuses', async () => {
    await page.goto(`${api.url}/#/cases?filter=${encodeURIComponent(JSON.stringify({ status: ['accepted', 'registered'] }))}`);
    for (const title of ['离婚后子女抚养费支付纠纷', '小区电梯维修费用分摊纠纷']) await page.locator('tr', { hasText: title }).locator('input[type=checkbox]').check();
    await page.locator('[data-testid=bulk-assign]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /^调解员/ }).fill('李');
    await page.getByRole('option', { name: '李德明' }).click();
    await shot('17-bulk-assign');
    await dialog.getByRole('button', { name: '分派' }).click();
    await page.getByText(/已分派 1 件，1 件未分派.*案件当前状态下不能执行“分派”/).waitFor();
  });

  it('lets a leader open a supervision order', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(10_000);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await signIn(p, data.users.leader.username, data.users.leader.password);
    await p.locator('[data-testid=stat-risk]').waitFor();
    await p.getByText('某建筑公司拖欠十二名农民工工资').first().click();
    await p.locator('[data-testid=case-actions] button[data-action=openSupervision]').click();
    const dialog = p.locator('[data-testid=dialog-openSupervision]');
    await dialog.locator('textarea[name=instructions]').fill('涉及农民工十二人，请于七日内调处到位并报告结果。');
    await dialog.locator('[data-testid=action-submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await p.locator('[data-testid=case-number]').locator('..').getByText('督办').waitFor();
    await p.locator('[data-tab=supervision]').click();
    await p.getByText('督办中').waitFor();
    await shot('18-supervision', p, true);
    await p.goto(`${api.url}/#/`);
    await p.locator('[data-testid=stat-supervisions]').getByText('1').waitFor();
    await shot('19-leader-dashboard', p);
    await ctx.close();
  });

  it('lets a grid worker report a dispute from a 390-pixel phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    phone.setDefaultTimeout(10_000);
    const p = await phone.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await signIn(p, data.users.grid.username, data.users.grid.password);
    await p.getByRole('link', { name: '上报纠纷' }).click();
    await p.locator('input[name=title]').waitFor();
    // A grid worker's report is always from the grid channel: no channel choice.
    expect(await p.locator('input[name=channel]').count()).to.equal(0);
    await chooseOption(p, p, /^纠纷类型/, '物业');
    await p.fill('input[name=title]', '小区停车位被占用引发争执');
    await p.fill('textarea[name=description]', '网格巡查发现3号楼业主与物业因地面停车位被长期占用发生争执，情绪激动，需尽快调解。');
    await p.fill('input[name="parties.0.name"]', '钱立军');
    await p.fill('input[name="parties.0.phone"]', '13698765432');
    await p.locator('input[name="parties.1.name"]').fill('青山物业服务有限公司');
    await p.locator('input[name="parties.1.kind"][value=organization]').check();
    await p.locator('input[name="parties.1.creditCode"]').fill('91140105MA0K123456');
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no horizontal scrolling on the phone').to.be.at.most(390);
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.waitForTimeout(300);
    await shot('11-phone-report', p);
    await p.getByRole('button', { name: '保存' }).click();
    await p.waitForURL(/#\/cases\/\d+\/show/);
    await p.getByText('小区停车位被占用引发争执').first().waitFor();
    await p.getByText('网格上报').first().waitFor();
    await p.locator('[data-testid=deadline]').waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth), 'the case page fits the phone').to.be.at.most(390);
    await shot('12-phone-case', p);
    await phone.close();
  });

  it('switches to English', async () => {
    await page.goto(caseUrl);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('History').waitFor();
    await page.getByRole('menuitem', { name: 'Dashboard' }).waitFor();
    await page.getByText('Closed').first().waitFor();
    await shot('13-english');
    // The API answers in the user's language too.
    await page.locator('[data-testid=more-actions]').click();
    await page.getByRole('menuitem', { name: 'Accept', exact: true }).click();
    const dialog = page.locator('[data-testid=dialog-accept]');
    await dialog.locator('input[type=radio][value=minor]').check();
    await dialog.locator('[data-testid=action-submit]').click();
    expect(await dialog.locator('[data-testid=action-error]').innerText()).to.match(/not possible/i);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByText('办理经过').waitFor();
  });

  it('shows the organization tree and the policies to the center admin', async () => {
    const admin = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    admin.setDefaultTimeout(10_000);
    const p = await admin.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await signIn(p, 'admin', ADMIN_PASSWORD);
    await p.getByRole('menuitem', { name: '组织' }).click();
    await p.locator('[data-testid=org-tree]').getByText('城东社区第一网格').waitFor();
    await shot('14-organizations', p);
    // Add a grid under a village from its "+" in the tree.
    await p.locator('[data-org=解放村] a[aria-label=添加下级]').click();
    await p.locator('input[name=name]').fill('解放村第一网格');
    await chooseOption(p, p, /^类型/, '网格');
    await p.getByRole('button', { name: '保存' }).click();
    await p.locator('[data-testid=org-tree]').getByText('解放村第一网格').waitFor();
    await p.getByRole('menuitem', { name: '用户' }).click();
    await p.getByText('陈调解').waitFor();
    await shot('15-users', p);
    await p.getByRole('menuitem', { name: '时限规则' }).click();
    await p.waitForURL(/sla-policies/);
    await p.waitForTimeout(500);
    await shot('20-sla-policies', p);
    // An API key for a channel body is shown once.
    await p.goto(`${api.url}/#/api-keys/create`);
    await p.locator('input[name=name]').fill('法院诉调对接系统');
    await p.getByRole('combobox', { name: /^渠道机构/ }).fill('法院');
    await p.getByRole('option', { name: '县人民法院诉调对接工作室' }).click();
    await chooseOption(p, p, /^渠道( \*)?$/, '诉调对接');
    await p.getByRole('button', { name: '保存' }).click();
    const key = await p.locator('[data-testid=api-key]').innerText();
    expect(key).to.match(/^tj_[\w-]{32}$/);
    await p.getByRole('button', { name: '关闭' }).click();
    await p.getByText('法院诉调对接系统').waitFor();
    await admin.close();
  });

  it('lets a legal adviser log a consultation in a village they serve', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.setDefaultTimeout(10_000);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    await signIn(p, data.users.adviser.username, data.users.adviser.password);
    await p.getByRole('menuitem', { name: '我的咨询' }).click();
    await p.locator('[data-testid=quick-consultation]').click();
    const dialog = p.getByRole('dialog');
    await chooseOption(p, dialog, /^村\/社区/, '城东社区');
    await dialog.locator('input[name=personName]').fill('孙大爷');
    await chooseOption(p, dialog, /^问题类型/, '土地山林权属');
    await dialog.locator('textarea[name=question]').fill('宅基地边界与邻居有争议，能否申请调解？');
    await dialog.locator('textarea[name=answer]').fill('可以向村调委会或镇矛调中心申请调解，并携带宅基地使用证等材料。');
    await p.waitForTimeout(400); // let the category menu fade out
    await shot('16-consultation', p);
    await dialog.getByRole('button', { name: '保存' }).click();
    await p.getByText('咨询已登记').waitFor();
    await p.getByRole('cell', { name: '孙大爷' }).waitFor();
    await p.getByRole('menuitem', { name: '我的驻点村' }).click();
    await p.getByText('城东社区').first().waitFor();
    await ctx.close();
  });

  it('raised no page errors and made no external requests', () => {
    expect(errors).to.deep.equal([]);
  });
});
