import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { AccessDeniedError, authorize, type CurrentUser } from "@/lib/auth/guard";
import type { RoleName } from "@/lib/auth/roles";
import { forgetPublicRefs } from "@/lib/server/cache/published-ref";
import { RateLimitError, enforceRateLimit } from "@/lib/server/security/rate-limit";
import type { z } from "@/lib/zod";
import { ActionError, BAD_INPUT_MESSAGE, SERVER_ERROR_MESSAGE, done, isRefusalStatus, refusal, refusalWithRetryAfter, type ActionDone, type ActionRefused, type ActionResult } from "./result";

/**
 * THE way to write a server action (and, through defineRoute, a route handler that writes):
 *
 *   export const createAgencyAction = defineAction(
 *     { roles: ["ADMIN"], schema: agencyCreateSchema, revalidate: ["/admin/agencies"] },
 *     (actor, input) => createAgency(db, actor, input),
 *   );
 *
 * In this order: the session is read and its user re-loaded from the database (inactive or
 * revoked accounts refused: lib/auth/guard.ts), the role checked, the write counted against the
 * rate limit, the input (an object, or a form's FormData) parsed with the schema — its messages
 * become `fieldErrors` — and only then the operation runs. The operation (one per file in
 * lib/server/<domain>/, taking the acting user and checking scope and state itself) returns
 * `{ ok: true, ...data }`, its own refusal (`{ ok: false, status | code, message | error, … }`),
 * or a finished ActionResult; it may also throw AccessDeniedError, RateLimitError or
 * ActionError. Whatever else it throws is answered with a generic 500 and logged by name only
 * (a message could quote a value — a password hash — that must not reach a log or a browser).
 * redirect() and notFound() pass through as Next expects.
 */
export interface ActionDefinition<S extends z.ZodType, T> {
  /** who may call it at all (the operation still checks scope and state) */
  roles: readonly RoleName[];
  /** the input, checked before the operation runs; omitted: the input is passed on as it came */
  schema?: S;
  /** how a FormData becomes the object the schema reads (default: each field once, repeated fields as an array) */
  fromForm?: (form: FormData) => unknown | Promise<unknown>;
  /**
   * the success message (default 已保存。). A function writes its data parameter's type out
   * (TypeScript takes the data's type from the operation, which comes after); or the operation
   * returns done(data, message) itself.
   */
  message?: string | ((data: T, input: z.output<S>) => string);
  /** pages to revalidate after a success */
  revalidate?: readonly string[] | ((input: z.output<S>, data: T) => readonly string[]);
  /** the public pages may show what changed: forget the remembered versions and stamps */
  publicPages?: boolean;
  /** where to go after a success (redirect() from next/navigation) */
  redirectTo?: (data: T, input: z.output<S>) => string;
  /** the one action allowed while a new password is due: the password change itself */
  passwordChange?: boolean;
  /** what a 401 says (e.g. that the editor still holds the unsaved entries) */
  sessionExpiredMessage?: string;
  /** false: not counted against the write rate limit */
  rateLimit?: boolean;
}

/** What an operation may hand back: its own result shapes are read as they are. */
type OperationRefusal = {
  ok: false;
  status?: unknown;
  code?: unknown;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  details?: string[];
  violations?: readonly { message: string }[];
  /** per cell or line; those naming a cell become fieldErrors */
  problems?: readonly { cell?: string; message: string }[];
  data?: unknown;
};
export type Outcome = ActionResult<unknown> | ({ ok: true } & object) | OperationRefusal;

/** The data of a success: a finished ActionResult's data, or the operation's result without `ok`. */
export type DataOf<O> = O extends ActionDone<infer D> ? D : O extends ActionRefused ? never : O extends { ok: true } ? Omit<O, "ok"> : never;

/** A server action: called with its input, or by a form (useActionState) with the previous result and the FormData. */
export interface Action<I, T> {
  (input: I | FormData): Promise<ActionResult<T>>;
  (previous: unknown, form: FormData): Promise<ActionResult<T>>;
}

/** Each field once; a field sent several times (checkboxes) as an array. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue; // Next's own fields of a form posted without JavaScript
    const all = form.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** zod issues → one message per field, and the message to show above the form. */
export function schemaRefusal(error: z.ZodError): ActionRefused {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "_"] ??= issue.message;
  const first = error.issues[0]?.message;
  const keys = Object.keys(fieldErrors);
  // one problem: say it; several: point at the marked fields
  const message = keys.length > 1 ? "请检查标出的字段。" : (first ?? BAD_INPUT_MESSAGE);
  return refusal(400, message, { fieldErrors });
}

