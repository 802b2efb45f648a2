import Joi from 'joi';
import { FieldError, ValidationError } from './errors';

/** Chinese names of the fields people see in error messages; English falls back to the path. */
export const FIELD_LABELS_ZH: Record<string, string> = {
  action: '操作', version: '版本号', channel: '来源渠道', sourceRef: '来源编号', category: '纠纷类型', title: '案件标题',
  description: '案情描述', amountFen: '标的额', peopleCount: '涉及人数', placeOrgId: '发生地', address: '地址', risk: '风险等级',
  parties: '当事人', role: '当事人类型', kind: '主体类型', name: '姓名/名称', idNumber: '身份证号', phone: '电话', creditCode: '统一社会信用代码',
  triage: '分流类别', note: '备注', reason: '原因', mediatorId: '调解员', coMediatorIds: '协助调解员', organizationId: '组织',
  heldAt: '调解时间', place: '调解地点', participants: '参加人员', minutes: '调解记录', outcome: '调解结果', days: '延长天数',
  agreement: '调解协议', facts: '纠纷主要事实', disputes: '争议事项', responsibilities: '各方责任', terms: '协议内容',
  performanceMethod: '履行方式', performanceDeadline: '履行期限', signedOn: '签订日期', effectiveOn: '生效日期',
  state: '履行情况', amountPaidFen: '已履行金额', court: '受理法院', appliedOn: '申请日期', result: '确认结果', decidedOn: '裁定日期',
  rulingNumber: '裁定书编号', method: '回访方式', satisfaction: '满意度', summary: '结案摘要', route: '去向', toOrganizationId: '接收组织',
  adviserId: '法律顾问', content: '内容', instructions: '督办要求', deadlineDays: '督办期限', conclusion: '办结意见',
  username: '用户名', password: '密码', displayName: '姓名', roles: '角色', type: '类型', parentId: '上级组织',
  // webhooks and party messages
  scope: '接收范围', url: '接收地址', eventTypes: '事件类型', secret: '签名密钥', active: '是否启用', template: '通知类型', text: '模板内容',
  time: '调解时间', partyIds: '当事人',
};

const labelOf = (path: (string | number)[]) => {
  const last = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  return (last && FIELD_LABELS_ZH[last]) || path.join('.');
};

type Ctx = Joi.Context & { limit?: number; valids?: unknown[] };
const ZH: Record<string, (l: string, c: Ctx) => string> = {
  'any.required': (l) => `${l}不能为空`,
  'string.empty': (l) => `${l}不能为空`,
  'any.only': (l, c) => `${l}的取值无效，可选：${(c.valids ?? []).join('、')}`,
  'object.unknown': (l) => `不允许的字段：${l}`,
  'string.max': (l, c) => `${l}不能超过${c.limit}个字符`,
  'string.min': (l, c) => `${l}至少需要${c.limit}个字符`,
  'number.min': (l, c) => `${l}不能小于${c.limit}`,
  'number.max': (l, c) => `${l}不能大于${c.limit}`,
  'number.integer': (l) => `${l}必须是整数`,
  'number.base': (l) => `${l}必须是数字`,
  'string.base': (l) => `${l}必须是文本`,
  'boolean.base': (l) => `${l}必须是是/否`,
  'array.base': (l) => `${l}必须是列表`,
  'array.min': (l, c) => `${l}至少需要${c.limit}项`,
  'array.max': (l, c) => `${l}最多${c.limit}项`,
  'object.base': (l) => `${l}格式不正确`,
  'date.base': (l) => `${l}不是有效的时间`,
  'date.format': (l) => `${l}不是有效的时间`,
  'string.pattern.base': (l) => `${l}格式不正确`,
  'string.isoDate': (l) => `${l}不是有效的日期`,
  'idNumber.invalid': (l) => `${l}不是有效的居民身份证号码`,
  'date.notCalendar': (l) => `${l}不是有效的日期（YYYY-MM-DD）`,
  'parties.sides': (l) => `${l}至少需要一名申请人和一名被申请人`,
};

/** English for our own error codes (joi words its built-in ones itself). */
const EN_CUSTOM: Record<string, (field: string) => string> = {
  'idNumber.invalid': (f) => `${f} is not a valid resident ID card number`,
  'date.notCalendar': (f) => `${f} is not a valid date (YYYY-MM-DD)`,
  'parties.sides': (f) => `${f} needs at least one applicant and one respondent`,
};

/** Turn joi's error into field errors in both languages. */
export function toFieldErrors(err: Joi.ValidationError): FieldError[] {
  return err.details.map((d) => {
    const field = d.path.join('.');
    const zh = (ZH[d.type] ?? ((l: string) => `${l}无效`))(labelOf(d.path), (d.context ?? {}) as Ctx);
    const en = EN_CUSTOM[d.type]?.(field) ?? d.message.replace(/"/g, '');
    return { field, type: d.type, message: zh, messages: { zh, en } };
  });
}

/**
 * Validate `input` against `schema`, collecting every violation; throws ValidationError with one
 * entry per field. Unknown fields are refused.
 */
export function validate<T>(schema: Joi.Schema<T>, input: unknown): T {
  const { value, error } = schema.validate(input, { abortEarly: false, allowUnknown: false, stripUnknown: false, errors: { wrap: { label: false } } });
  if (error) throw new ValidationError(toFieldErrors(error));
  return value as T;
}

/** A calendar date written YYYY-MM-DD that exists. */
export const calendarDate = () =>
  Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}$/)
    .custom((v: string, h) => {
      const d = new Date(`${v}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? h.error('date.notCalendar') : v;
    });
