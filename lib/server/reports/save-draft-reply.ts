// The answer of POST /api/drafts (app/api/drafts/route.ts), the shape every write route and
// action of the app answers with: { ok, status, message, fieldErrors?, details? }, the HTTP
// status the same as `status`. Kept apart from the route (a route file exports only its
// handlers) and free of server code, so the editor can import the type.
import type { SaveDraftResult } from "./save-draft";

export interface DraftSaveReply {
  ok: boolean;
  status: number;
  message: string;
  /** the field (cell id, `contact.email`, …) → what is wrong with it */
  fieldErrors?: Record<string, string>;
  details?: { version: number; savedAt: string; changedCells: number; unchanged: boolean } | { changedElsewhere?: string[]; currentVersion?: number };
}

/** A save's result as the route's answer. */
export function toReply(result: SaveDraftResult): DraftSaveReply {
  if (result.ok) {
    return {
      ok: true,
      status: 200,
      message: result.unchanged ? "没有改动。" : "已保存。",
      details: { version: result.version, savedAt: result.savedAt, changedCells: result.changedCells, unchanged: result.unchanged },
    };
  }
  const fieldErrors = result.problems?.length ? Object.fromEntries(result.problems.map((p) => [p.cell, p.message])) : undefined;
  const details = result.changedElsewhere !== undefined || result.currentVersion !== undefined ? { changedElsewhere: result.changedElsewhere, currentVersion: result.currentVersion } : undefined;
  return { ok: false, status: result.code, message: result.message, ...(fieldErrors && { fieldErrors }), ...(details && { details }) };
}

