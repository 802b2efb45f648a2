/**
 * What flows out, in a real browser (Debian's chromium through playwright-core) against the real
 * API with its own webhook dispatcher and light sweep: an admin registers a webhook to a receiver
 * on 127.0.0.1 and sees its secret once and a delivery arrive, retries and dismisses dead letters
 * from the page, edits a message template and notifies a case's parties (a failed send is sent
 * again); a mediator sees the bell ring after a transfer to their organization and reads it.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { verifyWebhookSignature } from '@tiaojie/core';
import { WebhookReceiver } from '@tiaojie/core/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, ARTIFACTS, PASSWORD, PERSON_ID, idNumber, login, seed, startApi, type RunningApi, type Seeded } from './support';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** Poll `cond` until it holds (the dispatcher runs in the API process on its own timer). */
async function until(cond: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outcomes flowing out, in the browser', function () {
  this.timeout(180_000);
  let api: RunningApi;
  let data: Seeded;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Awaited<ReturnType<typeof login>>['api'];
  let clerk: Awaited<ReturnType<typeof login>>['api'];
  const hooks = new WebhookReceiver();
  const broken = new WebhookReceiver();
  const gateway = new WebhookReceiver();
  const errors: string[] = [];

  const newCase = (title: string) =>
    clerk.post('/cases', {
      channel: 'walk_in',
      category: 'neighbourhood',
      title,
      description: `${title}，当事人来中心申请调解。`,
      placeOrgId: data.orgs.village,
      parties: [
        { role: 'applicant', kind: 'person', name: '刘建国', idNumber: PERSON_ID, phone: '13800138000' },
        { role: 'respondent', kind: 'person', name: '赵小红', idNumber: idNumber('11010519900202002') },
      ],
    }) as Promise<{ id: number; version: number; caseNumber: string }>;

  async function signIn(p: Page, username: string, password: string) {
    await p.goto(`${api.url}/#/login`);
    await p.fill('input[name=username]', username);
    await p.fill('input[name=password]', password);
    await p.click('button[type=submit]');
    await p.waitForURL((u) => !u.hash.startsWith('#/login'));
  }

  async function newContext(): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    c.setDefaultTimeout(10_000);
    // Nothing may leave the machine.
    await c.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
      errors.push(`external request: ${route.request().url()}`);
      return route.abort();
    });
    return c;
  }

  /** The deliveries page's row of a case, under a filter given in the address. */
  const deliveryRow = (caseId: number) => page.locator('table tbody tr', { has: page.locator(`a[href="#/cases/${caseId}/show"]`) });
  const openDeliveries = (filter: Record<string, unknown>) => page.goto(`${api.url}/#/webhook-deliveries?filter=${encodeURIComponent(JSON.stringify(filter))}`);

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await Promise.all([hooks.listen(), broken.listen(), gateway.listen()]);
    broken.behave = () => ({ status: 500 });
    gateway.behave = () => ({ status: 502 });
    api = await startApi({ WEBHOOK_INTERVAL_MS: '150', WEBHOOK_MAX_ATTEMPTS: '1', WEBHOOK_TIMEOUT_MS: '3000', MESSAGE_GATEWAY_URL: gateway.url });
    data = await seed(api.url);
    admin = (await login(api.url, 'admin', ADMIN_PASSWORD)).api;
    clerk = (await login(api.url, data.users.clerk.username, PASSWORD)).api;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await newContext();
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'admin', ADMIN_PASSWORD);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await page.screenshot({ path: join(ARTIFACTS, `failed-outflow-${this.currentTest.title.replace(/[^\w\u4e00-\u9fa5]+/g, '-')}.png`) }).catch(() => {});
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
    await Promise.all([hooks.close(), broken.close(), gateway.close()]);
  });

  it('registers a webhook, shows its secret once, and lists the signed delivery that arrived', async () => {
    const root = await admin.get(`/organizations/${data.orgs.root}`);
    await page.goto(`${api.url}/#/webhooks/create`);
    await page.locator('input[name=name]').fill('县信访信息系统');
    await page.getByRole('combobox', { name: /所属机构/ }).fill(root.name);
    await page.getByRole('option', { name: root.name, exact: true }).click();
    await page.locator('input[name=url]').fill(hooks.url);
    await page.getByRole('button', { name: '保存' }).click();
    const secretBox = page.locator('[data-testid=webhook-secret]');
    await secretBox.waitFor();
    const secret = (await secretBox.innerText()).trim();
    expect(secret).to.match(/^whsec_/);
    await page.screenshot({ path: join(ARTIFACTS, 'outflow-webhook-secret.png') });
    await page.getByRole('button', { name: '关闭' }).click();
    await page.waitForURL(/#\/webhooks$/);
    await page.locator('table').getByText('县信访信息系统').waitFor();
    // Shown once: the subscription as read back has no secret.
    const [sub] = (await admin.get('/webhooks')).filter((s: { name: string }) => s.name === '县信访信息系统');
    expect(JSON.stringify(sub)).not.to.include(secret);

    const c = await newCase('楼道堆物占用消防通道纠纷');
    await until(async () => hooks.received.some((r) => r.json.case.id === c.id));
    const got = hooks.received.find((r) => r.json.case.id === c.id)!;
    expect(got.event).to.equal('case.registered');
    expect(verifyWebhookSignature(secret, got.signature, got.body)).to.equal(true);
    await openDeliveries({ subscriptionId: sub.id });
    await deliveryRow(c.id).getByText('已送达').waitFor();
  });

  it('shows dead letters, sends one again and dismisses another from the page', async () => {
    const sub = await admin.post('/webhooks', { name: '县法院诉调平台', organizationId: data.orgs.root, scope: 'subtree', url: broken.url, eventTypes: ['case.registered'] });
    const first = await newCase('小区广场舞噪音扰民纠纷');
    const second = await newCase('相邻通行权纠纷');
    const dead = async () => (await admin.get(`/webhook-deliveries?filter=${encodeURIComponent(JSON.stringify({ subscriptionId: sub.id, state: 'dead' }))}`)) as Array<{ id: number; caseId: number }>;
    await until(async () => (await dead()).length === 2);
    broken.behave = () => ({ status: 200 });

    await openDeliveries({ subscriptionId: sub.id, state: 'dead' });
    await deliveryRow(first.id).getByText('已放弃（死信）').waitFor();
    await deliveryRow(second.id).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'outflow-dead-letters.png') });
    await deliveryRow(first.id).getByRole('button', { name: '重新推送' }).click();
    await page.getByText('已重新排队推送').waitFor();
    await deliveryRow(second.id).getByRole('button', { name: '撤销' }).click();
    await page.getByText('已撤销，不再推送').waitFor();

    const deliveryOf = (caseId: number) => admin.get(`/webhook-deliveries?filter=${encodeURIComponent(JSON.stringify({ subscriptionId: sub.id, caseId }))}`).then((r: Array<{ state: string; id: number }>) => r[0]);
    await until(async () => (await deliveryOf(first.id)).state === 'delivered');
    expect((await deliveryOf(second.id)).state).to.equal('dismissed');
    // The receiver got the retried one twice (the failed try and the retry, one delivery id) and the dismissed one once.
    const firstId = String((await deliveryOf(first.id)).id);
    expect(broken.received.filter((r) => r.delivery === firstId).map((r) => r.answered)).to.deep.equal([500, 200]);
    expect(broken.received.filter((r) => r.json.case.id === second.id)).to.have.length(1);
    await openDeliveries({ subscriptionId: sub.id });
    await deliveryRow(first.id).getByText('已送达').waitFor();
    await deliveryRow(second.id).getByText('已撤销').waitFor();
    expect(await deliveryRow(second.id).getByRole('button', { name: '重新推送' }).count()).to.equal(0);
  });

  it('lets an admin edit a message template', async () => {
    await page.goto(`${api.url}/#/message-templates`);
    const box = page.locator('[data-testid=template-acceptance]');
    await box.waitFor();
    await box.fill('{{name}}您好：您的纠纷（{{caseNumber}}）已受理，调解员将与您联系。');
    await page.locator('.MuiCard-root', { has: box }).getByRole('button', { name: '保存' }).click();
    await page.getByText('模板已保存').waitFor();
    expect((await admin.get('/message-templates')).acceptance).to.equal('{{name}}您好：您的纠纷（{{caseNumber}}）已受理，调解员将与您联系。');
  });

  it('notifies the parties from the case page and sends a failed message again', async () => {
    const c = await newCase('宠物犬咬伤邻居赔偿纠纷');
    await page.goto(`${api.url}/#/cases/${c.id}/show`);
    const panel = page.locator('[data-testid=case-messages]');
    await panel.getByText('尚未发送通知').waitFor();
    await panel.locator('[data-testid=message-acceptance]').click();
    await page.locator('[data-testid=message-send]').click();
    await page.getByText(/条发送失败/).waitFor();
    const row = panel.locator('[data-testid=party-messages] tbody tr');
    await row.getByText('发送失败').waitFor();
    expect(await row.count()).to.equal(1);
    await row.getByText('138****8000').waitFor();

    gateway.behave = () => ({ status: 200 });
    await row.locator('[data-testid=message-retry]').click();
    await row.getByText('已发送').waitFor();
    expect(await row.locator('[data-testid=message-retry]').count()).to.equal(0);
    // The gateway got the admin's template twice, to the full number; the page shows it masked.
    expect(gateway.received.map((r) => [r.json.to, r.answered])).to.deep.equal([['13800138000', 502], ['13800138000', 200]]);
    expect(String(gateway.received[1].json.text)).to.equal(`刘建国您好：您的纠纷（${c.caseNumber}）已受理，调解员将与您联系。`);
    // Both on the case's history.
    const history = (await admin.get(`/cases/${c.id}/history`)) as Array<{ action: string }>;
    expect(history.map((e) => e.action).slice(-2)).to.deep.equal(['messageParties', 'retryPartyMessage']);
    await page.getByText('重发通知').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'outflow-case-messages.png'), fullPage: true });
  });

  it('rings the bell of a mediator after a transfer to their organization, until they read it', async () => {
    await admin.post('/users', { username: 'sun_med', displayName: '孙调解', password: PASSWORD, roles: ['mediator'], organizationId: data.orgs.township });
    const c = await newCase('宅基地边界纠纷');
    const v = await clerk.post(`/cases/${c.id}/transitions`, { action: 'accept', triage: 'minor', version: c.version });
    await clerk.post(`/cases/${c.id}/transitions`, { action: 'transfer', toOrganizationId: data.orgs.township, reason: '纠纷发生地在城关镇', version: v.version });

    const mediatorContext = await newContext();
    const m = await mediatorContext.newPage();
    m.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(m, 'sun_med', PASSWORD);
      const bell = m.locator('[data-testid=notification-bell]');
      await bell.locator('.MuiBadge-badge', { hasText: '1' }).waitFor();
      await bell.click();
      const item = m.getByText(`案件${c.caseNumber}已移交本单位，请签收`);
      await item.waitFor();
      await m.screenshot({ path: join(ARTIFACTS, 'outflow-bell.png') });
      await item.click();
      await m.waitForURL(new RegExp(`#/cases/${c.id}/show`));
      await bell.locator('.MuiBadge-invisible').waitFor({ state: 'attached' });
      const { api: mediator } = await login(api.url, 'sun_med', PASSWORD);
      expect((await mediator.get('/notifications/unread-count')).count).to.equal(0);
    } finally {
      await mediatorContext.close();
    }
  });

  it('raised no page errors and no request off the machine', () => {
    expect(errors).to.deep.equal([]);
  });
});
