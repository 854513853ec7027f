// The whole test suite (README command 2). Stages overlap where one alone leaves a core idle
// (run one after another, they left a core idle for minutes):
//
//   tsc, at low priority (no time limit: it has the whole run)
//   next build (its type check is tsc's; the run fails when tsc does), both database servers'
//   templates made beside it
//   → e2e, every test (embedded), alone (the integration files beside it took each other's
//   cores, and tests with time limits timed out)
//   → two lanes side by side: integration (embedded) → integration (external), and
//   e2e @smoke (external) → bench smoke → unit tests
//
// Each database server (the embedded PostgreSQL, and an external one: DATABASE_URL, or
// TEST_EXTERNAL_DATABASE_URL, or the machine's 127.0.0.1:5432 — required when CI=true) gets one
// database migrated by the schema engine as a template; every test database is a copy of it.
// The two Playwright runs use ports E2E_PORT/+1 and E2E_PORT+2/+3. TEST_SUITE_SERIAL=1 runs
// the same stages one after another (to compare). Ends with each stage's start, end and
// seconds, and the line `N passed, N failed, N skipped`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildEnv, buildIsStale, NEXT_BUILD_ARGS } from "./lib/bootstrap.mjs";
import { createScratchDatabase, dropDatabase, PROJECT_ROOT, startEmbeddedPostgres, type DatabaseHandle } from "./lib/database";
import { createMigratedTemplate } from "./lib/migrate";
import { seedDemo } from "./lib/seed-demo";

const REPORT_DIR = path.join(PROJECT_ROOT, "test-results");
const LOG_DIR = path.join(REPORT_DIR, "logs");
const MACHINE_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";
const SERIAL = Boolean(process.env.TEST_SUITE_SERIAL);
const E2E_PORT = Number(process.env.E2E_PORT || 3210);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
const stages: { name: string; start: number; end: number }[] = [];

const startedAt = Number(process.env.TEST_ALL_STARTED_AT) || Date.now();
/** Seconds since `npm test` started (scripts/test-all.mjs). */
const clock = () => (Date.now() - startedAt) / 1000;

/** Runs one in-process stage (a database prepared, a server started) and records its times. */
async function timed<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const start = clock();
  try {
    return await fn();
  } finally {
    stages.push({ name, start, end: clock() });
  }
}

// At most one stage writes straight to the terminal (the long browser run, so that it shows
// progress); the others' output is kept, written to test-results/logs/, and printed whole when
// they end — or, while that run is writing, after it, so that the two never interleave.
let streaming = false;
const held: Buffer[] = [];
function printBlock(text: Buffer) {
  if (streaming) held.push(text);
  else process.stdout.write(text);
}

/** A child process as a stage: resolves true when it exits 0; records its start and end. */
function runStage(name: string, cmd: string, args: string[], env: Record<string, string> = {}, { stream = false, nice = 0 } = {}): Promise<boolean> {
  const start = clock();
  console.log(`\n━━ ${name} — 开始于 ${start.toFixed(0)} s`);
  if (stream) streaming = true;
  const child = spawn(cmd, args, { cwd: PROJECT_ROOT, stdio: stream ? "inherit" : ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  if (nice && child.pid) {
    try {
      os.setPriority(child.pid, nice);
    } catch {
      // not permitted here: it runs at the normal priority
    }
  }
  const output: Buffer[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d));
  child.stderr?.on("data", (d: Buffer) => output.push(d));
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean, note = "") => {
      if (done) return;
      done = true;
      const end = clock();
      stages.push({ name, start, end });
      if (!ok) failures.push(name);
      if (stream) {
        streaming = false;
        for (const b of held.splice(0)) process.stdout.write(b);
      } else {
        const log = path.join(LOG_DIR, `${name.replace(/[\s/（）()，,]+/g, "-")}.log`);
        const text = Buffer.concat(output);
        fs.writeFileSync(log, text);
        printBlock(Buffer.concat([Buffer.from(`\n━━ ${name}（${start.toFixed(0)}–${end.toFixed(0)} s；输出另存于 ${path.relative(PROJECT_ROOT, log)}）\n`), text]));
      }
      console.log(`${ok ? "✓" : "✗"} ${name}：${(end - start).toFixed(1)} s${note}`);
      resolve(ok);
    };
    child.on("error", (e) => finish(false, `（${e.message}）`));
    child.on("close", (code) => finish(code === 0));
  });
}

/** Columns on a terminal: CJK characters take two. */
function displayWidth(text: string) {
  return [...text].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}

/**
 * The table of stages in the order they started: start and end (seconds since `npm test`
 * began) and duration. Stages overlap, so the durations add up to more than the total, which
 * is the wall clock; the stage that ends last is the one to make faster.
 */
