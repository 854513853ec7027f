// deploy/nginx.conf passes a cached page's Content-Security-Policy through, and keeps it with the
// page in its cache: a stored page's policy names each of its inline scripts by hash
// (lib/server/security/csp.ts), a few KB of headers on a large page, beyond nginx's default
// 4 KB header buffer (which answers 502). The real nginx, in front of a stand-in for the app.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { shippedNginxConfig, startNginx } from "../../scripts/lib/load";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

// a page with 200 inline scripts: about 11 KB of policy
const hashes = Array.from({ length: 200 }, (_, i) => `'sha256-${createHash("sha256").update(`self.__next_f.push([1,"${i}"])`).digest("base64")}'`);
const CSP = `default-src 'self'; script-src 'self' ${hashes.join(" ")}; object-src 'none'; frame-ancestors 'none'`;

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

describe.skipIf(!NGINX)("deploy/nginx.conf and a stored page's CSP", () => {
  it("passes the policy through unchanged, on the first answer and from its cache", async () => {
    let calls = 0;
    const app = http.createServer((req, res) => {
      if (req.url === "/probe") return void res.end("ready");
      calls++;
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "public, max-age=0, s-maxage=60, stale-while-revalidate=300",
        ETag: '"v1"',
        "Content-Security-Policy": CSP,
      });
      res.end("<!DOCTYPE html><p>习岗镇</p>");
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    stops.push(() => new Promise((r) => app.close(() => r())));
    const appPort = (app.address() as AddressInfo).port;
    const port = await freePort();
    const nginx = await startNginx(shippedNginxConfig(appPort, port), `http://127.0.0.1:${port}/probe`);
    stops.push(nginx.stop);

    for (const expected of ["MISS", "HIT"]) {
      const r = await fetch(`http://127.0.0.1:${port}/reports/640122100000/2020`);
      expect(r.status).toBe(200);
      expect(r.headers.get("x-cache-status")).toBe(expected);
      expect(r.headers.get("content-security-policy")).toBe(CSP);
      expect(await r.text()).toContain("习岗镇");
    }
    // the hit came from nginx's cache
    expect(calls).toBe(1);
  });
});
