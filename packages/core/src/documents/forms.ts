/**
 * The forms, one builder per kind: each reads only DocumentData and answers the blocks of one
 * section. Wording follows the usual forms of people's mediation committees; the articles they
 * rest on are cited in the text (人民调解法, 《人民调解工作若干规定》, 民事诉讼法).
 */
import type { DocumentAgreement, DocumentData, DocumentParty, DocumentSession } from './document-data';
import { money, zhDate, zhDateTime } from './format';
import { Block, blank, formTable, gridTable, header, heading, labelled, note, para, paras, sealAndDate, signatures } from './layout';

export type FormKind =
  | 'registration'
  | 'rejection_notice'
  | 'rights_notice'
  | 'session_record'
  | 'agreement'
  | 'oral_agreement'
  | 'confirmation_application'
  | 'termination_notice'
  | 'follow_up_record';

export const FORM_TITLES: Record<FormKind, string> = {
  registration: '人民调解受理登记表',
  rejection_notice: '不予受理告知书',
  rights_notice: '人民调解权利义务告知书',
  session_record: '人民调解笔录',
  agreement: '人民调解协议书',
  oral_agreement: '口头调解协议登记表',
  confirmation_application: '司法确认申请书',
  termination_notice: '调解终结告知书',
  follow_up_record: '人民调解回访记录',
};

/** 申请人：张三，男，汉族，1949年12月31日出生，身份证号码：…，住址：…，联系电话：… */
export function partyLine(p: DocumentParty): string {
  const facts =
    p.kind === 'organization'
      ? [p.name, p.creditCode && `统一社会信用代码：${p.creditCode}`, p.address && `住所：${p.address}`, p.legalRepresentative && `法定代表人：${p.legalRepresentative}`, p.phone && `联系电话：${p.phone}`]
      : [p.name, p.sex, p.ethnicity, p.birthDate && `${zhDate(p.birthDate)}出生`, p.idNumber && `身份证号码：${p.idNumber}`, p.address && `住址：${p.address}`, p.phone && `联系电话：${p.phone}`];
  return `${p.roleLabel}：${facts.filter(Boolean).join('，')}`;
}

const partyBlock = (d: DocumentData) => d.parties.map((p) => para(partyLine(p)));
const names = (d: DocumentData, role?: string) => d.parties.filter((p) => !role || p.role === role).map((p) => p.name).join('、');
const partySignatures = (d: DocumentData) => d.parties.map((p) => `${p.roleLabel}（签名或按指印）`);

function registration(d: DocumentData): Block[] {
  const c = d.case;
  return [
    ...header(d.committee, FORM_TITLES.registration, c.caseNumber),
    formTable([
      [['案号', c.caseNumber], ['登记日期', zhDate(c.registeredOn)]],
      [['纠纷来源', c.channelLabel], ['来源编号', c.sourceRef ?? '无']],
      [['纠纷类型', c.categoryLabel], ['涉及人数', `${c.peopleCount}人`]],
      [['纠纷名称', c.title]],
      ...d.parties.map((p): Array<[string, string]> => [[p.roleLabel, partyLine(p).slice(p.roleLabel.length + 1)]]),
      [['发生地点', c.place ?? '']],
      [['标的额', c.amountFen != null ? money(c.amountFen) : '无']],
      [['纠纷简要情况', c.description]],
      [['受理意见', d.rejection ? `不予受理（${zhDate(d.rejection.on)}）：${d.rejection.reason}` : c.acceptedOn ? `予以受理（${zhDate(c.acceptedOn)}）` : '待审查']],
      [['登记人', c.registeredBy ?? ''], ['调解员', d.mediators.join('、') || '未指派']],
    ]),
    note('依据：《中华人民共和国人民调解法》第十七条：当事人可以向人民调解委员会申请调解；人民调解委员会也可以主动调解。当事人一方明确拒绝调解的，不得调解。'),
    ...sealAndDate(d.committee, d.generatedOn, { seal: false }),
  ];
}

