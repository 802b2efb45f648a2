/** Personal data never reaches the logs: resident ID numbers in request paths are masked. */
import { maskIdNumber } from '@tiaojie/core';

/** 17 digits and a check digit or X: a resident ID number, wherever it stands in the text. */
const ID_NUMBER = /\d{17}[\dXx]/g;

/**
 * A request path or URL fit for the log: percent-escapes decoded (so `%58` cannot hide an X) and
 * every resident ID number masked like core's `maskIdNumber` (1101**********123X).
 */
export function redactPath(path: string): string {
  let text = path;
  try {
    text = decodeURIComponent(path);
  } catch {
    /* malformed escapes: mask the raw text */
  }
  return text.replace(ID_NUMBER, (id) => maskIdNumber(id));
}