function printStages() {
  const rows = [...stages].sort((a, b) => a.start - b.start);
  const all = [...rows, { name: "总用时（墙上时间）", start: 0, end: clock() }];
  const width = Math.max(...all.map((s) => displayWidth(s.name)));
  const line = (name: string, ...cols: string[]) => console.log(`${name}${" ".repeat(width - displayWidth(name))}${cols.map((c) => c.padStart(8)).join("")}`);
  console.log("");
  line("阶段", "开始", "结束", "秒");
  for (const s of all) line(s.name, s.start.toFixed(0), s.end.toFixed(0), (s.end - s.start).toFixed(1));
}

function node(bin: string) {
  return path.join(PROJECT_ROOT, "node_modules", bin);
}

/** Adds one runner's JSON report to the totals. */
function countVitest(file: string) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
function countPlaywright(file: string) {
  if (!fs.existsSync(file)) return;
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

async function vitest(name: string, dir: string, tag: string, env: Record<string, string> = {}, extra: string[] = []) {
  const out = path.join(REPORT_DIR, `vitest-${tag}.json`);
  fs.rmSync(out, { force: true });
  const ok = await runStage(name, process.execPath, [node("vitest/vitest.mjs"), "run", dir, "--reporter=default", "--reporter=json", `--outputFile=${out}`, ...extra], env);
  countVitest(out);
  return ok;
}

async function reachable(url: string) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** One database server under test: its migrated template and the seeded copy the browser tests use. */
interface Server {
  label: string;
  tag: string;
  url: string;
  template: string | null;
  e2eDb: string | null;
}

/** The schema engine once for the server, then the browser tests' database copied from it and seeded. */
async function prepare(server: Server) {
  server.template = await timed(`迁移模板数据库（${server.label}）`, () => createMigratedTemplate(server.url)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    failures.push(`迁移（${server.label}）`);
    return null;
  });
  if (!server.template) return;
  server.e2eDb = await timed(`端到端数据库与演示数据（${server.label}）`, async () => {
    const url = await createScratchDatabase(server.url, "govreports_e2e", server.template!);
    await seedDemo(url);
    return url;
  }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    failures.push(`端到端数据库（${server.label}）`);
    return null;
  });
}

async function cleanUp(server: Server) {
  if (process.env.KEEP_TEST_DB) return;
  if (server.e2eDb) await dropDatabase(server.e2eDb).catch(() => {});
  if (server.template) await dropDatabase(server.template).catch(() => {});
}

/** Integration files that use no server under test (an embedded server of their own, none at all): run in the first pass only. */
const SERVER_INDEPENDENT = ["test/integration/without-server.test.ts"];

/** Integration tests on copies of the server's template: two files at a time (each waits on PostgreSQL and on the processes it starts much of its time). */
function integration(server: Server, { first }: { first: boolean }) {
  if (!server.template) return Promise.resolve(false);
  return vitest(`集成测试（${server.label}）`, "test/integration", server.tag, { TEST_PG_SERVER_URL: server.url, TEST_PG_TEMPLATE_URL: server.template }, [
    `--maxWorkers=${process.env.TEST_INTEGRATION_WORKERS || 2}`,
    "--no-isolate",
    ...(first ? [] : SERVER_INDEPENDENT.map((f) => `--exclude=${f}`)),
  ]);
}

/**
 * The browser tests on the server's seeded copy: every one, or the `@smoke` ones (the browser
 * suite is the slow part, and what differs between servers is the database, which the
 * integration tests cover in full on both). The `@smoke` tests are those whose outcome rests on
 * the server: search, the roll-up, a publication seen by both instances, a
 * stale save refused, a session ended, a batch publication, a reviewer's scope, and a page
 * answering once published. `port` and port + 1: the app's two instances.
 */
