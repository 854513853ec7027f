// POST /api/drafts answered in front of Next: the request listener of `next start` is wrapped
// by scripts/lib/next-cluster.cjs (lib/server/cache/response-cache.cjs), which hands this
// handler the save before Next's router, proxy.ts and route machinery see it. Profiled under the
// bench's twenty saving clerks (README, Performance: P4), Next's request handling (routing,
// proxy.ts, the incremental cache made per request, web streams for the body and the reply,
// async-context hooks on every promise) was most of a save's CPU. What the route would do is
// done here by the same function (./draft-save-request.ts), and the reply carries the headers
// next.config.ts gives every /api answer (lib/http/api-security-headers.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { cookiesOfHeader } from "@/lib/auth/session-token";
import { refusal, SERVER_ERROR_MESSAGE } from "@/lib/actions/result";
import { API_SECURITY_HEADERS } from "@/lib/http/api-security-headers";
import { registerFrontHandler } from "@/lib/server/cache/process-wiring.cjs";
import { clientAddressFrom } from "@/lib/server/security/client-address";
import { answerDraftSave, BodyTooLargeError, draftReplyHeaders, MAX_BODY_BYTES } from "./draft-save-request";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // stop buffering; the rest is read and dropped so that the connection stays usable
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
}

export async function handleDraftSave(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body;
  try {
    body = await answerDraftSave({
      header: (name) => header(req, name),
      cookies: cookiesOfHeader(header(req, "cookie")),
      address: clientAddressFrom(req.headers),
      text: () => readBody(req),
    });
  } catch (e) {
    // what Next would log for a route that throws; the editor shows the message and keeps its copy
    console.error("POST /api/drafts:", e);
    body = refusal(500, SERVER_ERROR_MESSAGE);
  }
  const json = JSON.stringify(body);
  res.writeHead(body.status, { ...API_SECURITY_HEADERS, ...draftReplyHeaders(body), "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

/** Called once per server process (instrumentation.ts). */
export function registerDraftSaveFront() {
  registerFrontHandler("POST", "/api/drafts", handleDraftSave);
}
