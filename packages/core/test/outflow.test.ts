import { expect } from 'chai';
import {
  CaseOutcomeEvent, OutgoingMessage, channelCaseSchema, caseOutcomeEventSchema, DAY_MS, LightReminder, ManualClock, Notification, OutboxEvent, systemClock, Tiaojie,
  transaction, verifyWebhookSignature, WebhookDelivery,
} from '../src';
import { appendEvent } from '../src/history/chain';
import { buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';
import { inOrderPerCase, Receiver } from '../src/testing/webhook-receiver';

const SECRET = 'test-secret-0123456789abcdef';
const court = (ref: string) => ({ ...walkIn(), channel: undefined, sourceRef: ref, category: 'contract', title: `合同纠纷 ${ref}` });
const until = async (cond: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

forEachEngine('outflow', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  let receiver: Receiver;
  let subId: number;
  let refs = 0;
  const principal = () => ({ organizationId: center.org.courtDesk.id, channel: 'court' as const });
  /** A court case pushed in, accepted and assigned by the county admin: three events. */
  const courtCase = async () => {
    const { case: c } = await tj.cases.intake(principal(), court(`（2026）晋0105民诉前调${++refs}号`));
    let v = await tj.cases.run(a.admin, c.id, 'accept', { triage: 'minor' }, c.version);
    v = await tj.cases.run(a.admin, c.id, 'assign', { mediatorId: center.user.countyMediator.id }, v.version);
    return v;
  };
  const deliveries = (where: Record<string, unknown> = {}) => tj.dataSource.getRepository(WebhookDelivery).find({ where: { subscriptionId: subId, ...where } as never, order: { id: 'ASC' } });

  before(async () => {
    tj = await db().open({ clock: systemClock });
    center = await buildCenter(tj);
    a = center.actor;
    receiver = await new Receiver().listen();
    subId = (await tj.webhooks.create(a.admin, { name: '法院诉调平台', organizationId: center.org.courtDesk.id, url: receiver.url, secret: SECRET })).id;
  });
  after(async () => {
    await receiver?.close();
    await tj?.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.behave = () => ({ status: 200 });
  });

  describe('events and the outbox', () => {
    it('writes an event and a delivery in the command’s transaction, and only channel-safe fields', async () => {
      const c = await courtCase();
      const events = await tj.dataSource.getRepository(OutboxEvent).find({ where: { caseId: c.id }, order: { seq: 'ASC' } });
      expect(events.map((e) => e.type)).to.deep.equal(['case.registered', 'case.accepted', 'case.assigned']);
      for (const e of events) {
        const body = JSON.parse(e.body);
        expect(caseOutcomeEventSchema.validate(body).error).to.equal(undefined);
        expect(Object.keys(body.case).sort()).to.deep.equal(Object.keys(channelCaseSchema.describe().keys).sort());
        // The parties' names and ID numbers, the mediator and the handling organization stay inside.
        expect(e.body).not.to.match(/张三|李四|11010519491231002X|mediator|handlingOrg/);
      }
      expect((await deliveries({ caseId: c.id })).map((d) => d.state)).to.deep.equal(['pending', 'pending', 'pending']);
    });

    it('writes nothing for a change that rolls back, and tells in-process subscribers only after commit', async () => {
      const c = await courtCase();
      const heard: CaseOutcomeEvent[] = [];
      const off = tj.events.on('case.mediation_started', (e) => void heard.push(e));
      const before = await tj.dataSource.getRepository(OutboxEvent).countBy({ caseId: c.id });
      const boom = await transaction(tj.dataSource, async (em) => {
        await appendEvent(em, { caseId: c.id, action: 'startMediation', actor: a.countyMediator, at: new Date(), fromStatus: 'assigned', toStatus: 'mediating', changes: {}, payload: {} });
        throw new Error('boom');
      }).catch((e: Error) => e.message);
      expect(boom).to.equal('boom');
      await new Promise((r) => setTimeout(r, 50));
      expect(await tj.dataSource.getRepository(OutboxEvent).countBy({ caseId: c.id })).to.equal(before);
      expect(await deliveries({ caseId: c.id })).to.have.length(3);
      expect(heard).to.have.length(0);

      await tj.cases.run(a.countyMediator, c.id, 'startMediation', {}, c.version);
      await until(() => heard.length === 1);
      off();
      expect(heard[0]).to.include({ type: 'case.mediation_started', sequence: 4 });
      expect(heard[0].case).to.include({ id: c.id, status: 'mediating' });
      expect(await deliveries({ caseId: c.id })).to.have.length(4);
    });

    it('sends a channel body only the cases it sent, and an admin’s system its subtree’s', async () => {
      const east = await tj.webhooks.create(a.admin, { name: '东关镇系统', organizationId: center.org.east.id, url: receiver.url, eventTypes: ['case.accepted'] });
      expect(east.scope).to.equal('subtree');
      expect(east.secret).to.match(/^whsec_/);
      const walk = (await tj.cases.register(a.clerk, walkIn())).case;
      await tj.cases.run(a.clerk, walk.id, 'accept', { triage: 'minor' }, walk.version);
      const rows = await tj.dataSource.getRepository(WebhookDelivery).findBy({ caseId: walk.id });
      // Not the court's (it did not send it); the township's system only for the type it asked.
      expect(rows.map((r) => [r.subscriptionId, r.eventType])).to.deep.equal([[east.id, 'case.accepted']]);
      await tj.webhooks.update(a.admin, east.id, { active: false }, east.version);
    });
  });

  describe('the dispatcher', () => {
    it('delivers every event once, in order per case, signed, through failures, slow answers and a restart', async () => {
      const cases = await Promise.all([courtCase(), courtCase(), courtCase()]);
      const ids = new Set(cases.map((c) => c.id));
      let restarted = false;
      receiver.behave = (r, nth) => {
        if (r.json.sequence === 2 && nth === 1) return { status: 503 };
        if (r.json.sequence === 3 && nth === 1) return { status: 200, delayMs: 150 };
        return { status: 200 };
      };
      const d1 = tj.dispatcher({ backoffMs: 20, maxAttempts: 5, timeoutMs: 2000 });
      const d2 = tj.dispatcher({ backoffMs: 20, maxAttempts: 5, timeoutMs: 2000 });
      const pass = async () => {
        await Promise.all([d1.tick(), d2.tick()]);
        if (!restarted && receiver.received.length >= 3) {
          restarted = true;
          await receiver.close(); // refused connections for a while
          await Promise.all([d1.tick(), d2.tick()]);
          await receiver.listen();
        }
      };
      await until(async () => {
        await pass();
        return (await tj.dataSource.getRepository(WebhookDelivery).countBy({ subscriptionId: subId, state: 'pending' })) === 0;
      }, 20_000);
      const mine = receiver.accepted().filter((r) => ids.has(r.json.case.id));
      expect(mine).to.have.length(9);
      expect(inOrderPerCase(mine)).to.equal(true);
      expect(new Set(mine.map((r) => r.delivery)).size).to.equal(9);
      for (const r of receiver.received) expect(verifyWebhookSignature(SECRET, r.signature, r.body)).to.equal(true);
      expect(verifyWebhookSignature('another-secret-0123456789', mine[0].signature, mine[0].body)).to.equal(false);
      expect(verifyWebhookSignature(SECRET, mine[0].signature, mine[0].body.replace('"case"', '"Case"'))).to.equal(false);
      expect(mine[0].event).to.equal(mine[0].json.type);
      // Two dispatchers, and none sent an event twice at once: every delivery answered 2xx once.
      const ok = receiver.received.filter((r) => r.answered === 200 && ids.has(r.json.case.id));
      expect(ok).to.have.length(9);
    });

    it('gives up after the configured attempts, holds the case’s later events meanwhile, and an admin retries', async () => {
      const c = await courtCase();
      receiver.behave = (r) => (r.json.case.id === c.id ? 'hang' : { status: 200 });
      const d = tj.dispatcher({ backoffMs: 1, maxAttempts: 2, timeoutMs: 200 });
      await until(async () => (await d.tick(), (await deliveries({ caseId: c.id, state: 'dead' })).length === 1), 10_000);
      const [dead] = await deliveries({ caseId: c.id, state: 'dead' });
      expect(dead).to.include({ seq: 1, attempts: 2 });
      expect(dead.lastError).to.match(/timeout/);
      // The case's next event goes out only after the first is dead: it is now the head.
      receiver.behave = () => ({ status: 200 });
      await until(async () => (await d.tick(), (await deliveries({ caseId: c.id, state: 'delivered' })).length === 2));
      const retried = await tj.webhooks.retry(a.admin, dead.id);
      expect(retried).to.include({ state: 'pending', attempts: 0 });
      let err: Error | null = null;
      await tj.webhooks.retry(a.admin, dead.id).catch((e: Error) => (err = e));
      expect(err).to.have.property('code', 'VALIDATION');
      await d.drain();
      expect((await deliveries({ caseId: c.id })).every((x) => x.state === 'delivered')).to.equal(true);
      expect((await tj.webhooks.deliveries(a.admin, { filter: { state: 'dead', caseId: c.id } })).total).to.equal(0);
    });

    it('leaves a delivery leased by a process that died until the lease runs out, then sends it', async () => {
      const c = await courtCase();
      const [first] = await deliveries({ caseId: c.id });
      const leaseUntil = new Date(Date.now() + 600);
      await tj.dataSource.getRepository(WebhookDelivery).update({ id: first.id }, { leaseOwner: 'ghost:1', leaseUntil });
      const d = tj.dispatcher({ backoffMs: 10 });
      await d.drain();
      expect(receiver.received.filter((r) => r.json.case.id === c.id)).to.have.length(0);
      await new Promise((r) => setTimeout(r, 650));
      await d.drain();
      expect(receiver.accepted().filter((r) => r.json.case.id === c.id).map((r) => r.json.sequence)).to.deep.equal([1, 2, 3]);
    });

    it('runs as a loop that starts and stops', async () => {
      const c = await courtCase();
      const d = tj.dispatcher({ intervalMs: 20 }).start();
      await until(async () => (await deliveries({ caseId: c.id, state: 'delivered' })).length === 3);
      await d.stop();
    });
  });
});

forEachEngine('notifications', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  const clock = new ManualClock(new Date('2026-11-20T02:00:00.000Z'));
  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    a = center.actor;
  });
  after(() => tj?.close());
  const mine = (userId: number, kind?: string) => tj.dataSource.getRepository(Notification).find({ where: { userId, ...(kind ? { kind: kind as never } : {}) }, order: { id: 'ASC' } });

  it('raises a light reminder once per light and deadline, also with several sweeps at once', async () => {
    const c = (await tj.cases.register(a.clerk, walkIn())).case;
    const m = await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
    await tj.cases.run(a.clerk, m.id, 'assign', { mediatorId: center.user.eastMediator.id }, m.version);
    const row = await tj.cases.get(a.clerk, c.id);
    expect(await tj.notifications.sweepLights()).to.equal(0);
    clock.set(new Date(row.yellowAt!.getTime() + 1000));
    const counts = await Promise.all([tj.notifications.sweepLights(), tj.notifications.sweepLights({ batchSize: 1 }), tj.notifications.sweepLights()]);
    expect(counts.reduce((x, y) => x + y, 0)).to.equal(1);
    expect(await tj.notifications.sweepLights()).to.equal(0);
    const yellow = await mine(center.user.eastMediator.id, 'light_yellow');
    expect(yellow).to.have.length(1);
    expect(yellow[0].message).to.contain(row.caseNumber).and.contain('黄灯');
    clock.set(new Date(row.deadlineAt!.getTime() + DAY_MS));
    expect(await tj.notifications.sweepLights()).to.equal(1);
    expect(await tj.notifications.sweepLights()).to.equal(0);
    expect(await mine(center.user.eastMediator.id, 'light_red')).to.have.length(1);
    expect(await tj.dataSource.getRepository(LightReminder).countBy({ caseId: c.id })).to.equal(2);
  });

  it('lets requests and timers run while a sweep raises many reminders', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    for (let i = 0; i < 8; i++) {
      const c = (await tj.cases.register(a.clerk, walkIn())).case;
      const v = await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
      await tj.cases.run(a.clerk, c.id, 'assign', { mediatorId: center.user.eastMediator.id }, v.version);
    }
    clock.set('2027-06-01T02:00:00.000Z'); // every one of them red
    let done = false;
    let remindersWhenOthersRan = -1;
    const sweep = tj.notifications.sweepLights().finally(() => (done = true));
    setImmediate(async () => {
      if (!done) remindersWhenOthersRan = await tj.dataSource.getRepository(LightReminder).count();
    });
    const raised = await sweep;
    expect(raised).to.be.at.least(8);
    // Something else ran in the middle of the sweep, not only after it.
    expect(remindersWhenOthersRan).to.be.at.least(0);
    expect(remindersWhenOthersRan).to.be.below(await tj.dataSource.getRepository(LightReminder).count());
  });

  it('tells whoever may acknowledge a transfer, the handler of a supervision order and an invited adviser; each reads and marks their own', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    const c = (await tj.cases.register(a.clerk, walkIn())).case;
    let v = await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
    v = await tj.cases.run(a.clerk, c.id, 'assign', { mediatorId: center.user.eastMediator.id }, v.version);
    v = await tj.cases.run(a.eastMediator, c.id, 'startMediation', {}, v.version);
    v = await tj.cases.run(a.eastMediator, c.id, 'inviteAdviser', { adviserId: center.user.lawyer.id }, v.version);
    v = await tj.cases.run(a.leader, c.id, 'openSupervision', { instructions: '请于一周内化解', deadlineDays: 7 }, v.version);
    await tj.cases.run(a.eastMediator, c.id, 'transfer', { toOrganizationId: center.org.west.id, reason: '当事人住所地在西河乡' }, v.version);
    const [invite] = await mine(center.user.lawyer.id, 'invitation');
    expect(invite.caseId).to.equal(c.id);
    expect(await mine(center.user.eastMediator.id, 'supervision')).to.have.length(1);
    const transfer = await mine(center.user.westClerk.id, 'transfer');
    expect(transfer).to.have.length(1);
    expect(transfer[0].message).to.contain('签收');
    // A mediator of the receiving organization may acknowledge it too, so their bell rings as well (it did not: only the desk was told).
    expect(await mine(center.user.westMediator.id, 'transfer')).to.have.length(1);
    // Nobody else's bell rings for the transfer.
    expect(await mine(center.user.clerk.id, 'transfer')).to.have.length(0);

    const unread = await tj.notifications.unreadCount(a.westClerk);
    expect(unread).to.be.greaterThan(0);
    const e = await tj.notifications.markRead(a.clerk, transfer[0].id).catch((x: { code: string }) => x.code);
    expect(e).to.equal('NOT_FOUND');
    expect(await tj.notifications.markRead(a.westClerk, transfer[0].id)).to.equal(1);
    expect(await tj.notifications.unreadCount(a.westClerk)).to.equal(unread - 1);
    expect((await tj.notifications.list(a.westClerk, { filter: { read: false } })).total).to.equal(unread - 1);
    await tj.notifications.markRead(a.westClerk);
    expect(await tj.notifications.unreadCount(a.westClerk)).to.equal(0);
  });
});

