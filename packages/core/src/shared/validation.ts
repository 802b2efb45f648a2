/**
 * Joi validation worded for people, in Chinese and English, from one table of field names
 * (domain/labels.ts). Core validates every command with it; the API calls the same function for
 * its request parameters, adding only the parameter's prefix (`filter.`) and its own names.
 */
import Joi from 'joi';
import { FIELD_LABELS_ZH, labelZh, pathLabelZh } from '../domain/labels';
import { boundedDate } from './dates';
import { FieldError, ValidationError } from './errors';

export { FIELD_LABELS_ZH, labelZh, pathLabelZh };

/**
 * Chinese messages for the joi rules our schemas use. `{{#label}}` is the field's Chinese name,
 * never its English key; a rule missing here still gets a generic message.
 */
const ZH: Record<string, string> = {
  'any.required': '{{#label}}不能为空',
  'any.unknown': '{{#label}}不允许填写',
  'any.only': '{{#label}}必须是以下值之一：{{#valids}}',
  'any.invalid': '{{#label}}的值无效',
  'any.custom': '{{#label}}的值无效',
  'alternatives.match': '{{#label}}的格式不正确',
  'alternatives.types': '{{#label}}的类型不正确',
  'alternatives.any': '{{#label}}的格式不正确',
  'alternatives.one': '{{#label}}的格式不正确',
  'alternatives.all': '{{#label}}的格式不正确',
  'object.base': '{{#label}}必须是对象',
  'object.unknown': '不允许的字段：{{#label}}',
  'object.missing': '至少需要填写以下字段之一：{{#peersWithLabels}}',
  'object.and': '{{#label}}中以下字段必须同时填写：{{#presentWithLabels}}、{{#missingWithLabels}}',
  'object.with': '填写{{#mainWithLabel}}时必须同时填写{{#peerWithLabel}}',
  'object.without': '填写{{#mainWithLabel}}时不能同时填写{{#peerWithLabel}}',
  'object.xor': '以下字段只能填写其中一个：{{#peersWithLabels}}',
  'object.oxor': '以下字段最多只能填写其中一个：{{#peersWithLabels}}',
  'object.min': '{{#label}}至少需要 {{#limit}} 个字段',
  'object.max': '{{#label}}最多 {{#limit}} 个字段',
  'array.base': '{{#label}}必须是数组',
  'array.min': '{{#label}}至少需要 {{#limit}} 项',
  'array.max': '{{#label}}最多 {{#limit}} 项',
  'array.length': '{{#label}}必须正好 {{#limit}} 项',
  'array.unique': '{{#label}}不能有重复项',
  'array.includes': '{{#label}}的值无效',
  'array.includesRequiredUnknowns': '{{#label}}缺少必需的项',
  'array.sparse': '{{#label}}不能有空项',
  'string.base': '{{#label}}必须是文本',
  'string.empty': '{{#label}}不能为空',
  'string.min': '{{#label}}至少 {{#limit}} 个字符',
  'string.max': '{{#label}}不能超过 {{#limit}} 个字符',
  'string.length': '{{#label}}必须是 {{#limit}} 个字符',
  'string.pattern.base': '{{#label}}的格式不正确',
  'string.pattern.name': '{{#label}}的格式不正确（{{#name}}）',
  'string.alphanum': '{{#label}}只能包含字母和数字',
  'string.isoDate': '{{#label}}必须是 ISO 格式的日期',
  'string.email': '{{#label}}必须是有效的电子邮箱',
  'number.base': '{{#label}}必须是数字',
  'number.integer': '{{#label}}必须是整数',
  'number.min': '{{#label}}不能小于 {{#limit}}',
  'number.max': '{{#label}}不能大于 {{#limit}}',
  'number.greater': '{{#label}}必须大于 {{#limit}}',
  'number.less': '{{#label}}必须小于 {{#limit}}',
  'number.positive': '{{#label}}必须是正数',
  'number.unsafe': '{{#label}}超出了可表示的范围',
  'boolean.base': '{{#label}}必须是布尔值',
  'date.base': '{{#label}}必须是有效的日期时间',
  'date.format': '{{#label}}必须是 ISO 格式的日期时间',
  'date.min': '{{#label}}不能早于 {{#limit}}',
  'date.max': '{{#label}}不能晚于 {{#limit}}',
  // our own rules
  'idNumber.invalid': '{{#label}}不是有效的居民身份证号码',
  'date.notCalendar': '{{#label}}不是有效的日期（YYYY-MM-DD）',
  'date.outOfRange': '{{#label}}超出允许范围（1900-01-01 至 2199-12-31）',
  'parties.sides': '{{#label}}至少需要一名申请人和一名被申请人',
};
const FALLBACK_ZH = '{{#label}}的值无效';

/** English for our own rules (joi words its built-in ones itself). */
const EN_CUSTOM: Record<string, (field: string) => string> = {
  'idNumber.invalid': (f) => `${f} is not a valid resident ID card number`,
  'date.notCalendar': (f) => `${f} is not a valid date (YYYY-MM-DD)`,
  'date.outOfRange': (f) => `${f} must be between 1900-01-01 and 2199-12-31`,
  'parties.sides': (f) => `${f} needs at least one applicant and one respondent`,
};

const OPTIONS: Joi.ValidationOptions = { abortEarly: false, allowUnknown: false, stripUnknown: false, convert: true, errors: { wrap: { label: false } } };

const show = (v: unknown): string => (v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.map(show).join('、') : String(v));

/** One joi violation in Chinese, every field named by its Chinese name. */
function zhMessage(d: Joi.ValidationErrorItem, root: string, labels: Readonly<Record<string, string>>): string {
  const context = (d.context ?? {}) as Record<string, unknown>;
  return (ZH[d.type] ?? FALLBACK_ZH).replace(/\{\{#(\w+)\}\}/g, (_, name: string) => {
    if (name === 'label') return pathLabelZh(d.path, root, labels);
    const value = context[name];
    // Joi's `…WithLabel(s)` name other fields by their dotted paths.
    if (/WithLabels?$/.test(name)) return ([] as unknown[]).concat(value ?? []).map((l) => labelZh(String(l), labels)).join('、');
    return value === undefined ? '' : show(value);
  });
}

export interface ValidateOptions {
  /** Prefixed to each field's path (`filter.`): where the value sits in the request. */
  prefix?: string;
  /** Chinese names for this schema's fields where the shared table's do not fit. */
  labels?: Readonly<Record<string, string>>;
}

/** Turn joi's error into field errors in both languages. */
export function toFieldErrors(err: Joi.ValidationError, opts: ValidateOptions = {}): FieldError[] {
  const { prefix = '', labels = {} } = opts;
  const root = prefix ? labelZh(prefix, labels) : FIELD_LABELS_ZH.body;
  return err.details.map((d) => {
    const field = prefix + d.path.join('.');
    const zh = zhMessage(d, root, labels);
    const en = EN_CUSTOM[d.type]?.(field) ?? d.message;
    return { field, type: d.type, message: zh, messages: { zh, en } };
  });
}

/**
 * Validate `input` against `schema`, collecting every violation. Unknown fields are refused.
 * @throws ValidationError with one entry per field, worded in Chinese and English.
 */
export function validate<T>(schema: Joi.Schema<T>, input: unknown, opts: ValidateOptions = {}): T {
  const { value, error } = schema.validate(input, OPTIONS);
  if (error) throw new ValidationError(toFieldErrors(error, opts));
  return value as T;
}

/** A calendar date written YYYY-MM-DD that exists, within the accepted range (shared/dates.ts). */
export const calendarDate = boundedDate;
