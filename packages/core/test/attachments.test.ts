import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Actor, AttachmentService, CaseEvent, FolderStorage, ForbiddenError, InvalidTransitionError, ManualClock, MediationCase, NotFoundError, renderDocument, sha256Of, sniffType,
  Tiaojie, TiaojieError, ValidationError, assembleDocumentData,
} from '../src';
import { docxText } from './support/docx';
import { agreement, buildCenter, Center, walkIn } from './support/center';
import { forEachEngine } from './support/engines';

async function rejection(p: Promise<unknown>): Promise<TiaojieError> {
  try {
    await p;
  } catch (e) {
    return e as TiaojieError;
  }
  throw new Error('expected a rejection');
}

/** Files whose first bytes say what they are (a scanner would see the same). */
const pdf = (text = '调解协议书签字页') => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(text), Buffer.from('\n%%EOF\n')]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);

/** Every file under a folder. */
const filesIn = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile());

forEachEngine('attachments', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  let filesDir: string;
  const LIMIT = 256 * 1024;
  const clock = new ManualClock(new Date('2026-11-20T02:00:00.000Z'));

  async function walk(id: number, steps: Array<[Actor, string, object?]>): Promise<MediationCase> {
    let c = await tj.cases.get(a.admin, id);
    for (const [who, action, payload] of steps) c = await tj.cases.run(who, id, action, payload ?? {}, c.version);
    return c;
  }
  const mediating = async () => {
    const { case: c } = await tj.cases.register(a.clerk, walkIn());
    return walk(c.id, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation'],
    ]);
  };
  const eventsOf = (caseId: number) => tj.dataSource.getRepository(CaseEvent).find({ where: { caseId }, order: { seq: 'ASC' } });

  before(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'tiaojie-files-'));
    tj = await db().open({ clock, filesDir, maxAttachmentBytes: LIMIT });
    center = await buildCenter(tj);
    a = center.actor;
  });
  after(async () => {
    await tj?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('stores an upload under its SHA-256, records it in the history and serves it back in the case’s scope', async () => {
    const c = await mediating();
    const bytes = pdf();
    const { attachment, created } = await tj.attachments.upload(a.eastMediator, c.id, { fileName: 'C:\\扫描\\协议书签字页.pdf', bytes, category: 'signed_scan', note: '双方签字' });
    expect(created).to.equal(true);
    expect(attachment).to.include({ caseId: c.id, fileName: '协议书签字页.pdf', mimeType: 'application/pdf', size: bytes.length, sha256: sha256Of(bytes), category: 'signed_scan', uploadedByName: '李调解' });
    expect(filesIn(filesDir)).to.include(join(sha256Of(bytes).slice(0, 2), sha256Of(bytes).slice(2, 4), sha256Of(bytes)));
    const [event] = (await eventsOf(c.id)).slice(-1);
    expect(event).to.include({ action: 'uploadAttachment', fromStatus: 'mediating', toStatus: 'mediating' });
    expect(event.payload).to.include({ attachmentId: attachment.id, sha256: sha256Of(bytes), fileName: '协议书签字页.pdf' });
    const back = await tj.attachments.content(a.clerk, attachment.id);
    expect(back.bytes.equals(bytes)).to.equal(true);
    expect((await tj.attachments.list(a.leader, { filter: { caseId: c.id } })).rows.map((r) => r.id)).to.deep.equal([attachment.id]);
    expect((await tj.cases.verifyHistory(c.id)).ok).to.equal(true);
  });

  it('hides attachments from anyone outside the case’s scope, and lets only the case’s people upload', async () => {
    const c = await mediating();
    const { attachment } = await tj.attachments.upload(a.clerk, c.id, { fileName: '身份证.png', bytes: png, category: 'id_document' });
    expect(await rejection(tj.attachments.get(a.westMediator, attachment.id))).to.be.instanceOf(NotFoundError);
    expect(await rejection(tj.attachments.content(a.westClerk, attachment.id))).to.be.instanceOf(NotFoundError);
    expect((await tj.attachments.list(a.westMediator, { filter: { caseId: c.id } })).rows).to.deep.equal([]);
    expect(await rejection(tj.attachments.upload(a.westClerk, c.id, { fileName: 'x.pdf', bytes: pdf('x') }))).to.be.instanceOf(NotFoundError);
    // In scope but not on the case: a second mediator of the township, the leader.
    expect(await rejection(tj.attachments.upload(a.eastMediator2, c.id, { fileName: 'x.pdf', bytes: pdf('y') }))).to.be.instanceOf(ForbiddenError);
    expect(await rejection(tj.attachments.upload(a.leader, c.id, { fileName: 'x.pdf', bytes: pdf('z') }))).to.be.instanceOf(ForbiddenError);
  });

  it('refuses a file that is too large, empty, or not of an accepted type by its bytes, storing and recording nothing', async () => {
    const c = await mediating();
    const before = { files: filesIn(filesDir).length, events: (await eventsOf(c.id)).length };
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(LIMIT)]);
    const cases: Array<[Buffer, string, string]> = [
      [big, '大文件.pdf', 'file.tooLarge'],
      [Buffer.alloc(0), '空.pdf', 'file.empty'],
      [exe, '证据.pdf', 'file.type'], // named .pdf, but the bytes are a Windows program
      [Buffer.from('<html>不是图片</html>'), '照片.jpg', 'file.type'],
    ];
    for (const [bytes, fileName, type] of cases) {
      const e = (await rejection(tj.attachments.upload(a.eastMediator, c.id, { fileName, bytes }))) as ValidationError;
      expect(e, fileName).to.be.instanceOf(ValidationError);
      expect(e.fields[0], fileName).to.include({ field: 'file', type });
      expect(e.fields[0].messages.zh).to.match(/[\u4e00-\u9fa5]/);
    }
    const bad = (await rejection(tj.attachments.upload(a.eastMediator, c.id, { fileName: 'x.pdf', bytes: pdf('c'), category: 'selfie' as never }))) as ValidationError;
    expect(bad.fields[0].field).to.equal('category');
    expect({ files: filesIn(filesDir).length, events: (await eventsOf(c.id)).length }).to.deep.equal(before);
  });

  it('tells the types apart by their magic bytes', async () => {
    const docx = await renderDocument('registration', await assembleDocumentData(tj.dataSource.manager, (await mediating()) as MediationCase, { reveal: false, cipher: tj.cipher, now: clock.now() }));
    const xlsxLike = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....xl/workbook.xml')]);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....photos/1.jpg')]);
    const doc = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect([pdf(), png, jpeg, docx, xlsxLike, doc, zip, exe].map(sniffType)).to.deep.equal(['pdf', 'png', 'jpg', 'docx', 'xlsx', 'doc', null, null]);
  });

  it('stores the same bytes once, and answers an upload repeated on one case with the first', async () => {
    const one = await mediating();
    const two = await mediating();
    const bytes = pdf('同一份法院通知书');
    const first = await tj.attachments.upload(a.clerk, one.id, { fileName: '通知书.pdf', bytes, category: 'court_paper' });
    const events = (await eventsOf(one.id)).length;
    const again = await tj.attachments.upload(a.clerk, one.id, { fileName: '通知书（重复）.pdf', bytes });
    expect(again).to.deep.include({ created: false });
    expect(again.attachment.id).to.equal(first.attachment.id);
    expect((await eventsOf(one.id)).length).to.equal(events);
    const other = await tj.attachments.upload(a.clerk, two.id, { fileName: '通知书.pdf', bytes });
    expect(other.created).to.equal(true);
    expect(other.attachment.id).not.to.equal(first.attachment.id);
    expect(filesIn(filesDir).filter((f) => f.endsWith(sha256Of(bytes)))).to.have.length(1);
  });

  it('lets the uploader withdraw a mistaken upload before closing, recorded, and nobody after closing', async () => {
    const c = await mediating();
    const { attachment: wrong } = await tj.attachments.upload(a.eastMediator, c.id, { fileName: '传错的照片.jpg', bytes: jpeg });
    expect(await rejection(tj.attachments.withdraw(a.clerk, wrong.id, '不是本案材料'))).to.be.instanceOf(ForbiddenError);
    const withdrawn = await tj.attachments.withdraw(a.eastMediator, wrong.id, '不是本案材料');
    expect(withdrawn.withdrawnAt).to.be.instanceOf(Date);
    const [event] = (await eventsOf(c.id)).slice(-1);
    expect(event).to.include({ action: 'withdrawAttachment' });
    expect(event.payload).to.include({ attachmentId: wrong.id, reason: '不是本案材料' });
    // Still there to read (the record of what was withdrawn), but out of the dossier.
    expect((await tj.attachments.get(a.clerk, wrong.id)).withdrawReason).to.equal('不是本案材料');

    const { attachment: scan } = await tj.attachments.upload(a.eastMediator, c.id, { fileName: '协议书签字页.pdf', bytes: pdf('v1'), category: 'signed_scan' });
    await walk(c.id, [
      [a.eastMediator, 'settle', { agreement }],
      [a.eastMediator, 'followUp', { method: 'phone', satisfaction: 'satisfied' }],
      [a.eastMediator, 'close'],
    ]);
    const e = (await rejection(tj.attachments.withdraw(a.eastMediator, scan.id, '想删掉'))) as InvalidTransitionError;
    expect(e.reasonCode).to.equal('ATTACHMENT.CASE_CLOSED');
    expect((await tj.attachments.get(a.clerk, scan.id)).withdrawnAt).to.equal(null);

    // A correction after closing is a new version; the old one stays.
    const v2 = await tj.attachments.supersede(a.eastMediator, scan.id, { fileName: '协议书签字页（补签）.pdf', bytes: pdf('v2') });
    expect(v2).to.include({ supersedesId: scan.id, category: 'signed_scan', caseId: c.id });
    expect((await tj.attachments.get(a.clerk, scan.id)).supersededById).to.equal(v2.id);
    expect(((await rejection(tj.attachments.supersede(a.eastMediator, scan.id, { fileName: 'v3.pdf', bytes: pdf('v3') }))) as InvalidTransitionError).reasonCode).to.equal('ATTACHMENT.SUPERSEDED');
    const rows = (await tj.attachments.list(a.clerk, { filter: { caseId: c.id } })).rows;
    expect(rows.map((r) => r.id)).to.deep.equal([wrong.id, scan.id, v2.id]);

    const dossier = await docxText((await tj.documents.generate(a.clerk, c.id, 'dossier')).bytes);
    expect(dossier).to.include('协议书签字页.pdf（签字文书扫描件）').and.include('协议书签字页（补签）.pdf（签字文书扫描件，更正版本）').and.not.include('传错的照片.jpg');
  });

  it('asks the virus-scan hook before storing anything', async () => {
    const c = await mediating();
    const scanned: string[] = [];
    const storage = new FolderStorage(filesDir);
    const guarded = new AttachmentService(tj.dataSource, clock, storage, {
      scan: async (bytes, meta) => (scanned.push(meta.fileName), bytes.includes('EICAR') ? { clean: false, reason: '检出测试病毒 EICAR' } : { clean: true }),
    });
    const infected = pdf('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    const e = (await rejection(guarded.upload(a.eastMediator, c.id, { fileName: '病毒.pdf', bytes: infected }))) as ValidationError;
    expect(e.fields[0]).to.include({ field: 'file', type: 'file.infected' });
    expect(await storage.has(sha256Of(infected))).to.equal(false);
    expect((await guarded.upload(a.eastMediator, c.id, { fileName: '干净.pdf', bytes: pdf('clean') })).created).to.equal(true);
    expect(scanned).to.deep.equal(['病毒.pdf', '干净.pdf']);
  });
});