forEachEngine('party messages', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  const sent: OutgoingMessage[] = [];
  before(async () => {
    tj = await db().open({ clock: systemClock });
    center = await buildCenter(tj);
    a = center.actor;
    tj.messages.gateway = { send: async (m) => (sent.push(m), { reference: `sms-${m.messageId}` }) };
  });
  after(() => tj?.close());

  it('sends the admin’s template to each party with a phone, on the case’s history, through the gateway', async () => {
    const c = (await tj.cases.register(a.clerk, walkIn())).case;
    const v = await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
    await tj.messages.setTemplate(a.admin, 'acceptance', { text: '{{name}}：纠纷{{caseNumber}}已受理（{{org}}）。' });
    const rows = await tj.messages.send(a.clerk, c.id, { template: 'acceptance' }, v.version);
    // Only 张三 gave a phone.
    expect(rows.map((r) => [r.state, r.toMasked])).to.deep.equal([['sent', '138****8000']]);
    expect(sent.at(-1)).to.include({ to: '13800138000', text: `张三：纠纷${c.caseNumber}已受理（东关镇）。` });
    const history = await tj.cases.history(a.clerk, c.id);
    const last = history.at(-1)!;
    expect(last.action).to.equal('messageParties');
    expect(JSON.stringify(last.payload)).to.include('138****8000').and.not.include('13800138000');
    expect((await tj.cases.verifyHistory(c.id)).ok).to.equal(true);
    expect((await tj.cases.get(a.clerk, c.id)).version).to.equal(v.version + 1);
    // A stale version sends nothing.
    const before = sent.length;
    const stale = await tj.messages.send(a.clerk, c.id, { template: 'session', time: '12月5日上午9时', place: '东关镇调解室' }, v.version).catch((e: { code: string }) => e.code);
    expect(stale).to.equal('CONFLICT.STALE_VERSION');
    expect(sent.length).to.equal(before);
    expect((await tj.messages.ofCase(a.clerk, c.id))).to.have.length(1);
  });

  it('records a gateway failure on the message, and refuses a session notice without its time and place', async () => {
    const c = (await tj.cases.register(a.clerk, walkIn())).case;
    const missing = await tj.messages.send(a.clerk, c.id, { template: 'session' }, c.version).catch((e: { fields: Array<{ field: string }> }) => e.fields.map((f) => f.field).sort());
    expect(missing).to.deep.equal(['place', 'time']);
    tj.messages.gateway = { send: async () => Promise.reject(new Error('HTTP 502')) };
    const [m] = await tj.messages.send(a.clerk, c.id, { template: 'session', time: '12月5日上午9时', place: '东关镇调解室' }, c.version);
    expect(m).to.include({ state: 'failed', error: 'HTTP 502' });
    expect(m.text).to.contain('12月5日上午9时').and.contain('东关镇调解室');
    expect(await tj.messages.send(a.lawyer, c.id, { template: 'follow_up' }, c.version + 1).catch((e: { code: string }) => e.code)).to.equal('FORBIDDEN');
  });

  it('sends a failed message again on request, on the case’s history, and refuses to resend a sent one', async () => {
    const c = (await tj.cases.register(a.clerk, walkIn())).case;
    tj.messages.gateway = { send: async () => Promise.reject(new Error('HTTP 503')) };
    const [failed] = await tj.messages.send(a.clerk, c.id, { template: 'acceptance' }, c.version);
    expect(failed.state).to.equal('failed');
    const v = (await tj.cases.get(a.clerk, c.id)).version;
    tj.messages.gateway = { send: async (m) => (sent.push(m), { reference: `sms-${m.messageId}` }) };

    const stale = await tj.messages.retry(a.clerk, c.id, failed.id, v - 1).catch((e: { code: string }) => e.code);
    expect(stale).to.equal('CONFLICT.STALE_VERSION');
    expect((await tj.messages.ofCase(a.clerk, c.id))[0].state).to.equal('failed');

    const again = await tj.messages.retry(a.clerk, c.id, failed.id, v);
    expect(again).to.include({ id: failed.id, state: 'sent', gatewayRef: `sms-${failed.id}`, error: null });
    expect(sent.at(-1)).to.include({ messageId: failed.id, to: '13800138000', text: failed.text });
    const stored = await tj.messages.ofCase(a.clerk, c.id);
    expect(stored.map((m) => [m.id, m.state])).to.deep.equal([[failed.id, 'sent']]);
    const last = (await tj.cases.history(a.clerk, c.id)).at(-1)!;
    expect(last.action).to.equal('retryPartyMessage');
    expect(last.payload).to.include({ messageId: failed.id, previousError: 'HTTP 503', to: '138****8000' });
    expect((await tj.cases.verifyHistory(c.id)).ok).to.equal(true);
    expect((await tj.cases.get(a.clerk, c.id)).version).to.equal(v + 1);

    const twice = await tj.messages.retry(a.clerk, c.id, failed.id, v + 1).catch((e: { fields: Array<{ field: string }> }) => e.fields.map((f) => f.field));
    expect(twice).to.deep.equal(['state']);
    expect((await tj.cases.get(a.clerk, c.id)).version).to.equal(v + 1);
    const other = (await tj.cases.register(a.clerk, walkIn())).case;
    expect(await tj.messages.retry(a.clerk, other.id, failed.id, other.version).catch((e: { code: string }) => e.code)).to.equal('NOT_FOUND');
    expect(await tj.messages.retry(a.lawyer, c.id, failed.id, v + 1).catch((e: { code: string }) => e.code)).to.equal('FORBIDDEN');
  });
});

