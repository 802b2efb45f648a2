/**
 * Chinese names of fields, for the messages people read: core's FIELD_LABELS_ZH (the case and its
 * records) and the fields only the API has (list filters, query parameters, reference data).
 * English messages keep the field's own name.
 */
import { FIELD_LABELS_ZH } from '@tiaojie/core';

const API_LABELS_ZH: Record<string, string> = {
  // request parts and query parameters
  body: '请求内容', filter: '筛选条件', sort: '排序', range: '分页范围', reveal: '显示完整信息',
  // case list filters
  id: '编号', status: '状态', light: '亮灯', reporterId: '上报人', supervised: '是否督办', flagged: '是否标记', open: '是否在办',
  registeredFrom: '登记时间起', registeredTo: '登记时间止', deadlineFrom: '办理期限起', deadlineTo: '办理期限止', q: '关键词',
  // other lists' filters
  subtreeOf: '所属组织', active: '是否启用', caseId: '案件', toOrgId: '接收组织', villageId: '村（社区）', state: '状态',
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
  unacknowledgedTransfers: '未接收的移交', sourceOrgId: '来源组织', idNumberMasked: '身份证号', phoneMasked: '电话',
  seq: '序号', actorId: '操作人', actorName: '操作人', fromStatus: '原状态', toStatus: '新状态', payload: '内容', changes: '变更内容',
  hash: '校验值', prevHash: '前一校验值', recordedAt: '记录时间', recordedById: '记录人', openedAt: '督办时间', openedById: '督办人',
  acknowledgedAt: '接收时间', acknowledgedById: '接收人', fromOrgId: '移出组织', joinedAt: '加入时间', userId: '用户', partyId: '当事人',
  byId: '操作人', field: '字段', value: '值', year: '年度', serial: '案号序号', lastSerial: '最后序号', prefix: '前缀',
  handlingOrgName: '承办组织', registeringOrgName: '登记组织', placeOrgName: '发生地', mediatorName: '调解员', adviserName: '法律顾问',
  organizationName: '组织', villageIds: '服务村（社区）',
};

/** Core's labels first; the API adds its own and words a few generic ones for its lists (e.g. `state`). */
export const LABELS_ZH: Readonly<Record<string, string>> = { ...FIELD_LABELS_ZH, ...API_LABELS_ZH };

/** The Chinese name of a field (its last name in a dotted path); an unknown name stays as sent. */
export function labelZh(field: string, overrides: Record<string, string> = {}): string {
  const name = field.split('.').filter(Boolean).pop() ?? field;
  return (Object.hasOwn(overrides, name) ? overrides[name] : Object.hasOwn(LABELS_ZH, name) ? LABELS_ZH[name] : undefined) ?? name;
}

/**
 * The Chinese name of a joi path: the last named segment, then which item of it (`角色第 2 项`).
 * The empty path is the whole value (`root`).
 */
export function pathLabelZh(path: ReadonlyArray<string | number>, root: string, overrides: Record<string, string> = {}): string {
  let i = path.length - 1;
  const items: number[] = [];
  for (; i >= 0 && typeof path[i] === 'number'; i--) items.unshift(path[i] as number);
  const name = i >= 0 ? labelZh(String(path[i]), overrides) : root;
  return name + items.map((n) => `第 ${n + 1} 项`).join('');
}
