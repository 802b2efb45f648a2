/**
 * Languages and joi validation in them. Chinese is the default; `Accept-Language: en…` asks
 * for English. Every validation failure becomes core's ValidationError with one entry per field,
 * so the error middleware answers it like any other domain error.
 */
import Joi from 'joi';
import { ValidationError, type FieldError } from '@tiaojie/core';
import { LABELS_ZH, labelZh, pathLabelZh } from './labels';

export type Lang = 'zh' | 'en';

/** The caller's language from an Accept-Language header: English only when it comes first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/**
 * Chinese messages for the joi rules our schemas use (English is joi's own). `{{#label}}` is the
 * field's Chinese name (labels.ts), never its English key; a rule missing here still gets one.
 */
const ZH: Record<string, string> = {
  'any.required': '{{#label}}为必填项',
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
};
const FALLBACK_ZH = '{{#label}}的值无效';

const OPTIONS: Joi.ValidationOptions = {
  abortEarly: false,
  allowUnknown: false,
  convert: true,
  errors: { wrap: { label: false } },
};

const show = (v: unknown): string => (v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.map(show).join('、') : String(v));

/** One joi violation in Chinese, every field named by its Chinese label. */
function zhMessage(d: Joi.ValidationErrorItem, root: string, labels: Record<string, string>): string {
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
  /** Prefixed to each field's path (`filter.`). */
  prefix?: string;
  /** Chinese names for this schema's fields where the shared ones do not fit. */
  labels?: Record<string, string>;
}

/**
 * Validate a value with a joi schema. Unknown keys are refused, every violation is collected, and
 * each field error carries its message in both languages (core's FieldError shape), in Chinese
 * with the field's Chinese name; the error middleware shows the caller's.
 * @throws ValidationError listing every field that failed.
 */
export function validate<T>(schema: Joi.Schema<T>, value: unknown, opts: string | ValidateOptions = {}): T {
  const { prefix = '', labels = {} } = typeof opts === 'string' ? { prefix: opts } : opts;
  const { error, value: out } = schema.validate(value, OPTIONS);
  if (!error) return out as T;
  const root = prefix ? labelZh(prefix, labels) : LABELS_ZH.body;
  const fields: FieldError[] = error.details.map((d) => {
    const zh = zhMessage(d, root, labels);
    return { field: prefix + d.path.join('.'), type: d.type, message: zh, messages: { zh, en: d.message } };
  });
  throw new ValidationError(fields);
}
