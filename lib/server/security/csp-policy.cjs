// @ts-check
// The Content-Security-Policy text, shared by proxy.ts (through ./csp.ts) and by the route cache
// handler (lib/server/cache/route-cache-handler.mjs, loaded by Next at run time, not bundled:
// hence plain JS). Why two kinds of script policy: ./csp.ts.
"use strict";

const { createHash } = require("node:crypto");

/** Everything but script-src, the same for every page. */
function otherDirectives() {
  return [
    "default-src 'self'",
    // style attributes and <style> in server-rendered markup (the ECharts SVGs of the region and
    // agency pages carry both): style cannot run script, and what a style could fetch is held to
    // this site by img-src, font-src and connect-src
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
}

/**
 * The policy: `script-src` from a nonce (a page rendered for this request) or from the hashes of
 * a stored page's inline scripts; never 'unsafe-inline'.
 * @param {{ nonce?: string | null, hashes?: readonly string[], dev?: boolean }} options
 */
function buildPolicy({ nonce = null, hashes = [], dev = false }) {
  const eval_ = dev ? " 'unsafe-eval'" : ""; // React's dev tools need eval; never in production
  const sources = nonce ? `'nonce-${nonce}' 'strict-dynamic'` : hashes.map((h) => `'${h}'`).join(" ");
  const script = `script-src 'self'${sources ? ` ${sources}` : ""}${eval_}`;
  const [first, ...rest] = otherDirectives();
  return [first, script, ...rest].join("; ");
}

// The inline scripts Next and React write into a page, by shape. Only these are hashed: a page
// stored with anything else inline (markup injected through some rendering bug) gets no hash for
// it, so the browser still refuses to run it. Each shape is data handed to code that is already
// ours: a string pushed onto Next's flight queue, or JSON pushed onto Turbopack's chunk list.
const FLIGHT_QUEUE_START = "(self.__next_f=self.__next_f||[]).push([0])";
/** self.__next_f.push([1,"…"]) — one JSON string (no unescaped quote can end it early), or [2,null] */
const FLIGHT_CHUNK = /^self\.__next_f\.push\(\[(?:[13],"(?:[^"\\]|\\.)*"|2,null)\]\)$/;
const TURBOPACK_CHUNKS = /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\((\{.*\})\);?$/s;

/** @param {string} text */
function isNextsOwn(text) {
  if (text === FLIGHT_QUEUE_START || FLIGHT_CHUNK.test(text)) return true;
  const chunks = TURBOPACK_CHUNKS.exec(text);
  if (!chunks) return false;
  try {
    JSON.parse(chunks[1]);
    return true;
  } catch {
    return false;
  }
}

const SCRIPT = /<script\b((?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>([\s\S]*?)<\/script\s*>/gi;
const EXTERNAL = /\ssrc\s*=/i;
const DATA_BLOCK = /\stype\s*=\s*["']?(?!(?:text|application)\/(?:javascript|ecmascript)|module)[\w./+-]/i;

/**
 * The CSP source expressions ('sha256-…') of `html`'s inline scripts that Next wrote, in order of
 * first appearance, each once; and how many inline scripts were left out.
 * @param {string | Uint8Array} html
 * @returns {{ hashes: string[], refused: number }}
 */
function inlineScriptHashes(html) {
  const text = typeof html === "string" ? html : Buffer.from(html.buffer, html.byteOffset, html.byteLength).toString("utf8");
  const hashes = new Set();
  let refused = 0;
  for (const [, attributes, body] of text.matchAll(SCRIPT)) {
    if (EXTERNAL.test(attributes) || DATA_BLOCK.test(attributes)) continue;
    if (!isNextsOwn(body)) {
      refused++;
      continue;
    }
    hashes.add(`sha256-${createHash("sha256").update(body, "utf8").digest("base64")}`);
  }
  return { hashes: [...hashes], refused };
}

/**
 * The policy for a stored page: its own inline scripts by hash.
 * @param {string | Uint8Array} html
 */
function storedPagePolicy(html, dev = false) {
  return buildPolicy({ hashes: inlineScriptHashes(html).hashes, dev });
}

module.exports = { buildPolicy, inlineScriptHashes, storedPagePolicy };
