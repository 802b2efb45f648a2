import { expect } from 'chai';
import type Joi from 'joi';
import { apiDocs, type Operation } from '../src/openapi';
import { agreement, call, forEachEngine, walkIn, ZHANG_ID, type Reply } from './support/harness';

/** Documented operations the walk does not reach, and why. Anything else undocumented fails. */
const NOT_WALKED: Record<string, string> = {
  'post /auth/login': 'the sign-in answer is the auth work’s (token hardening), declared there',
  'post /auth/logout': 'answers 204 without a body (access.test.ts)',
  'get /cases/:id/documents/:kind': 'answers DOCX bytes, not JSON: papers.test.ts reads them back',
  'get /attachments/:id/content': 'answers the file’s bytes, not JSON: papers.test.ts downloads them',
  'post /cases/:id/attachments': 'multipart upload: papers.test.ts checks its answer; the walk uploads one to list',
  'post /attachments/:id/versions': 'multipart upload: papers.test.ts',
  'get /exports/cases.xlsx': 'an .xlsx file, read back in figures.test.ts',
  'get /exports/figures/center.xlsx': 'an .xlsx file, read back in figures.test.ts',
  'get /exports/figures/justice.xlsx': 'an .xlsx file, read back in figures.test.ts',
  'get /exports/subsidies/statement.xlsx': 'an .xlsx file, read back in figures.test.ts',
  'post /subsidies/close': 'closes a month for good; walked in figures.test.ts',
};

const key = (op: Pick<Operation, 'method' | 'path'>) => `${op.method} ${op.path}`;

function schemaOf(op: Operation, status: number): Joi.Schema | undefined {
  const r = op.responses?.[status];
  return r && typeof r === 'object' ? r.schema : undefined;
}

