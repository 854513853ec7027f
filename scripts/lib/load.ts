// Load-testing helpers for `npm run bench`: wrk (the load client: Node-based clients top out
// below the server's real ceiling on two cores), nginx (the static baseline and the shipped
// reverse proxy), and the app itself. Everything listens on 127.0.0.1 only.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "./database";

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** connection errors, timeouts and non-2xx/3xx answers */
  errors: number;
}

/** Debian's wrk and nginx-light, installed with apt when missing (as the test command installs Chromium). */
export function ensureLoadTools() {
  const missing = ["wrk", "nginx"].filter((bin) => spawnSync("sh", ["-c", `command -v ${bin} || test -x /usr/sbin/${bin}`]).status !== 0);
  if (missing.length === 0) return;
  const pkgs = missing.map((b) => (b === "nginx" ? "nginx-light" : b));
  console.log(`▶ 安装 ${pkgs.join(" ")}（apt-get）`);
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", ...pkgs]]) {
    const r = spawnSync(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, { stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} 失败`);
  }
}

/**
 * How long wrk holds back the first request on each connection. Node admits one new
 * connection per turn of its event loop (strace shows one accept4 per turn, ss a queue of
 * 30 in the listen backlog): when 50 connections arrive together at an app that is already
 * busy with the first of them, the last waits ~1.5 s for its first answer, and wrk's
 * coordinated-omission correction then counts each such wait ~15 times, which alone put
 * p99 near 1 s. Behind nginx the app sees few new connections (nginx keeps up to 64 idle
 * ones open to it); the measurement starts once all connections are open, and the rate is
 * counted from then.
 */
const OPEN_FIRST_MS = 500;

const WRK_SCRIPT = `
local held, per_thread = 0, 0
init = function(args) per_thread = tonumber(args[1]) end
-- each connection asks delay() before its first request; all are open before any is sent
delay = function()
  if held < per_thread then held = held + 1; return ${OPEN_FIRST_MS} end
  return 0
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKJSON {\\"requests\\":%d,\\"duration\\":%d,\\"errors\\":%d,\\"p50\\":%d,\\"p95\\":%d,\\"p99\\":%d}\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;

let SETTLE_MS = 1500;

/** The smoke run's numbers are not read: a short settling wait before each wrk run is enough there. */
export function settleBriefly() {
  SETTLE_MS = 100;
}

/**
 * One wrk run: `connections` keep-alive connections on up to 2 threads for `seconds`, all
 * opened before the first request (OPEN_FIRST_MS). Latencies in ms.
 */
export function wrk(url: string, { connections = 50, seconds = 10, headers = {} as Record<string, string> } = {}): LoadResult {
  // The previous run's last requests are still being answered when wrk exits (up to a few
  // hundred ms for /login). Wait them out, so that every run starts on an idle app: the cluster's
  // primary hands each new connection to a process that is free at that moment, and a process
  // still busy with the previous run got none of the 50, measuring one process instead of two.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
  const script = path.join(os.tmpdir(), `govreports-wrk-${process.pid}.lua`);
  fs.writeFileSync(script, WRK_SCRIPT);
  const threads = Math.min(2, connections);
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "10s", "-s", script];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  // wrk gives each thread connections / threads of them (integer division)
  args.push(url, "--", String(Math.floor(connections / threads)));
  const r = spawnSync("wrk", args, { encoding: "utf8" });
  const line = r.stdout?.split("\n").find((l) => l.startsWith("WRKJSON "));
  if (!line) throw new Error(`wrk ${url} 没有结果:\n${r.stdout}\n${r.stderr}`);
  const j = JSON.parse(line.slice(8));
  return {
    rps: j.requests / (j.duration / 1e6 - OPEN_FIRST_MS / 1000),
    p50: j.p50 / 1000,
    p95: j.p95 / 1000,
    p99: j.p99 / 1000,
    requests: j.requests,
    errors: j.errors,
  };
}

/**
 * fetch, sent again when a pooled keep-alive connection turns out to have been closed by the
 * server while idle: a transport accident, the request never arrived. The bench blocks its own
 * event loop while wrk runs (spawnSync, and the settling wait), so the pool learns of the app's
 * idle-timeout closes only when it next picks a connection, and may hold several such: each try
 * uses one up.
 */
export async function fetchFresh(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : "";
      if (attempt >= 5 || !/other side closed|ECONNRESET|EPIPE|socket hang up/.test(cause)) throw e;
    }
  }
}

export interface Service {
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

export async function waitForHttp(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { redirect: "manual" });
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} 在 ${timeoutMs / 1000} 秒内没有响应`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Refuses a port that something already answers on (a leftover server would be measured instead). */
async function ensurePortFree(port: number) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
  } catch {
    return;
  }
  throw new Error(`端口 ${port} 已被占用：请先停止占用它的程序，或设置 BENCH_APP_PORT 换一组端口`);
}

/**
 * The built app against `databaseUrl`, started as scripts/serve.ts starts it: `next start` in
 * one process per core (scripts/lib/next-cluster.cjs; WEB_CONCURRENCY overrides the count).
 */
export async function startApp(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<AppService> {
  await ensurePortFree(port);
  // without -H, as scripts/serve.ts: Next 16 takes proxy.ts's rewrites for internal
  // ones only when their origin is its own default (http://localhost:PORT); with -H 127.0.0.1
  // it forwards every rewritten request to itself over HTTP, and the bench would measure that
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "scripts/lib/next-cluster.cjs"), "-p", String(port)], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/login`);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return { stop: () => stopChild(child), cpuTicks: () => childCpuTicks(child.pid) };
}

