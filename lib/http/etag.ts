// HTTP validators for what the public site serves (RFC 9110 §8.8.3, §13.1.2).
import { createHash } from "node:crypto";

/** A strong entity tag naming the bytes that `parts` determine. */
export function strongEtag(...parts: (string | number)[]): string {
  return `"${createHash("sha256").update(parts.join("/")).digest("base64url").slice(0, 32)}"`;
}

export { matchesIfNoneMatch } from "./if-none-match.cjs";