async function e2e(server: Server, which: "all" | "smoke", port: number, stream: boolean) {
  if (!server.e2eDb) return false;
  const out = path.join(REPORT_DIR, `playwright-${server.tag}.json`);
  fs.rmSync(out, { force: true });
  const grep = which === "smoke" ? ["--grep", "@smoke"] : [];
  const ok = await runStage(
    `端到端测试（${server.label}，Chromium${which === "smoke" ? "，冒烟子集" : ""}）`,
    process.execPath,
    [node("@playwright/test/cli.js"), "test", ...grep],
    { E2E_DATABASE_URL: server.e2eDb, E2E_PORT: String(port), PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    { stream },
  );
  countPlaywright(out);
  return ok;
}

/** The bench on tiny data against the external server, so that it cannot rot (its numbers are not judged here). */
function benchSmoke(server: Server) {
  return runStage("性能基准冒烟运行（npm run bench -- --smoke）", process.execPath, [node("tsx/dist/cli.mjs"), "scripts/bench.ts", "--smoke"], {
    DATABASE_URL: server.url,
    ...(server.template ? { BENCH_TEMPLATE_URL: server.template } : {}),
  });
}

/** `next build` when the sources are newer than the build; its type check is tsc's, run beside it. */
function build(): Promise<boolean> {
  if (!buildIsStale()) {
    console.log("\n━━ 构建：.next 比全部源文件新，沿用");
    return Promise.resolve(true);
  }
  return runStage("构建（next build，类型检查由 tsc 做）", process.execPath, NEXT_BUILD_ARGS, buildEnv({ typesChecked: true }) as Record<string, string>);
}

async function main() {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  // what scripts/test-all.mjs did before this process (Chromium, npm ci, Prisma Client)
  if (process.env.TEST_ALL_STARTED_AT) stages.push({ name: "准备（浏览器、依赖、Prisma Client）", start: 0, end: clock() });

  // tsc has no time limit and the whole run to finish in: it takes the cores only when the
  // build and the tests leave them idle (the build is on the critical path, the browser tests after it)
  const tsc = () => runStage("类型检查（tsc）", process.execPath, [node("typescript/bin/tsc"), "--noEmit", "-p", "."], {}, { nice: SERIAL ? 0 : 10 });
  // the unit and integration files share one module graph per worker (--no-isolate): each file
  // importing the app's modules afresh took about as long as the tests themselves (an
  // integration file's database is the DATABASE_URL it sets, which lib/server/db.ts follows; a
  // file that starts a job queue takes it down after itself)
  const unit = () => vitest("单元测试", "test/unit", "unit", {}, ["--no-isolate"]);

  // the embedded server, as `npm run demo` uses it (its own cluster, not the demo's data)
  let embeddedHandle: DatabaseHandle | null = null;
  const servers: Server[] = [];
  const embeddedReady = async (): Promise<Server> => {
    embeddedHandle = await timed("启动嵌入式 PostgreSQL", () =>
      startEmbeddedPostgres({
        dataDir: path.join(PROJECT_ROOT, ".data/test-postgres"),
        port: Number(process.env.TEST_EMBEDDED_PG_PORT || 54339),
        database: "postgres",
      }),
    );
    const server: Server = { label: "嵌入式 PostgreSQL", tag: "embedded", url: embeddedHandle.url, template: null, e2eDb: null };
    servers.push(server);
    await prepare(server);
    return server;
  };
  // then an external server through DATABASE_URL
  const externalReady = async (): Promise<Server | null> => {
    const url = process.env.DATABASE_URL || process.env.TEST_EXTERNAL_DATABASE_URL || MACHINE_POSTGRES;
    if (!(await reachable(url))) {
      if (process.env.CI) {
        console.error(`\n✗ 外部 PostgreSQL 不可达: ${url}`);
        failures.push("外部 PostgreSQL");
      } else {
        console.warn(`\n! 未找到外部 PostgreSQL（${url}），本轮只测试了嵌入式数据库。设置 DATABASE_URL 或 TEST_EXTERNAL_DATABASE_URL 以测试外部服务器。`);
      }
      return null;
    }
    const server: Server = { label: `外部 PostgreSQL（${new URL(url).host}）`, tag: "external", url, template: null, e2eDb: null };
    servers.push(server);
    await prepare(server);
    return server;
  };

  try {
    if (SERIAL) {
      await Promise.all([tsc(), unit()]);
      const built = await build();
      const embedded = await embeddedReady();
      await integration(embedded, { first: true });
      if (built) await e2e(embedded, "all", E2E_PORT, true);
      const external = await externalReady();
      if (external) {
        await integration(external, { first: false });
        if (built) {
          await e2e(external, "smoke", E2E_PORT, true);
          await benchSmoke(external);
        }
      }
    } else {
      const checked = tsc();
      const built = build();
      const embedded = embeddedReady();
      // the external server's template and seeded copy are made beside the first stages too
      // (the schema engine's run was otherwise on the critical path, after the embedded tests)
      const external = externalReady();
      const tests = (async () => {
        const [ok, server] = await Promise.all([built, embedded]);
        // the browser pass alone: beside it, the integration files took each other's cores and
        // tests with time limits timed out
        if (ok) await e2e(server, "all", E2E_PORT, true);
        // then two lanes side by side: alone, the integration passes kept about 82 % of the cores
        // busy, the bench smoke a third (it waits on wrk runs of a set length and paced keystrokes)
        const ext = await external;
        const integrationLane = (async () => {
          await integration(server, { first: true });
          if (ext) await integration(ext, { first: false });
        })();
        const smokeLane = (async () => {
          if (ext && ok) {
            await e2e(ext, "smoke", E2E_PORT + 2, true);
            await benchSmoke(ext);
          }
          // the unit tests last: beside the build they slowed it, and the browser pass waits on it
          await unit();
        })();
        await Promise.all([integrationLane, smokeLane]);
      })();
      // every branch settles before the databases go (a failed one is already in `failures`)
      const settled = await Promise.allSettled([checked, tests]);
      for (const r of settled) if (r.status === "rejected") throw r.reason;
    }
  } finally {
    for (const s of servers) await cleanUp(s);
    await (embeddedHandle as DatabaseHandle | null)?.release();
  }

  printStages();
  console.log("");
  if (failures.length) console.error(`失败的步骤: ${failures.join("、")}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    printStages();
    console.log(`${totals.passed} passed, ${totals.failed + 1} failed, ${totals.skipped} skipped`);
    process.exit(1);
  },
);
