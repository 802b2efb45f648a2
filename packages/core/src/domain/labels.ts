/**
 * The names of fields people read in messages, in one table for core, the API and the admin.
 * Field keys are the camelCase names of the API and the entities; the English name of a field is
 * its key, the Chinese one is here. Pure data: imports nothing.
 */

/** Chinese names of fields; an error message names the last named segment of a field's path. */
export const FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  // a case, its parties and the payloads of its actions
  action: '操作', version: '版本号', channel: '来源渠道', sourceRef: '来源编号', category: '纠纷类型', title: '案件标题',
  description: '案情描述', amountFen: '标的额', peopleCount: '涉及人数', placeOrgId: '发生地', address: '地址', risk: '风险等级',
  parties: '当事人', role: '当事人类型', kind: '主体类型', name: '姓名/名称', idNumber: '身份证号', phone: '电话', creditCode: '统一社会信用代码',
  triage: '分流类别', note: '备注', reason: '原因', mediatorId: '调解员', coMediatorIds: '协助调解员', organizationId: '组织',
  heldAt: '调解时间', place: '调解地点', participants: '参加人员', minutes: '调解记录', outcome: '调解结果', days: '延长天数',
  agreement: '调解协议', facts: '纠纷主要事实', disputes: '争议事项', responsibilities: '各方责任', terms: '协议内容',
  performanceMethod: '履行方式', performanceDeadline: '履行期限', signedOn: '签订日期', effectiveOn: '生效日期',
  amountPaidFen: '已履行金额', court: '受理法院', appliedOn: '申请日期', result: '确认结果', decidedOn: '裁定日期',
  rulingNumber: '裁定书编号', method: '回访方式', satisfaction: '满意度', summary: '结案摘要', route: '去向', toOrganizationId: '接收组织',
  adviserId: '法律顾问', content: '内容', instructions: '督办要求', deadlineDays: '督办期限', conclusion: '办结意见',
  username: '用户名', password: '密码', displayName: '姓名', roles: '角色', type: '类型', parentId: '上级组织',
  // request parts and query parameters
  body: '请求内容', filter: '筛选条件', sort: '排序', range: '分页范围', reveal: '显示完整信息',
  // case list filters
  id: '编号', status: '状态', light: '亮灯', reporterId: '上报人', supervised: '是否督办', flagged: '是否标记', open: '是否在办',
  registeredFrom: '登记时间起', registeredTo: '登记时间止', deadlineFrom: '办理期限起', deadlineTo: '办理期限止', q: '关键词',
  // other lists' filters
  subtreeOf: '所属组织', active: '是否启用', caseId: '案件', term: '检索词', toOrgId: '接收组织', villageId: '村（社区）', state: '状态',
  // reference data
  regionCode: '行政区划代码', caseNumberPrefix: '案号前缀', path: '组织路径', depth: '层级',
  acceptDays: '受理时限', mediateDays: '调解时限', extensionDays: '延长时限', followUpDays: '回访时限', confirmationDays: '司法确认时限',
  yellowPercent: '黄灯比例', complexity: '复杂程度', validFrom: '有效期起', validTo: '有效期止', startsOn: '开始日期', endsOn: '结束日期',
  at: '咨询时间', personName: '咨询人', personPhone: '咨询人电话', personPhoneMasked: '咨询人电话', question: '咨询问题', answer: '解答意见',
  key: '密钥', lastUsedAt: '最近使用时间', revokedAt: '吊销时间', purpose: '用途',
  // a case and its records as the API shows them (sent back changed, they are refused by name)
  caseNumber: '案号', createdAt: '创建时间', updatedAt: '修改时间', createdById: '创建人', registeredAt: '登记时间',
  registeringOrgId: '登记组织', handlingOrgId: '承办组织', deadlineAt: '办理期限', acceptedAt: '受理时间', settledAt: '调解成功时间',
  closedAt: '结案时间', closedById: '结案人', closeRoute: '结案方式', resultSummary: '结案摘要', performance: '履行情况',
  clockStage: '计时阶段', clockStartedAt: '计时开始时间', confirmationDeadlineAt: '司法确认期限', yellowAt: '黄灯时间',
  extended: '是否延期', followedUp: '是否回访', confirmation: '司法确认', pendingTransfer: '待接收移交', pendingTransferId: '待接收移交',
  unacknowledgedTransfers: '未接收的移交', sourceOrgId: '送案单位', handedOver: '本单位移出的案件', declineReason: '退回理由', idNumberMasked: '身份证号', phoneMasked: '电话',
  seq: '序号', actorId: '操作人', actorName: '操作人', fromStatus: '原状态', toStatus: '新状态', payload: '内容', changes: '变更内容',
  hash: '校验值', prevHash: '前一校验值', recordedAt: '记录时间', recordedById: '记录人', openedAt: '督办时间', openedById: '督办人',
  acknowledgedAt: '接收时间', acknowledgedById: '接收人', fromOrgId: '移出组织', joinedAt: '加入时间', userId: '用户', partyId: '当事人',
  byId: '操作人', field: '字段', value: '值', year: '年度', serial: '案号序号', lastSerial: '最后序号', prefix: '前缀',
  handlingOrgName: '承办组织', registeringOrgName: '登记组织', placeOrgName: '发生地', mediatorName: '调解员', adviserName: '法律顾问',
  organizationName: '组织', villageIds: '服务村（社区）', sessionId: '调解记录', agreementId: '调解协议',
  // webhooks and party messages (a webhook's `scope` is named by its service: 接收范围)
  url: '接收地址', eventTypes: '事件类型', secret: '签名密钥', template: '通知类型', text: '模板内容',
  time: '调解时间', partyIds: '当事人', subscriptionId: '订阅', outboxEventId: '事件', eventType: '事件类型', read: '是否已读',
  // attachments
  fileName: '文件名', mimeType: '文件类型', size: '文件大小', sha256: '文件校验值',
  // issue 9: law-faithful records
  source: '来源方式', mediationType: '调解类型', consent: '调解意愿', on: '表态日期', chosenMediator: '当事人选择的调解员',
  rightsNotifiedOn: '权利义务告知日期', consentOn: '表态日期', sex: '性别', ethnicity: '民族', birthDate: '出生日期', occupation: '职业',
  legalRepresentative: '法定代表人', agents: '委托代理人', authority: '代理权限', scope: '授权事项', signatures: '签名盖章',
  committeeName: '人民调解委员会', performancePlace: '履行地点', agreementNumber: '协议编号', poolMediatorId: '调解员库编号',
  poolMediatorIds: '调解员库成员', responsibleOrgId: '承办单位', responsiblePerson: '承办科室和人员', supervisionDays: '督办期限',
  reply: '答复内容', repliedOn: '答复日期', documentNumber: '调解书文号', issuedOn: '出具日期', appraisal: '鉴定中止',
  code: '代码', statsCategory: '统计类别', sortOrder: '排序', dayKind: '计算方式', overdueFails: '超期视为调解不成',
  specialty: '专长', areaOrgId: '服务地区', day: '日期', caseNumberFormat: '案号格式', serialPadding: '序号位数',
  enforcementCourt: '强制执行法院', enforcementAppliedOn: '申请强制执行日期', courtDocumentNumber: '法院调解书文号', courtDocumentOn: '调解书日期',
  administrativeReply: '行政处理答复', administrativeReplyOn: '答复日期',
  // 民转刑 (人民调解法 第25条)
  criminalRisk: '民转刑风险', measures: '采取的措施', reportedToPolice: '是否报告公安机关', policeStation: '报告的公安机关', reportedOn: '报告日期',
  // kept case counts (issue 12)
  n: '件数', changesAt: '亮灯变化时间',
};

/** The Chinese name of a field (the last name of a dotted path); an unknown name stays as sent. */
export function labelZh(field: string, overrides: Readonly<Record<string, string>> = {}): string {
  const name = field.split('.').filter(Boolean).pop() ?? field;
  // Own properties only: a field named `constructor` is a name, not Object's function.
  return (Object.hasOwn(overrides, name) ? overrides[name] : Object.hasOwn(FIELD_LABELS_ZH, name) ? FIELD_LABELS_ZH[name] : undefined) ?? name;
}

/**
 * The Chinese name of a validation path: its last named segment, then which item of it
 * (`角色第 2 项`). The empty path is the whole value, named `root`.
 */
export function pathLabelZh(path: ReadonlyArray<string | number>, root: string, overrides: Readonly<Record<string, string>> = {}): string {
  let i = path.length - 1;
  const items: number[] = [];
  for (; i >= 0 && typeof path[i] === 'number'; i--) items.unshift(path[i] as number);
  const name = i >= 0 ? labelZh(String(path[i]), overrides) : root;
  return name + items.map((n) => `第 ${n + 1} 项`).join('');
}
