/**
 * zod for every schema of the app: import `z` from here, never from "zod" directly, so that
 * zod's own messages are Chinese wherever a schema is defined — in the browser bundle (the
 * forms' resolvers) and on the server alike. A schema's own message still wins over these.
 *
 * Also the one rule for "safe text": every string the server accepts is refused when it holds a
 * NUL character (PostgreSQL cannot store it in text) or half of a surrogate pair (not
 * valid Unicode; PostgreSQL refuses it too), so the user reads a Chinese refusal, not a 500.
 */
import { z } from "zod";

z.config(z.locales.zhCN());
// no \`new Function\` probe: the pages' CSP allows no eval, and zod's probe shows up as a violation
z.config({ jitless: true });

export { z };

export const UNSAFE_TEXT_MESSAGE = "含有无法保存的字符（空字符 NUL 或残缺的 Unicode 字符），请删除后重试。";

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A JSON object as JSON.parse makes it (never an array, null or a class instance): what the
 * schemas' fast checks (draftEntriesAcceptable, the draft save's entriesAcceptable) walk.
 */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** True when the text can be stored and shown: no NUL, no lone surrogate. */
export function isSafeText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/** The refusal for unsafe text, naming the field when a label is given; null when the text is safe. */
export function unsafeTextProblem(text: string, label?: string): string | null {
  return isSafeText(text) ? null : label ? `${label}${UNSAFE_TEXT_MESSAGE}` : UNSAFE_TEXT_MESSAGE;
}

/** Every string of every object in `value` is safe text (for inputs read without a schema). */
export function isSafeDeep(value: unknown): boolean {
  if (typeof value === "string") return isSafeText(value);
  if (Array.isArray(value)) return value.every(isSafeDeep);
  if (value && typeof value === "object") return Object.entries(value).every(([k, v]) => isSafeText(k) && isSafeDeep(v));
  return true;
}

/** `z.string()` that refuses NUL and lone surrogates (chain .trim(), .max()… as usual). */
export function safeString(label?: string, params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isSafeText, { message: label ? `${label}${UNSAFE_TEXT_MESSAGE}` : UNSAFE_TEXT_MESSAGE, abort: true });
}

/**
 * A name people give (agency, region, user's display name) that ends up in CSV downloads and
 * spreadsheets: refused when it begins like a spreadsheet formula (= + - @, tab, CR) or holds a
 * control character. The CSV writer defuses such fields anyway; this keeps them out at input.
 */
export function nameProblem(name: string, label: string): string | null {
  if (!isSafeText(name)) return `${label}${UNSAFE_TEXT_MESSAGE}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F]/.test(name)) return `${label}不能包含换行、制表符等控制字符。`;
  if (/^[=+\-@]/.test(name)) return `${label}不能以 = + - @ 开头（表格软件会把它当作公式）。`;
  return null;
}
