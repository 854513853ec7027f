import "server-only";
import type { CurrentUser } from "@/lib/auth/guard";
import type { z } from "@/lib/zod";
import { runAction, type ActionDefinition, type DataOf, type Outcome } from "./define-action";
import { retryAfterOf, type ActionResult } from "./result";

/**
 * A route handler that writes, written as a server action is (defineAction): the same checks
 * in the same order and the same answer — the ActionResult as JSON, its `status` the HTTP
 * status (429 and 503 with Retry-After: the rate limit's own seconds, else 2). `readInput` turns the request into what the schema
 * reads (default: its JSON body); it may throw ActionError (400 a malformed body, 413 too large).
 */
export function defineRoute<S extends z.ZodType = z.ZodType<unknown>, O extends Outcome = Outcome>(
  def: Omit<ActionDefinition<S, NoInfer<DataOf<O>>>, "fromForm" | "redirectTo"> & { readInput?: (req: Request) => unknown | Promise<unknown> },
  operation: (actor: CurrentUser, input: z.output<S>, req: Request) => Promise<O>,
): (req: Request) => Promise<Response> {
  return async (req: Request) => {
    const result = await runAction(
      def,
      (actor, input) => operation(actor, input, req),
      () => (def.readInput ? def.readInput(req) : req.json().catch(() => undefined)),
    );
    return resultResponse(result);
  };
}

export function resultResponse(result: ActionResult<unknown>): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (result.status === 429 || result.status === 503) headers["Retry-After"] = String(retryAfterOf(result) ?? 2);
  return Response.json(result, { status: result.status, headers });
}
