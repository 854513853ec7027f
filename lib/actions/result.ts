/**
 * The one answer of every server action and every route handler that writes (as JSON, with
 * `status` as its HTTP status): what the form shows in its status region (`message`, `details`),
 * what it marks on its fields (`fieldErrors`, keyed by field), and what the caller reads back
 * (`data`). Shared by server and browser, so it imports nothing.
 */

/** 400 bad input, 401 no session, 403 role/scope/state, 404 not found (or not in scope), 409 changed meanwhile, 413 too large, 422 breaks a rule, 429 too often, 500 our fault, 503 busy. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export interface ActionDone<T> {
  ok: true;
  status: 200;
  message: string;
  details?: string[];
  data: T;
}

export interface ActionRefused<T = unknown> {
  ok: false;
  status: RefusalStatus;
  message: string;
  /** per field (the schema's path joined with "."): the message shown next to it */
  fieldErrors?: Record<string, string>;
  /** one line each: rule violations, per-item outcomes */
  details?: string[];
  /** what the caller still needs after a refusal (e.g. the version a save reached before a submit was refused) */
  data?: Partial<T>;
}

export type ActionResult<T = undefined> = ActionDone<T> | ActionRefused<T>;

/** A form's state under useActionState: nothing yet, or the last answer. */
export type FormState<T = unknown> = ActionResult<T> | null;

const REFUSAL_STATUSES: readonly number[] = [400, 401, 403, 404, 409, 413, 422, 429, 500, 503];

export function isRefusalStatus(n: unknown): n is RefusalStatus {
  return typeof n === "number" && REFUSAL_STATUSES.includes(n);
}

export const SERVER_ERROR_MESSAGE = "服务器处理失败，请稍后重试。";
export const BAD_INPUT_MESSAGE = "提交的内容无效，请检查后重试。";

export function done<T>(data: T, message: string, details?: string[]): ActionDone<T> {
  return { ok: true, status: 200, message, data, ...(details?.length ? { details } : {}) };
}

export function refusal<T = unknown>(
  status: RefusalStatus,
  message: string,
  extra: { fieldErrors?: Record<string, string>; details?: string[]; data?: Partial<T> } = {},
): ActionRefused<T> {
  const out: ActionRefused<T> = { ok: false, status, message };
  if (extra.fieldErrors && Object.keys(extra.fieldErrors).length) out.fieldErrors = extra.fieldErrors;
  if (extra.details?.length) out.details = extra.details;
  if (extra.data !== undefined) out.data = extra.data;
  return out;
}

/**
 * When a refused write may be tried again (a rate limit's seconds): kept beside the result, not
 * in it, so the body stays the one shape; a route handler sends it as Retry-After.
 */
const RETRY_AFTER = new WeakMap<ActionRefused, number>();

/** A refusal that may be tried again after `seconds` (retryAfterOf reads them back). */
export function refusalWithRetryAfter<T = unknown>(status: RefusalStatus, message: string, seconds: number): ActionRefused<T> {
  const out = refusal<T>(status, message);
  RETRY_AFTER.set(out, seconds);
  return out;
}

export function retryAfterOf(result: ActionResult<unknown>): number | undefined {
  return result.ok ? undefined : RETRY_AFTER.get(result);
}

/**
 * A refusal an operation may throw instead of returning (deep in a transaction, say); the
 * action wrapper answers it like a returned one. Its message is shown to the user as is.
 */
export class ActionError extends Error {
  constructor(
    readonly status: Exclude<RefusalStatus, 500>,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
