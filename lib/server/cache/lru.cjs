// @ts-check
// The one least-recently-used store behind every in-memory cache of the app: the finished public
// responses (./response-cache.cjs), Next's route cache (./route-cache-handler.mjs), the PDFs of
// published versions (lib/server/public/report-download.ts), the dashboard's report figures
// (lib/server/queries/report-figures.ts) and the decrypted session tokens (lib/auth/session-token.ts).
// Plain JS because the first two are loaded by Node at run time, outside Next's bundle. A Map keeps insertion order, so the least recently used entry is
// its first: a hit moves its entry to the end.
"use strict";

/**
 * @template V
 */
class Lru {
  /**
   * @param {{ maxSize: number }} options the most the entries may add up to, in whatever unit
   *   `set` is given (bytes, or 1 per entry); beyond it the least recently used are dropped
   */
  constructor({ maxSize }) {
    this.maxSize = maxSize;
    /** @type {Map<string, { value: V, size: number }>} */
    this.entries = new Map();
    this.totalSize = 0;
  }

  /**
   * The value under `key`, now the most recently used; undefined when none is kept.
   * @param {string} key
   * @returns {V | undefined}
   */
  get(key) {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /**
   * The value under `key` without touching its place.
   * @param {string} key
   * @returns {V | undefined}
   */
  peek(key) {
    return this.entries.get(key)?.value;
  }

  /**
   * Keeps `value` under `key` (replacing what was there), then drops the least recently used
   * entries until the sizes fit. A value larger than the whole cache is not kept.
   * @param {string} key
   * @param {V} value
   * @param {number} [size] defaults to 1 (a cache bounded by its number of entries)
   */
  set(key, value, size = 1) {
    this.delete(key);
    if (size > this.maxSize) return;
    this.entries.set(key, { value, size });
    this.totalSize += size;
    for (const [oldest] of this.entries) {
      if (this.totalSize <= this.maxSize) break;
      this.delete(oldest);
    }
  }

  /** @param {string} key */
  delete(key) {
    const old = this.entries.get(key);
    if (!old) return false;
    this.entries.delete(key);
    this.totalSize -= old.size;
    return true;
  }

  clear() {
    this.entries.clear();
    this.totalSize = 0;
  }

  get size() {
    return this.entries.size;
  }
}

module.exports = { Lru };
