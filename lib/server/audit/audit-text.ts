import { createHash } from "node:crypto";
import { AUDIT_TEXT_LIMIT, AUDIT_TEXT_START, type TextDigest } from "@/lib/reports/audit-text";

function digest(text: string): TextDigest {
  const chars = [...text];
  return { chars: chars.length, sha256: createHash("sha256").update(text, "utf8").digest("hex"), start: chars.slice(0, AUDIT_TEXT_START).join("") };
}

/**
 * A changed text as the audit records it (lib/reports/audit-text.ts): both sides whole when
 * both are short, else both as digests, so the record stays a few hundred bytes however long
 * the text.
 */
export function auditTextChange(before: string | null, after: string | null): [string | null, string | null] | [TextDigest, TextDigest] {
  const long = (t: string | null) => t !== null && [...t].length > AUDIT_TEXT_LIMIT;
  if (!long(before) && !long(after)) return [before, after];
  return [digest(before ?? ""), digest(after ?? "")];
}
