import { expect } from 'chai';
import { call, forEachEngine, walkIn } from './support/harness';

/** Issue 8, defects 4 (hand-overs give control before acknowledgement) and 5 (a channel's reference can be taken). */
forEachEngine('hand-overs and channel references', (get) => {
  const api = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => call(get().run.base, method, path, { token, body, headers });
  const transition = async (token: string, id: number, action: string, payload: Record<string, unknown> = {}) => {
    const current = await api('GET', `/api/cases/${id}`, get().center.token.admin);
    return api('POST', `/api/cases/${id}/transitions`, token, { action, version: current.body.version, ...payload });
  };
  const accepted = async () => {
    const { token, org } = get().center;
    const r = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id, { organizationId: org.east.id }));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect((await transition(token.admin, r.body.id, 'accept', { triage: 'minor' })).status).to.equal(200);
    return r.body.id as number;
  };

  describe('GET /api/cases/:id/transfer-targets', () => {
    it('offers only organizations with a member who may acknowledge, and a transfer elsewhere is a field error', async () => {
      const { token, org } = get().center;
      const id = await accepted();
      const r = await api('GET', `/api/cases/${id}/transfer-targets`, token.admin);
      expect(r.status).to.equal(200);
      const ids = r.body.map((o: { id: number }) => o.id);
      expect(ids).to.include.members([org.county.id, org.west.id]);
      for (const o of [org.east, org.eastVillage, org.eastGrid, org.westVillage, org.courtDesk, org.policeDesk]) expect(ids, o.name).to.not.include(o.id);
      expect(r.body[0]).to.have.all.keys('id', 'name', 'type', 'parentId', 'path');
      const refused = await transition(token.admin, id, 'transfer', { toOrganizationId: org.courtDesk.id, reason: '管辖调整' });
      expect(refused.status).to.equal(400);
      expect(refused.body.error.details[0].field).to.equal('toOrganizationId');
      expect((await api('GET', `/api/cases/${id}/transfer-targets`, token.westClerk)).status).to.equal(404);
    });
  });

  describe('a pending transfer', () => {
    it('lets the receiver read the case and only acknowledge or decline it', async () => {
      const { token, org } = get().center;
      const id = await accepted();
      expect((await transition(token.admin, id, 'transfer', { toOrganizationId: org.west.id, reason: '被申请人住所地在西河乡' })).status).to.equal(200);
      const seen = await api('GET', `/api/cases/${id}`, token.westClerk);
      expect(seen.status).to.equal(200);
      expect((await api('GET', `/api/cases/${id}/actions`, token.westClerk)).body.actions).to.deep.equal(['acknowledge', 'declineTransfer']);
      const edit = await api('PUT', `/api/cases/${id}`, token.westClerk, { ...seen.body, title: '接收方改的标题' });
      expect(edit.status).to.equal(403);
      expect(edit.body.error.details.reason).to.equal('CASE.NOT_HANDLING');
      expect((await transition(token.westClerk, id, 'withdraw', { reason: '撤回' })).status).to.equal(403);
      const declined = await transition(token.westClerk, id, 'declineTransfer', { reason: '不属于本乡管辖' });
      expect(declined.status, JSON.stringify(declined.body)).to.equal(200);
      expect(declined.body).to.include({ handlingOrgId: org.east.id, pendingTransfer: false, status: 'accepted' });
      const transfers = await api('GET', `/api/transfers?filter=${encodeURIComponent(JSON.stringify({ caseId: id }))}`, token.admin);
      expect(transfers.body[0]).to.include({ state: 'declined', declineReason: '不属于本乡管辖', declinedById: get().center.user.westClerk.id });
      expect((await api('GET', `/api/cases/${id}`, token.westClerk)).status).to.equal(404);
    });

    it('gives the sender a read-only view after 签收 and a list of what it handed over', async () => {
      const { token, org } = get().center;
      const id = await accepted();
      await transition(token.admin, id, 'transfer', { toOrganizationId: org.west.id, reason: '管辖调整' });
      expect((await transition(token.westClerk, id, 'acknowledge')).status).to.equal(200);
      const filter = encodeURIComponent(JSON.stringify({ handedOver: true, id: [id] }));
      const mine = await api('GET', `/api/cases?filter=${filter}`, token.eastMediator);
      expect(mine.status).to.equal(200);
      expect(mine.body.map((c: { id: number }) => c.id)).to.deep.equal([id]);
      expect((await api('GET', `/api/cases/${id}/actions`, token.eastMediator)).body.actions).to.deep.equal([]);
      expect((await transition(token.westClerk, id, 'withdraw', { reason: '当事人自行和解' })).status).to.equal(200);
      expect((await api('GET', `/api/cases/${id}`, token.eastMediator)).body).to.include({ status: 'withdrawn', resultSummary: '当事人自行和解' });
    });
  });

  describe('channel references', () => {
    it('makes the desk name the channel body, whose push then answers the same case and can poll it', async () => {
      const { token, org } = get().center;
      const key = await api('POST', '/api/api-keys', token.admin, { name: '法院诉调系统', organizationId: org.courtDesk.id, channel: 'court' });
      const ref = '（2026）晋0105民诉前调4242号';
      const paper = walkIn(org.eastVillage.id, { channel: 'court', sourceRef: ref, category: 'contract' });
      const unnamed = await api('POST', '/api/cases', token.clerk, paper);
      expect(unnamed.status).to.equal(400);
      expect(unnamed.body.error.details[0].field).to.equal('sourceOrgId');
      const wrongBody = await api('POST', '/api/cases', token.clerk, { ...paper, sourceOrgId: org.policeDesk.id });
      expect(wrongBody.status).to.equal(400);
      const desk = await api('POST', '/api/cases', token.clerk, { ...paper, sourceOrgId: org.courtDesk.id });
      expect(desk.status, JSON.stringify(desk.body)).to.equal(201);
      expect(desk.body).to.include({ sourceOrgId: org.courtDesk.id, sourceOrgName: org.courtDesk.name });
      const pushed = await api('POST', '/api/intake/court', undefined, { ...paper, channel: undefined }, { 'X-Api-Key': key.body.key });
      expect(pushed.status).to.equal(200);
      expect(pushed.body).to.include({ id: desk.body.id, sourceRef: ref });
      expect(pushed.body).to.not.have.property('description');
      const polled = await api('GET', `/api/intake/court/${encodeURIComponent(ref)}`, undefined, undefined, { 'X-Api-Key': key.body.key });
      expect(polled.status).to.equal(200);
      expect(polled.body.id).to.equal(desk.body.id);
    });
  });
});
