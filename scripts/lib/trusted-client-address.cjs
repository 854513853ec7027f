// @ts-check
// Preloaded into `next start` (node --require, see scripts/serve.ts and playwright.config.ts) so
// that the client address the app sees cannot be forged.
//
// Next copies the socket's address into X-Forwarded-For only when the request has none
// (`x-forwarded-for ??= socket.remoteAddress`), so a client talking to Next directly could name
// any address — and defeat per-address rate limits and sign-in throttling. Unless
// TRUSTED_PROXY_HOPS says reverse proxies in front of us write those headers, we overwrite
// X-Forwarded-For with the socket's address and drop the client's X-Forwarded-Host/-Proto
// before Next sees the request. lib/server/security/client-address.ts reads the result.
"use strict";
const http = require("node:http");

const hops = Number(process.env.TRUSTED_PROXY_HOPS || 0);
const behindProxy = Number.isInteger(hops) && hops > 0;

if (!behindProxy) {
  /** @type {(this: import("node:http").Server, event: string | symbol, ...args: any[]) => boolean} */
  const emit = /** @type {any} */ (http.Server.prototype.emit);
  /** @type {(this: import("node:http").Server, event: string | symbol, ...args: any[]) => boolean} */
  const patchedEmit = function (event, ...args) {
    /** @type {import("node:http").IncomingMessage | undefined} */
    const req = args[0];
    if ((event === "request" || event === "upgrade") && req && req.headers) {
      const address = req.socket && req.socket.remoteAddress;
      if (address) req.headers["x-forwarded-for"] = address;
      else delete req.headers["x-forwarded-for"];
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-port"];
      delete req.headers["x-real-ip"];
    }
    return emit.call(this, event, ...args);
  };
  http.Server.prototype.emit = patchedEmit;
}