forEachEngine('outflow retention', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  let receiver: Receiver;
  const clock = new ManualClock(new Date('2026-03-02T02:00:00.000Z'));
  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    a = center.actor;
    receiver = await new Receiver().listen();
  });
  after(async () => {
    await receiver?.close();
    await tj?.close();
  });

  it('removes delivered and dismissed deliveries and their events after the retention age, keeps dead letters, in batches', async () => {
    const sub = await tj.webhooks.create(a.admin, { name: '县级平台', organizationId: center.org.county.id, url: receiver.url, eventTypes: ['case.registered', 'case.accepted'] });
    const register = async () => {
      const c = (await tj.cases.register(a.clerk, walkIn())).case;
      await tj.cases.run(a.clerk, c.id, 'accept', { triage: 'minor' }, c.version);
      return c.id;
    };
    const good = await register();
    const bad = await register();
    receiver.behave = (r) => ({ status: r.json.case.id === bad ? 500 : 200 });
    await tj.dispatcher({ clock, maxAttempts: 1 }).drain();
    const rows = () => tj.dataSource.getRepository(WebhookDelivery).find({ where: { subscriptionId: sub.id }, order: { id: 'ASC' } });
    const events = async () => (await tj.dataSource.getRepository(OutboxEvent).find({ order: { id: 'ASC' } })).map((e) => e.id);
    const first = await rows();
    expect(first.map((d) => [d.caseId, d.state])).to.deep.equal([[good, 'delivered'], [good, 'delivered'], [bad, 'dead'], [bad, 'dead']]);
    const dismissed = await tj.webhooks.dismiss(a.admin, first[2].id);
    expect(dismissed.state).to.equal('dismissed');
    expect(await tj.webhooks.retry(a.admin, dismissed.id).catch((e: { fields: Array<{ field: string }> }) => e.fields[0].field)).to.equal('state');
    expect(await tj.webhooks.dismiss(a.admin, first[0].id).catch((e: { fields: Array<{ field: string }> }) => e.fields[0].field)).to.equal('state');
    const allEvents = await events();

    clock.advance(89 * DAY_MS);
    expect(await tj.pruneOutflow()).to.deep.equal({ deliveries: 0, events: 0 });
    clock.advance(2 * DAY_MS);
    const fresh = await register();
    await tj.dispatcher({ clock }).drain();
    // Two sweeps at once (two API processes), in batches of two: each old row goes once.
    const [p1, p2] = await Promise.all([tj.pruneOutflow({ batchSize: 2 }), tj.pruneOutflow({ batchSize: 2 })]);
    expect(p1.deliveries + p2.deliveries).to.equal(3);
    const left = await rows();
    expect(left.map((d) => [d.caseId, d.state])).to.deep.equal([[bad, 'dead'], [fresh, 'delivered'], [fresh, 'delivered']]);
    // The dead letter keeps its event (a retry needs the body); the fresh case's events stay; the rest are gone.
    const keep = new Set(left.map((d) => d.outboxEventId));
    const remaining = await events();
    expect(p1.events + p2.events).to.equal(allEvents.length - 1);
    expect(remaining.filter((id) => allEvents.includes(id))).to.deep.equal([first[3].outboxEventId]);
    expect(remaining.every((id) => keep.has(id) || !allEvents.includes(id))).to.equal(true);

    // The dead letter retried and delivered is removed once it is old.
    await tj.webhooks.retry(a.admin, first[3].id);
    receiver.behave = () => ({ status: 200 });
    await tj.dispatcher({ clock }).drain();
    expect(await tj.pruneOutflow({ retentionDays: 90 })).to.deep.equal({ deliveries: 0, events: 0 });
    clock.advance(91 * DAY_MS);
    const last = await tj.pruneOutflow({ retentionDays: 90 });
    expect(last.deliveries).to.equal(3);
    expect(await rows()).to.deep.equal([]);
    expect(await tj.pruneOutflow({ retentionDays: 0 }).catch((e: Error) => e.name)).to.equal('TypeError');
  });
});
