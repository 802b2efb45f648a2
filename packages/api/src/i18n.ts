/**
 * Languages and validation. Chinese is the default; `Accept-Language: en…` asks for English.
 * Validation is core's: every failure becomes core's ValidationError with one entry per field,
 * so the error middleware answers it like any other domain error.
 */
import type Joi from 'joi';
import { validate as validateInCore, type ValidateOptions } from '@tiaojie/core';

export type Lang = 'zh' | 'en';

/** The caller's language from an Accept-Language header: English only when it comes first. */
export function langOf(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export type { ValidateOptions };

/**
 * Validate a value with a joi schema: core's `validate`, which words every field error in both
 * languages from the one label table; here only the parameter's prefix and names are added.
 * Accepts the prefix alone as a string.
 * @throws ValidationError listing every field that failed.
 */
export function validate<T>(schema: Joi.Schema<T>, value: unknown, opts: string | ValidateOptions = {}): T {
  return validateInCore(schema, value, typeof opts === 'string' ? { prefix: opts } : opts);
}