function rejectionNotice(d: DocumentData): Block[] {
  const r = d.rejection!;
  return [
    ...header(d.committee, FORM_TITLES.rejection_notice, d.case.caseNumber),
    para(`${names(d, 'applicant') || names(d)}：`, { indent: false }),
    para(`你（单位）于${zhDate(d.case.registeredOn)}向本委员会申请调解的“${d.case.title}”一案，经审查，${r.reason}。`),
    para('根据《中华人民共和国人民调解法》第二条、第十七条及《人民调解工作若干规定》第二十二条的规定，本委员会决定不予受理。'),
    para('你（单位）可以依法通过仲裁、行政、司法等途径维护自己的合法权益，或向有管辖权的机关、组织反映。'),
    para('特此告知。'),
    ...sealAndDate(d.committee, r.on),
    ...signatures(['告知书收到人（签名）']),
  ];
}

function rightsNotice(d: DocumentData): Block[] {
  return [
    ...header(d.committee, FORM_TITLES.rights_notice, d.case.caseNumber),
    para(`${names(d)}：`, { indent: false }),
    para(`你（单位）之间的“${d.case.title}”一案，本委员会已于${zhDate(d.case.acceptedOn)}受理。人民调解委员会调解民间纠纷，不收取任何费用。根据《中华人民共和国人民调解法》第二十三条、第二十四条和《人民调解工作若干规定》第三十条的规定，现将当事人在人民调解活动中享有的权利和承担的义务告知如下：`),
    heading('一、当事人享有下列权利'),
    para('（一）选择或者接受人民调解员；'),
    para('（二）接受调解、拒绝调解或者要求终止调解；'),
    para('（三）要求调解公开进行或者不公开进行；'),
    para('（四）自主表达意愿、自愿达成调解协议。'),
    heading('二、当事人承担下列义务'),
    para('（一）如实陈述纠纷事实；'),
    para('（二）遵守调解现场秩序，尊重人民调解员；'),
    para('（三）尊重对方当事人行使权利。'),
    heading('三、调解协议的效力'),
    para('经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行（人民调解法第三十一条）。双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认（人民调解法第三十三条）。'),
    ...sealAndDate(d.committee, d.case.acceptedOn),
    para('以上告知内容我已知悉。', { indent: false }),
    ...signatures(partySignatures(d)),
  ];
}

function sessionRecord(d: DocumentData, s: DocumentSession): Block[] {
  return [
    ...header(d.committee, `${FORM_TITLES.session_record}（第${s.number}次）`, d.case.caseNumber),
    formTable([
      [['调解时间', zhDateTime(s.heldAt)], ['调解地点', s.place]],
      [['纠纷名称', d.case.title]],
      [['当事人', d.parties.map((p) => `${p.roleLabel}：${p.name}`).join('；')]],
      [['调解员', d.mediators.join('、')], ['记录人', s.recordedBy]],
      [['参加人员', s.participants]],
    ]),
    blank(),
    heading('调解记录'),
    ...paras(s.minutes),
    ...(s.outcome ? [labelled('调解结果', s.outcome)] : []),
    note('依据：《中华人民共和国人民调解法》第二十七条：人民调解员应当记录调解情况。以上记录经当事人阅看（或向其宣读），确认无误后签名。'),
    ...signatures([...partySignatures(d), '调解员（签名）', '记录人（签名）']),
  ];
}

/** How and by when an agreement is performed; an oral agreement may record neither. */
function performanceTerms(a: DocumentAgreement): string {
  const by = a.performanceDeadline ? `于${zhDate(a.performanceDeadline)}前履行完毕` : '';
  return [a.performanceMethod, by].filter(Boolean).join('，') || '未约定履行方式和期限';
}

function agreement(d: DocumentData): Block[] {
  const a = d.agreement!;
  const copies = d.parties.length + 1;
  return [
    ...header(d.committee, FORM_TITLES.agreement, a.number ?? d.case.caseNumber),
    // A numbered agreement keeps the case's number too, so the paper is found from either.
    ...(a.number ? [labelled('案号', d.case.caseNumber)] : []),
    ...partyBlock(d),
    heading('一、纠纷主要事实'),
    ...paras(a.facts),
    heading('二、争议事项'),
    ...paras(a.disputes),
    heading('三、各方责任'),
    ...paras(a.responsibilities),
    heading('四、经调解，各方当事人自愿达成如下协议'),
    ...paras(a.terms),
    ...(a.amountFen != null ? [labelled('协议金额', money(a.amountFen))] : []),
    heading('五、履行方式和期限'),
    para(`${performanceTerms(a)}。`),
    heading('六、其他'),
    para('本协议经人民调解委员会调解，各方当事人在平等、自愿基础上达成，具有法律约束力，当事人应当按照约定履行（《中华人民共和国人民调解法》第三十一条）。'),
    para('本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（人民调解法第二十九条）。'),
    para('各方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认；人民法院依法确认调解协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行（人民调解法第三十三条）。'),
    para(`本协议书一式${copies}份，各方当事人各执一份，人民调解委员会留存一份。`),
    ...signatures([...partySignatures(d), '人民调解员（签名）']),
    ...sealAndDate(d.committee, a.signedOn),
  ];
}

