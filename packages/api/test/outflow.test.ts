import { expect } from 'chai';
import { caseOutcomeEventSchema, channelCaseSchema, HttpGateway, LogGateway, verifyWebhookSignature } from '@tiaojie/core';
import { WebhookReceiver } from '@tiaojie/core/testing';
import { channelCaseOut } from '../src/presenters';
import { call, forEachEngine, walkIn } from './support/harness';

forEachEngine('webhooks and notifications over HTTP', (get) => {
  const api = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => call(get().run.base, method, path, { token, body, headers });

  it('answers a channel the same view when it polls as its webhooks send', () => {
    expect(Object.keys(channelCaseOut.describe().keys).sort()).to.deep.equal(Object.keys(channelCaseSchema.describe().keys).sort());
  });

  it('shows the webhook body as CaseOutcomeEvent in the OpenAPI components', async () => {
    const doc = (await api('GET', '/api/openapi.json')).body;
    const schema = doc.components.schemas.CaseOutcomeEvent;
    expect(Object.keys(schema.properties).sort()).to.deep.equal(Object.keys(caseOutcomeEventSchema.describe().keys).sort());
    expect(schema.properties.type.enum).to.include('case.settled');
  });

  it('registers a subscription whose secret is answered once, and lets only admins near it', async () => {
    const { token, org } = get().center;
    const receiver = await new WebhookReceiver().listen();
    try {
      const created = await api('POST', '/api/webhooks', token.admin, { name: '信访系统', organizationId: org.courtDesk.id, url: receiver.url, eventTypes: ['case.registered'] });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(created.body.secret).to.match(/^whsec_/);
      expect(created.body.scope).to.equal('sent');
      const read = await api('GET', `/api/webhooks/${created.body.id}`, token.admin);
      expect(read.body).not.to.have.property('secret');
      expect(JSON.stringify(read.body)).not.to.include(created.body.secret);
      expect((await api('GET', '/api/webhooks', token.clerk)).status).to.equal(403);
      expect((await api('POST', '/api/webhooks', token.clerk, { name: 'x', organizationId: org.east.id, url: receiver.url })).status).to.equal(403);
      const bad = await api('POST', '/api/webhooks', token.admin, { name: 'x', organizationId: org.east.id, url: 'ftp://example/x', eventTypes: ['case.nothing'] }, { 'Accept-Language': 'en' });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).to.deep.equal(['eventTypes.0', 'url']);

      const key = (await api('POST', '/api/api-keys', token.admin, { name: '法院', organizationId: org.courtDesk.id, channel: 'court' })).body.key;
      const pushed = await api('POST', '/api/intake/court', undefined, { ...walkIn(org.eastVillage.id), channel: undefined, sourceRef: '（2026）晋0105民诉前调7001号' }, { 'X-Api-Key': key });
      expect(pushed.status).to.equal(201);
      await get().run.tj.dispatcher().drain();
      const [got] = receiver.received.filter((r) => r.json.case.id === pushed.body.id);
      expect(got.event).to.equal('case.registered');
      expect(verifyWebhookSignature(created.body.secret, got.signature, got.body)).to.equal(true);
      // What the webhook says of the case is what the channel reads when it polls.
      const polled = await api('GET', `/api/intake/court/${encodeURIComponent('（2026）晋0105民诉前调7001号')}`, undefined, undefined, { 'X-Api-Key': key });
      expect(got.json.case).to.deep.equal(polled.body);
      await api('PUT', `/api/webhooks/${created.body.id}`, token.admin, { ...read.body, active: false });
    } finally {
      await receiver.close();
    }
  });

  it('keeps each user’s notifications their own', async () => {
    const { token, org, user } = get().center;
    const c = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
    let v = (await api('POST', `/api/cases/${c.body.id}/transitions`, token.clerk, { action: 'accept', triage: 'minor', version: c.body.version })).body;
    v = (await api('POST', `/api/cases/${c.body.id}/transitions`, token.clerk, { action: 'assign', mediatorId: user.eastMediator.id, version: v.version })).body;
    v = (await api('POST', `/api/cases/${c.body.id}/transitions`, token.eastMediator, { action: 'startMediation', version: v.version })).body;
    const inv = await api('POST', `/api/cases/${c.body.id}/transitions`, token.eastMediator, { action: 'inviteAdviser', adviserId: user.lawyer.id, version: v.version });
    expect(inv.status, JSON.stringify(inv.body)).to.equal(200);
    const before = (await api('GET', '/api/notifications/unread-count', token.lawyer)).body.count;
    expect(before).to.be.greaterThan(0);
    const list = await api('GET', `/api/notifications?filter=${encodeURIComponent(JSON.stringify({ caseId: c.body.id, read: false }))}`, token.lawyer);
    expect(list.body).to.have.length(1);
    expect(list.body[0]).to.include({ kind: 'invitation', caseId: c.body.id, readAt: null });
    expect((await api('GET', `/api/notifications/${list.body[0].id}`, token.clerk)).status).to.equal(404);
    expect((await api('POST', `/api/notifications/${list.body[0].id}/read`, token.clerk)).status).to.equal(404);
    const read = await api('POST', `/api/notifications/${list.body[0].id}/read`, token.lawyer);
    expect(read.body.readAt).to.be.a('string');
    expect((await api('GET', '/api/notifications/unread-count', token.lawyer)).body.count).to.equal(before - 1);
  });

  it('sends a session notice to the parties through the HTTP gateway and lists it on the case', async () => {
    const { token, org } = get().center;
    const receiver = await new WebhookReceiver().listen();
    const tj = get().run.tj;
    tj.messages.gateway = new HttpGateway({ url: receiver.url, token: 'gw-token' });
    try {
      const c = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
      const missing = await api('POST', `/api/cases/${c.body.id}/messages`, token.clerk, { template: 'session', version: c.body.version });
      expect(missing.status).to.equal(400);
      const sent = await api('POST', `/api/cases/${c.body.id}/messages`, token.clerk, { template: 'session', time: '12月5日上午9时', place: '调解室', version: c.body.version });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
      expect(sent.body.map((m: { state: string }) => m.state)).to.deep.equal(['sent']);
      expect(receiver.received).to.have.length(1);
      expect(receiver.received[0].json).to.include({ to: '13800138000', kind: 'session', caseId: c.body.id });
      expect(String(receiver.received[0].json.text)).to.contain('12月5日上午9时');
      const listed = await api('GET', `/api/cases/${c.body.id}/messages`, token.clerk);
      expect(listed.body).to.have.length(1);
      expect(JSON.stringify(listed.body)).not.to.include('13800138000');
      const history = await api('GET', `/api/cases/${c.body.id}/history`, token.clerk);
      expect(history.body.at(-1).action).to.equal('messageParties');
      expect((await api('PUT', '/api/message-templates/session', token.clerk, { text: '改模板' })).status).to.equal(403);
    } finally {
      tj.messages.gateway = new LogGateway(() => undefined);
      await receiver.close();
    }
  });

  it('sends a message the gateway refused again, on the case’s history, and only a failed one', async () => {
    const { token, org } = get().center;
    const receiver = await new WebhookReceiver().listen();
    const tj = get().run.tj;
    tj.messages.gateway = new HttpGateway({ url: receiver.url });
    try {
      receiver.behave = () => ({ status: 502 });
      const c = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
      const [failed] = (await api('POST', `/api/cases/${c.body.id}/messages`, token.clerk, { template: 'acceptance', version: c.body.version })).body;
      expect(failed).to.include({ state: 'failed', error: 'HTTP 502' });
      receiver.behave = () => ({ status: 200 });
      const v = (await api('GET', `/api/cases/${c.body.id}`, token.clerk)).body.version;
      const noVersion = await api('POST', `/api/cases/${c.body.id}/messages/${failed.id}/retry`, token.clerk, {});
      expect(noVersion.status).to.equal(400);
      const again = await api('POST', `/api/cases/${c.body.id}/messages/${failed.id}/retry`, token.clerk, { version: v });
      expect(again.status, JSON.stringify(again.body)).to.equal(200);
      expect(again.body).to.include({ id: failed.id, state: 'sent', error: null });
      expect(receiver.received.map((r) => r.json.messageId)).to.deep.equal([failed.id, failed.id]);
      const history = await api('GET', `/api/cases/${c.body.id}/history`, token.clerk);
      expect(history.body.at(-1).action).to.equal('retryPartyMessage');
      const twice = await api('POST', `/api/cases/${c.body.id}/messages/${failed.id}/retry`, token.clerk, { version: v + 1 });
      expect(twice.status).to.equal(400);
      expect(twice.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['state']);
      expect((await api('POST', `/api/cases/${c.body.id}/messages/x/retry`, token.clerk, { version: v + 1 })).status).to.equal(404);
    } finally {
      tj.messages.gateway = new LogGateway(() => undefined);
      await receiver.close();
    }
  });

  it('lets an admin dismiss a dead letter, and only a dead one', async () => {
    const { token, org } = get().center;
    const receiver = await new WebhookReceiver().listen();
    const tj = get().run.tj;
    try {
      receiver.behave = () => ({ status: 500 });
      const sub = (await api('POST', '/api/webhooks', token.admin, { name: '县级平台', organizationId: org.county.id, url: receiver.url, eventTypes: ['case.registered'] })).body;
      const c = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
      await tj.dispatcher({ maxAttempts: 1 }).drain();
      const list = await api('GET', `/api/webhook-deliveries?filter=${encodeURIComponent(JSON.stringify({ subscriptionId: sub.id, caseId: c.body.id }))}`, token.admin);
      expect(list.body.map((d: { state: string }) => d.state)).to.deep.equal(['dead']);
      const id = list.body[0].id;
      expect((await api('POST', `/api/webhook-deliveries/${id}/dismiss`, token.clerk)).status).to.equal(403);
      const dismissed = await api('POST', `/api/webhook-deliveries/${id}/dismiss`, token.admin);
      expect(dismissed.status, JSON.stringify(dismissed.body)).to.equal(200);
      expect(dismissed.body.state).to.equal('dismissed');
      expect((await api('POST', `/api/webhook-deliveries/${id}/dismiss`, token.admin)).status).to.equal(400);
      expect((await api('POST', `/api/webhook-deliveries/${id}/retry`, token.admin)).status).to.equal(400);
      const filtered = await api('GET', `/api/webhook-deliveries?filter=${encodeURIComponent(JSON.stringify({ state: 'dismissed', subscriptionId: sub.id }))}`, token.admin);
      expect(filtered.body.map((d: { id: number }) => d.id)).to.deep.equal([id]);
      await api('PUT', `/api/webhooks/${sub.id}`, token.admin, { ...sub, active: false });
    } finally {
      await receiver.close();
    }
  });
});