/**
 * CPU time (clock ticks, user + system) each child process of `pid` has used so far: the app's
 * processes under the cluster's primary. Empty where /proc cannot tell (not Linux).
 */
function childCpuTicks(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return children.map((c) => processCpuTicks(c));
  } catch {
    return [];
  }
}

/** user + system clock ticks of one process (/proc/PID/stat) */
function processCpuTicks(pid: string | number): number {
  // fields after the command's closing parenthesis: utime and stime are the 12th and 13th
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** Milliseconds per clock tick of /proc's CPU times (USER_HZ, 100 on Linux). */
export const MS_PER_TICK = 10;

/**
 * CPU clock ticks used so far by each PostgreSQL backend connected to `database`, by pid, when
 * the server runs on this machine (a backend's process title names its database: "postgres:
 * … user database host(port) state"); empty where /proc shows none. The server's shared
 * processes (WAL writer, checkpointer) serve every database and are left out.
 */
export function databaseBackendTicks(database: string): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (title.startsWith("postgres: ") && title.includes(` ${database} `)) out.set(Number(pid), processCpuTicks(pid));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/** The ticks the backends used between two readings of databaseBackendTicks (one that started meanwhile: all of its own). */
export function backendTicksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, ticks] of after) used += ticks - (before.get(pid) ?? 0);
  return used;
}

export interface AppService extends Service {
  /** per app process, CPU clock ticks used so far (see childCpuTicks) */
  cpuTicks(): number[];
}

/**
 * nginx with one worker (as measured in the notes), in a scratch prefix, running the given
 * http-context configuration (server blocks etc.).
 */
export async function startNginx(httpConfig: string, probeUrl: string): Promise<Service> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "govreports-nginx-"));
  // started as root, nginx's workers run as `nobody`: they must reach the prefix and write the cache
  fs.chmodSync(prefix, 0o755);
  for (const d of ["logs", "cache", "tmp"]) fs.mkdirSync(path.join(prefix, d), { mode: 0o777 });
  for (const d of ["cache", "tmp"]) fs.chmodSync(path.join(prefix, d), 0o777);
  const mime = fs.existsSync("/etc/nginx/mime.types") ? "include /etc/nginx/mime.types;" : "";
  const conf = path.join(prefix, "nginx.conf");
  fs.writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  ${mime}
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  # no tcp_nopush (nginx's default, and the nginx image's): on loopback (MTU 64 KiB) a response
  # of between one and two segments, as the report page is, then waits for wrk's delayed ACK
  # (40 ms): every answer from nginx's cache (2,400 req/s instead of 30,000), the tail of those
  # from disk
  keepalive_requests 100000;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
${httpConfig.replaceAll("/var/cache/nginx/", `${prefix}/cache/`)}
}
`,
  );
  const bin = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
  await ensurePortFree(Number(new URL(probeUrl).port));
  const child = spawn(bin, ["-c", conf, "-p", prefix], { stdio: ["ignore", "ignore", "inherit"] });
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(prefix, { recursive: true, force: true });
  };
  try {
    await waitForHttp(probeUrl, 30_000);
  } catch (e) {
    const log = path.join(prefix, "logs/error.log");
    if (fs.existsSync(log)) console.error(fs.readFileSync(log, "utf8").split("\n").slice(-10).join("\n"));
    await stop();
    throw e;
  }
  return { stop };
}

/** The shipped deploy/nginx.conf, pointed at a local app and port. */
export function shippedNginxConfig(appPort: number, listenPort: number) {
  const conf = fs.readFileSync(path.join(PROJECT_ROOT, "deploy/nginx.conf"), "utf8");
  const out = conf.replace(/server app:3000;/, `server 127.0.0.1:${appPort};`).replace(/listen 80;/, `listen 127.0.0.1:${listenPort};`);
  if (out === conf || !out.includes(`127.0.0.1:${appPort}`) || !out.includes(`listen 127.0.0.1:${listenPort}`)) {
    throw new Error("deploy/nginx.conf 中找不到 `server app:3000;` 或 `listen 80;`");
  }
  return out;
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signInCookie(base: string, username: string, password: string): Promise<string> {
  const csrf = await fetchFresh(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const r = await fetchFresh(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ username, password, csrfToken, json: "true" }),
  });
  keep(r);
  const session = [...jar.keys()].find((k) => k.includes("session-token"));
  if (!session) throw new Error(`${username} 登录失败（HTTP ${r.status}）`);
  return cookie();
}