function oralAgreement(d: DocumentData): Block[] {
  const a = d.agreement!;
  return [
    ...header(d.committee, FORM_TITLES.oral_agreement, d.case.caseNumber),
    formTable([
      [['纠纷名称', d.case.title]],
      ...d.parties.map((p): Array<[string, string]> => [[p.roleLabel, partyLine(p).slice(p.roleLabel.length + 1)]]),
      [['纠纷事实', a.facts]],
      [['争议事项', a.disputes]],
      [['口头协议内容', a.terms + (a.amountFen != null ? `\n协议金额：${money(a.amountFen)}` : '')]],
      [['履行方式和期限', performanceTerms(a)]],
      [['达成日期', zhDate(a.signedOn)], ['调解员', a.mediatorName]],
    ]),
    note('依据：《中华人民共和国人民调解法》第二十八条：当事人认为无需制作调解协议书的，可以采取口头协议方式，人民调解员应当记录协议内容。第三十条：口头调解协议自各方当事人达成协议之日起生效。'),
    ...signatures([...partySignatures(d), '人民调解员（签名）']),
    ...sealAndDate(d.committee, a.signedOn),
  ];
}

function confirmationApplication(d: DocumentData): Block[] {
  const a = d.agreement!;
  const court = d.confirmation?.court ?? '＿＿＿＿＿＿人民法院';
  return [
    ...header(d.committee, FORM_TITLES.confirmation_application),
    para('申请人（各方当事人共同申请）：', { indent: false }),
    ...partyBlock(d),
    heading('请求事项'),
    para(`请求人民法院依法确认申请人于${zhDate(a.signedOn)}经${d.committee}主持调解达成的调解协议（${d.case.caseNumber}）有效。`),
    heading('事实和理由'),
    para(`申请人之间因${d.case.title}发生纠纷，经${d.committee}调解，于${zhDate(a.signedOn)}自愿达成调解协议，协议自${zhDate(a.effectiveOn)}起生效。协议主要内容：${a.terms}${a.amountFen != null ? `（协议金额${money(a.amountFen)}）` : ''}`),
    para('申请人依照《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》第二百零五条的规定，自调解协议生效之日起三十日内共同提出本申请。申请人保证：调解协议是在自愿、合法的基础上达成的，不存在恶意串通、规避法律的行为，不损害国家利益、社会公共利益和他人合法权益；向人民法院提交的材料真实、合法。如因虚假陈述给他人造成损失的，愿意承担法律责任。'),
    para('此致', { indent: false }),
    para(court, { indent: false }),
    ...signatures(d.parties.map((p) => `申请人（${p.roleLabel}）（签名）`)),
    blank(),
    labelled('申请日期', d.confirmation ? zhDate(d.confirmation.appliedOn) : '　　　　年　　月　　日'),
    note(`附：1. 调解协议书（${d.case.caseNumber}）；2. 各申请人的身份证明；3. 与调解协议相关的财产权利证明等材料。`),
  ];
}

/** Routes a failed mediation may take (人民调解法 第26条), and the one the category points to first. */
export const TERMINATION_ROUTES: Array<{ code: string; text: string }> = [
  { code: 'labour_arbitration', text: '劳动争议，可以自知道或者应当知道其权利被侵害之日起一年内向劳动人事争议仲裁委员会申请仲裁（劳动争议调解仲裁法第五条、第二十七条）' },
  { code: 'administrative', text: '土地、山林等权属争议，可以申请有关人民政府依法处理（土地管理法第十四条）' },
  { code: 'litigation', text: '可以依法向有管辖权的人民法院提起诉讼' },
  { code: 'court_return', text: '本案系人民法院委派调解，将退回委派的人民法院依法处理' },
  { code: 'other', text: '其他纠纷，可以向有关行政机关申请处理或者通过其他合法途径解决' },
];