/** An operation's own result, in the one shape. */
export function fromOutcome<T>(outcome: Outcome, successMessage: (data: T) => string): ActionResult<T> {
  if (outcome.ok && "data" in outcome && (outcome as ActionDone<T>).status === 200) return outcome as ActionDone<T>;
  if (outcome.ok) {
    const { ok: _ok, ...data } = outcome as { ok: true } & Record<string, unknown>;
    return done(data as T, successMessage(data as T));
  }
  const r = outcome as OperationRefusal;
  const status = isRefusalStatus(r.status) ? r.status : isRefusalStatus(r.code) ? r.code : 422;
  let fieldErrors = r.fieldErrors;
  if (!fieldErrors && r.problems?.some((p) => p.cell)) {
    fieldErrors = {};
    for (const p of r.problems) if (p.cell) fieldErrors[p.cell] ??= p.message;
  }
  return refusal<T>(status, r.message ?? r.error ?? BAD_INPUT_MESSAGE, {
    fieldErrors,
    details: r.details ?? r.violations?.map((v) => v.message),
    data: r.data as Partial<T> | undefined,
  });
}

/** A thrown refusal, in the one shape; anything unknown is a 500 that says nothing of itself. */
export function fromError(e: unknown, { sessionExpiredMessage }: { sessionExpiredMessage?: string } = {}): ActionRefused {
  unstable_rethrow(e); // redirect(), notFound(), and Next's own signals are not failures
  if (e instanceof AccessDeniedError) return refusal(e.status, e.status === 401 && sessionExpiredMessage ? sessionExpiredMessage : e.message);
  if (e instanceof RateLimitError) return refusalWithRetryAfter(429, e.message, e.retryAfterSeconds);
  if (e instanceof ActionError) return refusal(e.status, e.message, { fieldErrors: e.fieldErrors });
  const err = (e ?? {}) as { name?: string; code?: unknown };
  // Prisma's known request errors that a concurrent change causes: the user can simply retry
  if (err.name === "PrismaClientKnownRequestError") {
    if (err.code === "P2002") return refusal(409, "该记录已存在（可能刚被他人新建），请刷新后重试。");
    if (err.code === "P2025") return refusal(404, "未找到该记录，可能已被他人删除。请刷新后重试。");
    if (err.code === "P2034") return refusal(409, "数据正被他人同时修改，请重试。");
  }
  console.error(`action failed: ${err.name ?? "Error"}${typeof err.code === "string" ? ` ${err.code}` : ""}`);
  return refusal(500, SERVER_ERROR_MESSAGE);
}

/** The body shared by server actions and route handlers: authorize, limit, parse, run, revalidate. */
export async function runAction<S extends z.ZodType, O extends Outcome>(
  def: ActionDefinition<S, DataOf<O>>,
  operation: (actor: CurrentUser, input: z.output<S>) => Promise<O>,
  readInput: () => unknown | Promise<unknown>,
): Promise<ActionResult<DataOf<O>>> {
  type T = DataOf<O>;
  let result: ActionResult<T>;
  let input: z.output<S> | undefined;
  try {
    const actor = await authorize([...def.roles], { passwordChange: def.passwordChange });
    if (def.rateLimit !== false) await enforceRateLimit("write", { user: actor });
    const raw = await readInput();
    if (def.schema) {
      const parsed = await def.schema.safeParseAsync(raw);
      if (!parsed.success) return schemaRefusal(parsed.error) as ActionRefused<T>;
      input = parsed.data;
    } else input = raw as z.output<S>;
    const outcome = await operation(actor, input as z.output<S>);
    const message = def.message;
    result = fromOutcome<T>(outcome, (data) => (typeof message === "function" ? message(data, input as z.output<S>) : (message ?? "已保存。")));
    if (result.ok) {
      if (def.publicPages) forgetPublicRefs();
      const paths = typeof def.revalidate === "function" ? def.revalidate(input as z.output<S>, result.data) : (def.revalidate ?? []);
      for (const path of paths) revalidatePath(path);
    }
  } catch (e) {
    return fromError(e, def) as ActionRefused<T>;
  }
  if (result.ok && def.redirectTo) redirect(def.redirectTo(result.data, input as z.output<S>));
  return result;
}

/** A server action (export it from a "use server" file): see ActionDefinition. */
export function defineAction<S extends z.ZodType = z.ZodType<unknown>, O extends Outcome = Outcome>(
  // the data's type comes from the operation alone
  def: ActionDefinition<S, NoInfer<DataOf<O>>>,
  operation: (actor: CurrentUser, input: z.output<S>) => Promise<O>,
): Action<z.input<S>, DataOf<O>> {
  const action = async (...args: unknown[]) => {
    // a form's action (useActionState) gets (previous result, FormData); a call gets (input)
    const arg = args.length > 1 ? args[args.length - 1] : args[0];
    return runAction(def, operation, async () => (arg instanceof FormData ? (def.fromForm ? def.fromForm(arg) : formToObject(arg)) : arg));
  };
  return action as Action<z.input<S>, DataOf<O>>;
}
