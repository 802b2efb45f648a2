import { expect } from 'chai';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { agreement, call, forEachEngine, walkIn, ZHANG_ID } from './support/harness';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

forEachEngine('documents and attachments over HTTP', (get) => {
  const api = (method: string, path: string, token?: string, body?: unknown) => call(get().run.base, method, path, { token, body });
  const raw = (path: string, token: string, init: RequestInit = {}) =>
    fetch(get().run.base + path, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const upload = (caseId: number, token: string, bytes: Buffer, fileName: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), fileName);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return raw(`/api/cases/${caseId}/attachments`, token, { method: 'POST', body: form });
  };
  let caseId: number;
  let caseNumber: string;

  before(async () => {
    const { token, org, user } = get().center;
    const c = await api('POST', '/api/cases', token.clerk, walkIn(org.eastVillage.id));
    caseId = c.body.id;
    caseNumber = c.body.caseNumber;
    const act = async (who: string, action: string, payload: object = {}) => {
      const now = await api('GET', `/api/cases/${caseId}`, who);
      const r = await api('POST', `/api/cases/${caseId}/transitions`, who, { action, version: now.body.version, ...payload });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
    };
    await act(token.clerk, 'accept', { triage: 'minor' });
    await act(token.clerk, 'assign', { mediatorId: user.eastMediator.id });
    await act(token.eastMediator, 'startMediation');
    await act(token.eastMediator, 'settle', { agreement });
  });

  it('lists the papers a case can print, and answers the agreement as a DOCX with a Chinese file name and its hash in the history', async () => {
    const { token } = get().center;
    const list = await api('GET', `/api/cases/${caseId}/documents`, token.eastMediator);
    expect(list.status).to.equal(200);
    expect(list.body.map((d: { kind: string }) => d.kind)).to.deep.equal(['registration', 'rights_notice', 'agreement', 'confirmation_application', 'dossier']);
    const res = await raw(`/api/cases/${caseId}/documents/agreement`, token.eastMediator);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).to.match(/^attachment; filename="agreement\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).to.equal(`${caseNumber}人民调解协议书.docx`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-content-sha256')).to.equal(sha256(bytes));
    const text = await docxText(bytes);
    expect(text).to.include(caseNumber).and.include('张三').and.include(ZHANG_ID).and.include('人民币5,000.00元').and.include('第三十三条');
    const history = await api('GET', `/api/cases/${caseId}/history`, token.clerk);
    const last = history.body[history.body.length - 1];
    expect(last).to.deep.include({ action: 'generateDocument' });
    expect(last.payload).to.include({ kind: 'agreement', sha256: sha256(bytes) });
  });

  it('answers 404 outside the scope, 400 for an unknown kind and 409 for a paper the case does not offer', async () => {
    const { token } = get().center;
    expect((await api('GET', `/api/cases/${caseId}/documents`, token.westMediator)).status).to.equal(404);
    expect((await api('GET', `/api/cases/${caseId}/documents/agreement`, token.westClerk)).status).to.equal(404);
    const unknown = await api('GET', `/api/cases/${caseId}/documents/will`, token.clerk);
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.details[0].field).to.equal('kind');
    const notNow = await api('GET', `/api/cases/${caseId}/documents/termination_notice`, token.clerk);
    expect(notNow.status).to.equal(409);
    expect(notNow.body.error.code).to.equal('CONFLICT.INVALID_TRANSITION');
  });

  it('uploads the signed scan, lists and downloads it in scope only, stores repeated bytes once and never deletes it', async () => {
    const { token } = get().center;
    const scan = pdf('双方已签字');
    const first = await upload(caseId, token.eastMediator, scan, '协议书签字页.pdf', { category: 'signed_scan', note: '签字后扫描' });
    const created = ((await first.json()) as any);
    expect(first.status, JSON.stringify(created)).to.equal(201);
    expect(created).to.include({ caseId, fileName: '协议书签字页.pdf', category: 'signed_scan', mimeType: 'application/pdf', sha256: sha256(scan), size: scan.length });
    const again = await upload(caseId, token.eastMediator, scan, '协议书签字页.pdf');
    expect(again.status).to.equal(200);
    expect((((await again.json()) as any)).id).to.equal(created.id);

    const list = await api('GET', `/api/attachments?filter=${encodeURIComponent(JSON.stringify({ caseId }))}`, token.clerk);
    expect(list.status).to.equal(200);
    expect(list.headers.get('content-range')).to.equal('attachments 0-0/1');
    expect((await api('GET', `/api/attachments?filter=${encodeURIComponent(JSON.stringify({ caseId }))}`, token.westMediator)).body).to.deep.equal([]);

    const download = await raw(`/api/attachments/${created.id}/content`, token.leader);
    expect(download.status).to.equal(200);
    expect(download.headers.get('content-type')).to.equal('application/pdf');
    expect(decodeURIComponent(download.headers.get('content-disposition')!.split("UTF-8''")[1])).to.equal('协议书签字页.pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(scan)).to.equal(true);
    expect((await raw(`/api/attachments/${created.id}/content`, token.westClerk)).status).to.equal(404);
    expect((await raw(`/api/cases/${caseId}/attachments`, token.westClerk, { method: 'POST', body: (() => { const f = new FormData(); f.append('file', new Blob([pdf('x')]), 'x.pdf'); return f; })() })).status).to.equal(404);
    expect((await api('DELETE', `/api/attachments/${created.id}`, token.admin)).status).to.equal(405);
  });

  it('refuses a file too large or of the wrong type with a Chinese message naming the file, and changes nothing', async () => {
    const { token } = get().center;
    const before = await api('GET', `/api/attachments?filter=${encodeURIComponent(JSON.stringify({ caseId }))}`, token.clerk);
    const wrong = await upload(caseId, token.eastMediator, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), '证据.pdf');
    const wrongBody = ((await wrong.json()) as any);
    expect(wrong.status).to.equal(400);
    expect(wrongBody.error.details[0]).to.include({ field: 'file', type: 'file.type' });
    expect(wrongBody.error.details[0].message).to.match(/PDF|JPG/);
    const big = await upload(caseId, token.eastMediator, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024)]), '大文件.pdf');
    const bigBody = ((await big.json()) as any);
    expect(big.status).to.equal(400);
    expect(bigBody.error.details[0]).to.include({ field: 'file', type: 'file.tooLarge' });
    expect(bigBody.error.details[0].message).to.include('20MB');
    const none = await raw(`/api/cases/${caseId}/attachments`, token.eastMediator, { method: 'POST', body: new FormData() });
    expect(none.status).to.equal(400);
    const after = await api('GET', `/api/attachments?filter=${encodeURIComponent(JSON.stringify({ caseId }))}`, token.clerk);
    expect(after.body).to.deep.equal(before.body);
  });

  it('withdraws a mistaken upload for its uploader, and takes a corrected version', async () => {
    const { token } = get().center;
    const photo: any = await (await upload(caseId, token.eastMediator, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(50, 3)]), '错传.jpg')).json();
    expect((await api('POST', `/api/attachments/${photo.id}/withdraw`, token.clerk, { reason: '误传' })).status).to.equal(403);
    const withdrawn = await api('POST', `/api/attachments/${photo.id}/withdraw`, token.eastMediator, { reason: '误传' });
    expect(withdrawn.status).to.equal(200);
    expect(withdrawn.body).to.include({ withdrawReason: '误传', withdrawnById: get().center.user.eastMediator.id });
    const original: any = await (await upload(caseId, token.eastMediator, pdf('第一版'), '身份证明.pdf', { category: 'id_document' })).json();
    const form = new FormData();
    form.append('file', new Blob([pdf('第二版')]), '身份证明（更正）.pdf');
    const v2 = await raw(`/api/attachments/${original.id}/versions`, token.eastMediator, { method: 'POST', body: form });
    const v2Body = ((await v2.json()) as any);
    expect(v2.status, JSON.stringify(v2Body)).to.equal(201);
    expect(v2Body).to.include({ supersedesId: original.id, category: 'id_document' });
    expect((await api('GET', `/api/attachments/${original.id}`, token.clerk)).body.supersededById).to.equal(v2Body.id);
  });
});
