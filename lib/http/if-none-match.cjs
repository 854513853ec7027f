// @ts-check
// If-None-Match (RFC 9110 §13.1.2): a list of entity tags or "*", compared weakly, as it is for
// GET and HEAD. CommonJS, so that the response cache in front of Next
// (lib/server/cache/response-cache.cjs, which plain Node loads before any TypeScript is
// compiled) and the app (./etag.ts) answer a validator the same way.
"use strict";

/**
 * @param {string | null | undefined} header the request's If-None-Match
 * @param {string} etag the representation's entity tag
 * @returns {boolean} whether the request's copy is current (answer 304)
 */
function matchesIfNoneMatch(header, etag) {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

module.exports = { matchesIfNoneMatch };