forEachEngine('every answer fits its declared response schema', (get) => {
  const seen = new Map<string, number>();
  const failures: string[] = [];
  let ops: Operation[] = [];

  /** Call and check the body against the schema the route declares, refusing unknown keys. */
  const check = async (method: string, path: string, token: string | undefined, body?: unknown, headers?: Record<string, string>): Promise<Reply> => {
    const r = await call(get().run.base, method, path, { token, body, headers });
    const op = ops.find((o) => o.method === method.toLowerCase() && new RegExp(`^/api${o.path.replace(/:\w+/g, '[^/]+')}$`).test(path.split('?')[0]));
    expect(op, `${method} ${path} is not documented`).to.not.equal(undefined);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).to.be.oneOf([200, 201]);
    const schema = schemaOf(op!, r.status);
    if (!schema) failures.push(`${key(op!)} answers ${r.status} without a declared schema`);
    else {
      const { error } = schema.validate(r.body, { allowUnknown: false, presence: 'required', abortEarly: false });
      if (error) failures.push(`${key(op!)}: ${error.message}`);
    }
    seen.set(key(op!), (seen.get(key(op!)) ?? 0) + (Array.isArray(r.body) ? r.body.length : 1));
    return r;
  };

  before(async function () {
    this.timeout(60_000);
    ops = apiDocs.get(get().run.app)!.operations;
    const { token, org, user } = get().center;
    const act = async (who: string, id: number, action: string, payload: Record<string, unknown> = {}) => {
      const current = await call(get().run.base, 'GET', `/api/cases/${id}`, { token: who });
      return check('POST', `/api/cases/${id}/transitions`, who, { action, version: current.body.version, ...payload });
    };
    // Reference data through every create and update.
    const sla = await check('POST', '/api/sla-policies', token.admin, { name: '劳动争议', category: 'labour', acceptDays: 2, mediateDays: 15, extensionDays: 0, followUpDays: 7 });
    await check('PUT', `/api/sla-policies/${sla.body.id}`, token.admin, { ...sla.body, mediateDays: 14 });
    const sub = await check('POST', '/api/subsidy-policies', token.admin, { name: '一般案件', complexity: 'ordinary', result: 'settled', amountFen: 20000, validFrom: '2026-01-01' });
    await check('PUT', `/api/subsidy-policies/${sub.body.id}`, token.admin, { ...sub.body, amountFen: 30000 });
    const grading = await check('POST', '/api/subsidy-gradings', token.admin, { name: '难易标准', validFrom: '2026-01-01', ordinaryAmountFen: 500000 });
    await check('PUT', `/api/subsidy-gradings/${grading.body.id}`, token.admin, { ...grading.body, ordinaryPeople: 4 });
    const category = await check('POST', '/api/dispute-categories', token.admin, { code: 'fishery', name: '渔业养殖', statsCategory: 'production', sortOrder: 500 });
    await check('PUT', `/api/dispute-categories/${category.body.id}`, token.admin, { ...category.body, name: '渔业养殖纠纷' });
    const extraDay = await check('POST', '/api/holidays', token.admin, { day: '2027-02-20', kind: 'workday', name: '春节调休上班' });
    await check('PUT', `/api/holidays/${extraDay.body.id}`, token.admin, { ...extraDay.body, name: '春节后调休上班' });
    const elder = await check('POST', '/api/pool-mediators', token.admin, { name: '王老伯', kind: 'elder', specialty: '邻里', areaOrgId: org.eastVillage.id, phone: '13900139000' });
    await check('PUT', `/api/pool-mediators/${elder.body.id}`, token.admin, { ...elder.body, specialty: '邻里、宅基地' });
    const newOrg = await check('POST', '/api/organizations', token.admin, { name: '东关新村', type: 'village', parentId: org.east.id });
    await check('PUT', `/api/organizations/${newOrg.body.id}`, token.admin, { ...newOrg.body, name: '东关新村（社区）' });
    const u = await check('POST', '/api/users', token.admin, { username: 'walker', displayName: '走查员', password: 'long enough pw', roles: ['mediator'], organizationId: org.east.id });
    await check('PUT', `/api/users/${u.body.id}`, token.admin, { ...u.body, displayName: '走查员二' });
    const assignment = await check('POST', '/api/adviser-assignments', token.admin, { adviserId: user.lawyer.id, villageId: org.eastVillage.id, startsOn: '2026-01-01', endsOn: '2099-12-31' });
    await check('PUT', `/api/adviser-assignments/${assignment.body.id}`, token.admin, { ...assignment.body, note: '每周二坐班' });
    // Two walk-ins of one category and place form a class (figures work): the warnings have rows to check.
    await check('PUT', '/api/class-thresholds', token.admin, { category: 'neighbourhood', windowDays: 30, areaCases: 2, respondentCases: 2 });
    const apiKey = await check('POST', '/api/api-keys', token.admin, { name: '法院诉调系统', organizationId: org.courtDesk.id, channel: 'court' });

    // The court's system subscribes (at an address where nothing listens, so its deliveries die and one is retried).
    const hook = await check('POST', '/api/webhooks', token.admin, { name: '法院诉调平台', organizationId: org.courtDesk.id, url: 'http://127.0.0.1:9/hook' });
    const { secret: _secret, ...hookRecord } = hook.body;
    await check('PUT', `/api/webhooks/${hook.body.id}`, token.admin, { ...hookRecord, name: '法院诉调平台（新）' });

    // A channel case, and a walk-in case taken through the lifecycle so every child record exists.
    const ref = '（2026）晋0105民诉前调9001号';
    const headers = { 'X-Api-Key': apiKey.body.key };
    await check('POST', '/api/intake/court', undefined, { ...walkIn(org.eastVillage.id), channel: undefined, sourceRef: ref }, headers);
    await get().run.tj.dispatcher({ maxAttempts: 1, timeoutMs: 1000 }).drain();
    const dead = await call(get().run.base, 'GET', `/api/webhook-deliveries?filter=${encodeURIComponent('{"state":"dead"}')}`, { token: token.admin });
    await check('POST', `/api/webhook-deliveries/${dead.body[0].id}/retry`, token.admin);
    await get().run.tj.dispatcher({ maxAttempts: 1, timeoutMs: 1000 }).drain();
    await check('POST', `/api/webhook-deliveries/${dead.body[0].id}/dismiss`, token.admin);
    await check('POST', '/api/intake/court', undefined, { ...walkIn(org.eastVillage.id), channel: undefined, sourceRef: ref }, headers);
    await check('GET', `/api/intake/court/${encodeURIComponent(ref)}`, undefined, undefined, headers);
    const c = await check('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
    const id = c.body.id;
    await check('PUT', `/api/cases/${id}`, token.clerk, { ...c.body, title: '邻里排水纠纷（更正）' });
    await act(token.clerk, id, 'accept', { triage: 'minor' });
    await act(token.clerk, id, 'assign', { mediatorId: user.eastMediator.id });
    await act(token.leader, id, 'openSupervision', { instructions: '请于十日内办结', deadlineDays: 10 });
    await act(token.eastMediator, id, 'startMediation');
    await act(token.eastMediator, id, 'inviteAdviser', { adviserId: user.lawyer.id });
    await act(token.lawyer, id, 'giveOpinion', { title: '法律意见', content: '建议双方协商分担费用。' });
    await act(token.eastMediator, id, 'recordSession', { heldAt: '2026-11-18T02:00:00.000Z', place: '东关镇调解室', participants: '张三、李四', minutes: '双方陈述意见。', poolMediatorIds: [elder.body.id] });
    await act(token.eastMediator, id, 'settle', { agreement });
    await act(token.eastMediator, id, 'recordPerformance', { state: 'performed', amountPaidFen: 500000 });
    await act(token.eastMediator, id, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-11-21' });
    await act(token.eastMediator, id, 'followUp', { method: 'phone', satisfaction: 'satisfied' });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.7\n签字页\n%%EOF\n')]), '签字页.pdf');
    const uploaded = await fetch(`${get().run.base}/api/cases/${id}/attachments`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token.eastMediator}` } });
    expect(uploaded.status).to.equal(201);
    await check('POST', `/api/attachments/${((await uploaded.json()) as { id: number }).id}/withdraw`, token.eastMediator, { reason: '误传' });
    const followed = await call(get().run.base, 'GET', `/api/cases/${id}`, { token: token.eastMediator });
    const tj = get().run.tj;
    const gateway = tj.messages.gateway;
    tj.messages.gateway = { send: async () => Promise.reject(new Error('HTTP 502')) };
    const sent = await check('POST', `/api/cases/${id}/messages`, token.eastMediator, { template: 'follow_up', version: followed.body.version });
    tj.messages.gateway = gateway;
    await check('POST', `/api/cases/${id}/messages/${sent.body[0].id}/retry`, token.eastMediator, { version: followed.body.version + 1 });
    await check('PUT', '/api/message-templates/session', token.admin, { text: '{{name}}您好：请于{{time}}到{{place}}参加调解。' });
    const t = await check('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
    await act(token.clerk, t.body.id, 'accept', { triage: 'minor' });
    await act(token.clerk, t.body.id, 'transfer', { toOrganizationId: org.west.id, reason: '属西河乡管辖' });
    // A supervision order on a case nobody mediates yet rings the handling desk's bells (the county admin's).
    const up = await check('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
    await act(token.clerk, up.body.id, 'accept', { triage: 'minor' });
    await act(token.leader, up.body.id, 'openSupervision', { instructions: '请尽快分派', deadlineDays: 3 });
    const bell = await check('GET', '/api/notifications', token.admin);
    await check('POST', `/api/notifications/${bell.body[0].id}/read`, token.admin);
    await check('POST', '/api/notifications/read-all', token.admin);
    const consultation = await check('POST', '/api/consultations', token.lawyer, { villageId: org.eastVillage.id, personName: '赵六', category: 'labour', question: '欠薪怎么办', answer: '先协商', caseId: id });
    await check('PUT', `/api/consultations/${consultation.body.id}`, token.lawyer, { ...consultation.body, answer: '先协商，再申请劳动仲裁' });
    const warning = (await call(get().run.base, 'GET', '/api/warnings', { token: token.leader })).body[0];
    await check('POST', `/api/warnings/${warning.id}/actions`, token.leader, { action: 'take', version: warning.version });
    await check('POST', `/api/warnings/${warning.id}/assign`, token.admin, { mediatorId: user.eastMediator.id });
    await check('POST', `/api/warnings/${warning.id}/supervise`, token.leader, { instructions: '类案统一调处', deadlineDays: 10 });
  });

  it('answers only declared fields on every documented GET, POST and PUT the walk reaches', async () => {
    const { token } = get().center;
    const firstId: Record<string, number> = {};
    for (const op of ops.filter((o) => o.method === 'get' && !o.path.includes(':') && !NOT_WALKED[key(o)])) {
      const who = op.path.startsWith('/consultations') ? token.lawyer : op.path.startsWith('/intake') ? undefined : token.admin;
      const r = await check('GET', `/api${op.path}${op.list ? '?range=[0,999]' : ''}`, who);
      if (Array.isArray(r.body) && r.body[0]?.id) firstId[op.path] = r.body[0].id;
    }
    const cases = await call(get().run.base, 'GET', '/api/cases?range=[0,999]', { token: token.admin });
    const caseId = cases.body.find((x: { status: string }) => x.status === 'settled').id;
    for (const op of ops.filter((o) => o.method === 'get' && o.path.includes(':'))) {
      if (op.path.startsWith('/intake')) continue; // walked above with the key
      if (NOT_WALKED[key(op)]) continue;
      const base = op.path.replace(/\/:id.*$/, '');
      const path = op.path
        .replace(':idNumber', ZHANG_ID)
        .replace(/^\/cases\/:id/, `/cases/${caseId}`)
        .replace(':id', String(firstId[base]));
      await check('GET', `/api${path}`, token.admin);
    }
    await check('GET', `/api/cases/${caseId}/parties?reveal=1`, token.admin);
    // The settled case may go nowhere; the accepted one may.
    const open = cases.body.find((x: { status: string }) => ['accepted', 'assigned', 'mediating', 'suspended'].includes(x.status)).id;
    await check('GET', `/api/cases/${open}/transfer-targets`, token.admin);
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it('has walked every documented GET, POST and PUT, each with rows to check', () => {
    const missing = ops.filter((o) => o.method !== 'delete' && !seen.has(key(o)) && !NOT_WALKED[key(o)]).map(key);
    expect(missing, 'documented but not walked').to.deep.equal([]);
    const empty = [...seen].filter(([, n]) => n === 0).map(([k]) => k);
    expect(empty, 'walked but answered no rows to check').to.deep.equal([]);
  });

  it('refuses a body with a field the schema does not declare (the check itself can fail)', async () => {
    const op = ops.find((o) => key(o) === 'get /organizations/:id')!;
    const { error } = schemaOf(op, 200)!.validate({ ...get().center.org.east, extra: 1 }, { allowUnknown: false });
    expect(error?.details.map((d) => d.path.join('.'))).to.include('extra');
  });
});
