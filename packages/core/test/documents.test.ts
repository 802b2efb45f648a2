import { expect } from 'chai';
import { createHash } from 'node:crypto';
import {
  Actor, Agreement, assembleDocumentData, availableDocuments, CaseEvent, InvalidTransitionError, ManualClock, MediationCase, NotFoundError, PiiAccess, renderDocument, Tiaojie, TiaojieError,
  ValidationError,
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
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

forEachEngine('documents', ({ db }) => {
  let tj: Tiaojie;
  let center: Center;
  let a: Center['actor'];
  const clock = new ManualClock(new Date('2026-11-20T02:00:00.000Z'));
  /** A neighbours' dispute taken from registration to a confirmed, performed, followed-up and closed agreement. */
  let settled: MediationCase;
  let sessionIds: number[];

  async function walk(id: number, steps: Array<[Actor, string, object?, string?]>): Promise<MediationCase> {
    let c = await tj.cases.get(a.admin, id);
    for (const [who, action, payload, at] of steps) {
      if (at) clock.set(at);
      c = await tj.cases.run(who, id, action, payload ?? {}, c.version);
    }
    return c;
  }

  before(async () => {
    tj = await db().open({ clock });
    center = await buildCenter(tj);
    a = center.actor;
    clock.set('2026-11-20T02:00:00.000Z');
    const { case: c } = await tj.cases.register(a.clerk, walkIn({ address: '东关村二组', parties: [...walkIn().parties.slice(0, 1).map((p) => ({ ...p, address: '东关村二组12号' })), walkIn().parties[1]] }));
    settled = await walk(c.id, [
      [a.clerk, 'accept', { triage: 'minor' }, '2026-11-20T03:00:00.000Z'],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation', {}, '2026-11-21T01:00:00.000Z'],
      [a.eastMediator, 'recordSession', { heldAt: '2026-11-21T01:00:00.000Z', place: '东关镇调解室', participants: '张三、李四、李调解', minutes: '申请人称院墙排水冲毁菜地。\n被申请人同意改造排水管道。' }],
      [a.eastMediator, 'recordSession', { heldAt: '2026-11-22T06:30:00.000Z', place: '东关村委会', participants: '张三、李四', minutes: '双方就补偿金额达成一致。', outcome: '达成协议' }],
      [a.eastMediator, 'settle', { agreement: { ...agreement, signedOn: '2026-11-22' } }, '2026-11-22T08:00:00.000Z'],
      [a.eastMediator, 'applyConfirmation', { court: '平安县人民法院', appliedOn: '2026-11-24' }, '2026-11-24T02:00:00.000Z'],
      [a.eastMediator, 'recordConfirmation', { result: 'confirmed', decidedOn: '2026-11-27', rulingNumber: '（2026）晋0105民特88号' }],
      [a.eastMediator, 'recordPerformance', { state: 'performed', amountPaidFen: 500000 }, '2026-11-30T02:00:00.000Z'],
      [a.eastMediator, 'followUp', { method: 'phone', satisfaction: 'satisfied', note: '款项已付清，排水管道已改造' }, '2026-12-01T02:00:00.000Z'],
      [a.eastMediator, 'close', { summary: '协议已履行' }],
    ]);
    sessionIds = (await tj.caseRecords.list('mediation-sessions', a.admin, { filter: { caseId: settled.id }, sort: ['heldAt', 'ASC'] })).rows.map((s) => s.id);
  });
  after(() => tj?.close());

  it('offers the papers of a settled case in dossier order', async () => {
    const offers = await tj.documents.offers(a.leader, settled.id);
    expect(offers.map((o) => [o.kind, o.sessionId])).to.deep.equal([
      ['registration', null], ['rights_notice', null], ['session_record', sessionIds[0]], ['session_record', sessionIds[1]], ['agreement', null],
      ['confirmation_application', null], ['follow_up_record', null], ['dossier', null],
    ]);
    expect(offers.find((o) => o.kind === 'agreement')!.fileName).to.equal(`${settled.caseNumber}人民调解协议书.docx`);
  });

  it('prints the agreement with the parties, case number, amount, dates, articles and signature lines', async () => {
    const doc = await tj.documents.generate(a.eastMediator, settled.id, 'agreement');
    const text = await docxText(doc.bytes);
    for (const must of [
      '东关镇人民调解委员会', '人民调解协议书', settled.caseNumber, '申请人：张三', '身份证号码：11010519491231002X', '住址：东关村二组12号', '联系电话：13800138000', '被申请人：李四',
      '双方因院墙排水问题发生纠纷。', '被申请人于十日内改造排水管道', '人民币5,000.00元（大写：伍仟元整）', '于2026年12月31日前履行完毕', '2026年11月22日',
      '第二十九条', '第三十一条', '第三十三条', '一式3份', '申请人（签名或按指印）', '被申请人（签名或按指印）', '人民调解员（签名）', '东关镇人民调解委员会（印章）',
    ]) expect(text, must).to.include(must);
    expect(doc.personalData).to.equal('full');
    // Its own number (第30条 written agreement) heads it; the party's particulars come from the ID number.
    const row = await tj.dataSource.getRepository(Agreement).findOneByOrFail({ caseId: settled.id });
    expect(row.agreementNumber).to.be.a('string');
    expect(text).to.include(row.agreementNumber!).and.include(`案号：${settled.caseNumber}`).and.include('张三，女，1949年12月31日出生');
  });

  it('records each generation in the history with the SHA-256 of the bytes, without touching the case', async () => {
    const before = await tj.cases.get(a.admin, settled.id);
    const doc = await tj.documents.generate(a.eastMediator, settled.id, 'registration');
    const [event] = (await tj.cases.history(a.admin, settled.id)).slice(-1);
    expect(event).to.include({ action: 'generateDocument', fromStatus: 'closed', toStatus: 'closed', actorName: '李调解' });
    expect(event.payload).to.include({ kind: 'registration', sha256: sha256(doc.bytes), size: doc.bytes.length, personalData: 'full' });
    expect(doc.sha256).to.equal(sha256(doc.bytes));
    expect((await tj.cases.get(a.admin, settled.id)).version).to.equal(before.version);
    expect((await tj.cases.verifyHistory(settled.id)).ok).to.equal(true);
  });

  it('masks ID numbers and phones for a role that may not reveal them, and logs the full prints', async () => {
    const masked = await docxText((await tj.documents.generate(a.leader, settled.id, 'agreement')).bytes);
    expect(masked).to.include('1101**********002X').and.include('138****8000').and.not.include('11010519491231002X');
    const logged = await tj.dataSource.getRepository(PiiAccess).countBy({ userId: center.user.eastMediator.id, caseId: settled.id, purpose: 'document:agreement' });
    expect(logged).to.be.at.least(3); // two ID numbers and a phone, each time the mediator printed it
    expect(await tj.dataSource.getRepository(PiiAccess).countBy({ userId: center.user.leader.id })).to.equal(0);
  });

  it('prints every other paper of the settled case with what each must say', async () => {
    const expectations: Array<[string, number | undefined, string[]]> = [
      ['registration', undefined, ['人民调解受理登记表', '邻里纠纷', '当事人申请', '人民币5,000.00元', '予以受理（2026年11月20日）', '窗口小王', '第十七条']],
      ['rights_notice', undefined, ['人民调解权利义务告知书', '2026年11月20日受理', '选择或者接受人民调解员', '如实陈述纠纷事实', '第二十三条', '第二十四条', '第三十条', '不收取任何费用']],
      ['session_record', sessionIds[0], ['人民调解笔录（第1次）', '2026年11月21日9时00分', '东关镇调解室', '申请人称院墙排水冲毁菜地。', '被申请人同意改造排水管道。', '记录人（签名）', '第二十七条']],
      ['session_record', sessionIds[1], ['人民调解笔录（第2次）', '2026年11月22日14时30分', '调解结果：达成协议']],
      ['confirmation_application', undefined, ['司法确认申请书', '平安县人民法院', '申请日期：2026年11月24日', '第三十三条', '第二百零五条', settled.caseNumber, '申请人（申请人）（签名）', '申请人（被申请人）（签名）']],
      ['follow_up_record', undefined, ['人民调解回访记录', '电话回访', '满意', '款项已付清', '已履行，已履行人民币5,000.00元', '（2026）晋0105民特88号', '第三十六条']],
    ];
    for (const [kind, sessionId, musts] of expectations) {
      const text = await docxText((await tj.documents.generate(a.eastMediator, settled.id, kind, { sessionId })).bytes);
      expect(text, kind).to.include(settled.caseNumber);
      for (const must of musts) expect(text, `${kind}: ${must}`).to.include(must);
    }
  });

  it('files the dossier: cover, index and every paper in order', async () => {
    const text = await docxText((await tj.documents.generate(a.clerk, settled.id, 'dossier')).bytes);
    const order = ['人民调解卷宗', '卷内目录', '人民调解受理登记表', '人民调解权利义务告知书', '人民调解笔录（第1次）', '人民调解笔录（第2次）', '人民调解协议书', '司法确认申请书', '人民调解回访记录'];
    const positions = order.map((t) => text.indexOf(t));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).to.equal(true);
    // After the index, each paper's title appears in dossier order.
    const bodies = order.slice(2).map((t) => text.indexOf(`\n${t}`, text.indexOf('卷内目录') + 300));
    expect(bodies).to.deep.equal([...bodies].sort((x, y) => x - y));
    expect(text).to.include('结案日期').and.include('2026年12月1日').and.include('调解结果').and.include('调解成功');
  });

  it('offers a rejected case its rejection notice, with the reason and the rules, and nothing about mediation', async () => {
    const { case: c } = await tj.cases.register(a.clerk, walkIn({ title: '已由法院受理的借款纠纷' }));
    const r = await walk(c.id, [[a.clerk, 'reject', { reason: '该纠纷已由人民法院立案受理' }]]);
    expect((await tj.documents.offers(a.clerk, r.id)).map((o) => o.kind)).to.deep.equal(['registration', 'rejection_notice', 'dossier']);
    const text = await docxText((await tj.documents.generate(a.clerk, r.id, 'rejection_notice')).bytes);
    for (const must of ['不予受理告知书', '张三：', '已由法院受理的借款纠纷', '该纠纷已由人民法院立案受理', '第十七条', '第二十二条', '本委员会决定不予受理', '仲裁、行政、司法等途径']) expect(text, must).to.include(must);
    const events = await tj.dataSource.getRepository(CaseEvent).countBy({ caseId: r.id });
    const e = (await rejection(tj.documents.generate(a.clerk, r.id, 'agreement'))) as InvalidTransitionError;
    expect(e).to.be.instanceOf(InvalidTransitionError);
    expect(e.reasonCode).to.equal('DOCUMENT.NOT_AVAILABLE');
    expect(e.allowed).to.deep.equal(['registration', 'rejection_notice', 'dossier']);
    expect(await tj.dataSource.getRepository(CaseEvent).countBy({ caseId: r.id })).to.equal(events);
  });

  it('tells the parties of a failed labour case the routes left (第26条), marking arbitration, also once referred there', async () => {
    const { case: c } = await tj.cases.register(a.clerk, walkIn({ category: 'labour', title: '拖欠工资纠纷' }));
    let m = await walk(c.id, [
      [a.clerk, 'accept', { triage: 'minor' }],
      [a.clerk, 'assign', { mediatorId: center.user.eastMediator.id }],
      [a.eastMediator, 'startMediation'],
      [a.eastMediator, 'fail', { reason: '被申请人拒绝支付任何款项' }, '2026-11-25T02:00:00.000Z'],
    ]);
    expect((await tj.documents.offers(a.eastMediator, m.id)).map((o) => o.kind)).to.deep.equal(['registration', 'rights_notice', 'termination_notice', 'dossier']);
    let text = await docxText((await tj.documents.generate(a.eastMediator, m.id, 'termination_notice')).bytes);
    for (const must of ['调解终结告知书', '拖欠工资纠纷', '因被申请人拒绝支付任何款项，调解不成', '2026年11月25日终止调解', '第二十六条', '☑ 劳动争议', '☐ 可以依法向有管辖权的人民法院提起诉讼']) expect(text, must).to.include(must);
    // The law closes the court to a labour dispute before arbitration (h-rules' referral routes).
    m = await walk(m.id, [[a.eastMediator, 'refer', { route: 'arbitration', note: '引导当事人向劳动人事争议仲裁委员会申请仲裁' }]]);
    text = await docxText((await tj.documents.generate(a.eastMediator, m.id, 'termination_notice')).bytes);
    expect(text).to.include('☑ 劳动争议').and.include('☐ 可以依法向有管辖权的人民法院提起诉讼').and.include('说明：引导当事人向劳动人事争议仲裁委员会申请仲裁');
  });

  it('builds the oral-agreement record from the agreement data, offered only when the agreement is oral', async () => {
    const d = await assembleDocumentData(tj.dataSource.manager, settled, { reveal: false, cipher: tj.cipher, now: new Date('2026-12-01T02:00:00Z') });
    const row = await tj.dataSource.getRepository(Agreement).findOneByOrFail({ caseId: settled.id });
    expect(d.agreement).to.include({ oral: row.kind === 'oral', number: row.agreementNumber });
    expect(availableDocuments(d).map((o) => o.kind)).not.to.include('oral_agreement');
    const oral = { ...d, agreement: { ...d.agreement!, oral: true } };
    const kinds = availableDocuments(oral).map((o) => o.kind);
    expect(kinds).to.include('oral_agreement').and.not.include('agreement').and.not.include('confirmation_application');
    const text = await docxText(await renderDocument('oral_agreement', oral));
    for (const must of ['口头调解协议登记表', '张三', '被申请人于十日内改造排水管道', '人民币5,000.00元', '2026年11月22日', '第二十八条', '第三十条']) expect(text, must).to.include(must);
  });

  it('answers not found outside the case’s scope, and refuses unknown kinds and foreign sessions, recording nothing', async () => {
    const events = await tj.dataSource.getRepository(CaseEvent).countBy({ caseId: settled.id });
    expect(await rejection(tj.documents.offers(a.westMediator, settled.id))).to.be.instanceOf(NotFoundError);
    expect(await rejection(tj.documents.generate(a.westClerk, settled.id, 'agreement'))).to.be.instanceOf(NotFoundError);
    const unknown = (await rejection(tj.documents.generate(a.eastMediator, settled.id, 'will'))) as ValidationError;
    expect(unknown.fields[0].field).to.equal('kind');
    const noSession = (await rejection(tj.documents.generate(a.eastMediator, settled.id, 'session_record'))) as ValidationError;
    expect(noSession.fields[0].field).to.equal('sessionId');
    const foreign = (await rejection(tj.documents.generate(a.eastMediator, settled.id, 'session_record', { sessionId: 999999 }))) as ValidationError;
    expect(foreign.fields[0]).to.include({ field: 'sessionId', type: 'any.invalid' });
    expect(await tj.dataSource.getRepository(CaseEvent).countBy({ caseId: settled.id })).to.equal(events);
  });
});