/** The route a failed case takes: the one it was referred by, else the one its category requires first. */
export function terminationRoute(d: DocumentData): string {
  // `refer` names labour arbitration `arbitration` (the only arbitration the law sends a mediation case to first).
  if (d.referral?.route) return d.referral.route === 'arbitration' ? 'labour_arbitration' : d.referral.route;
  if (d.case.channel === 'court') return 'court_return';
  if (d.case.category === 'labour') return 'labour_arbitration';
  if (d.case.category === 'land') return 'administrative';
  return 'litigation';
}

function terminationNotice(d: DocumentData): Block[] {
  const f = d.failure!;
  const route = terminationRoute(d);
  return [
    ...header(d.committee, FORM_TITLES.termination_notice, d.case.caseNumber),
    para(`${names(d)}：`, { indent: false }),
    para(`你（单位）之间的“${d.case.title}”一案，本委员会于${zhDate(d.case.acceptedOn)}受理后依法进行了调解。因${f.reason}，调解不成，本委员会于${zhDate(f.on)}终止调解。`),
    para('根据《中华人民共和国人民调解法》第二十六条的规定，人民调解员调解纠纷，调解不成的，应当终止调解，并依据有关法律、法规的规定，告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。现告知如下：'),
    ...TERMINATION_ROUTES.map((r) => para(`${r.code === route ? '☑' : '☐'} ${r.text}；`)),
    ...(d.referral?.note ? [labelled('说明', d.referral.note)] : []),
    para('特此告知。'),
    ...sealAndDate(d.committee, d.referral?.on ?? f.on),
    ...signatures(d.parties.map((p) => `${p.roleLabel}签收（签名）`)),
  ];
}

function followUpRecord(d: DocumentData): Block[] {
  const lastPerformance = d.performance[d.performance.length - 1];
  return [
    ...header(d.committee, FORM_TITLES.follow_up_record, d.case.caseNumber),
    formTable([
      [['纠纷名称', d.case.title]],
      [['当事人', d.parties.map((p) => `${p.roleLabel}：${p.name}`).join('；')]],
      [['协议签订日期', zhDate(d.agreement?.signedOn)], ['履行期限', zhDate(d.agreement?.performanceDeadline)]],
      [['履行情况', lastPerformance ? `${lastPerformance.stateLabel}${lastPerformance.amountPaidFen != null ? `，已履行${money(lastPerformance.amountPaidFen)}` : ''}（${zhDate(lastPerformance.on)}登记）` : '未登记']],
      [['司法确认', d.confirmation ? `${d.confirmation.court}，${zhDate(d.confirmation.appliedOn)}申请，${d.confirmation.stateLabel}${d.confirmation.rulingNumber ? `（${d.confirmation.rulingNumber}）` : ''}` : '未申请']],
    ]),
    blank(),
    gridTable(
      ['回访时间', '回访方式', '当事人满意度', '回访情况', '回访人'],
      d.followUps.map((f) => [zhDateTime(f.at), f.methodLabel, f.satisfactionLabel, f.note ?? '', f.by]),
      [24, 16, 16, 30, 14],
    ),
    note('依据：《人民调解工作若干规定》第三十六条：人民调解委员会应当对调解协议的履行情况适时进行回访，并就履行情况做出记录。'),
    ...signatures(['回访人（签名）']),
    ...sealAndDate(d.committee, d.generatedOn, { seal: false }),
  ];
}

/** The blocks of one form. `sessionId` picks the session of a 调解笔录. */
export function buildForm(kind: FormKind, d: DocumentData, sessionId?: number): Block[] {
  switch (kind) {
    case 'registration':
      return registration(d);
    case 'rejection_notice':
      return rejectionNotice(d);
    case 'rights_notice':
      return rightsNotice(d);
    case 'session_record':
      return sessionRecord(d, d.sessions.find((s) => s.id === sessionId)!);
    case 'agreement':
      return agreement(d);
    case 'oral_agreement':
      return oralAgreement(d);
    case 'confirmation_application':
      return confirmationApplication(d);
    case 'termination_notice':
      return terminationNotice(d);
    case 'follow_up_record':
      return followUpRecord(d);
  }
}
