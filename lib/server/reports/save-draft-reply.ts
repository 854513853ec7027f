// The answer of POST /api/drafts (app/api/drafts/route.ts) in the one result shape of every
// write (lib/actions/result.ts), the HTTP status the same as `status`. Kept apart from the route
// (a route file exports only its handlers) and free of server code, so the editor can import it.
import { done, isRefusalStatus, refusal, type ActionResult } from "@/lib/actions/result";
import type { SaveDraftResult } from "./save-draft";

export interface DraftSaved {
  version: number;
  savedAt: string;
  changedCells: number;
  unchanged: boolean;
}

export type DraftSaveReply = ActionResult<DraftSaved>;

/** A save's result as the route's answer. */
export function toReply(result: SaveDraftResult): DraftSaveReply {
  if (result.ok) {
    const { version, savedAt, changedCells, unchanged } = result;
    return done({ version, savedAt, changedCells, unchanged }, unchanged ? "没有改动。" : "已保存。");
  }
  const fieldErrors = result.problems?.length ? Object.fromEntries(result.problems.map((p) => [p.cell, p.message])) : undefined;
  // the cells another save changed meanwhile, one line each (the conflict message names them)
  const details = result.changedElsewhere?.length ? result.changedElsewhere : undefined;
  // a conflict says which version the report is at now
  const data = result.currentVersion !== undefined ? { version: result.currentVersion } : undefined;
  return refusal(isRefusalStatus(result.code) ? result.code : 500, result.message, { fieldErrors, details, data });
}
