// The whole test suite, in order: typecheck beside the unit tests (no database) → build (without its own
// second type check) → for each database server (the embedded PostgreSQL, and an external
// server: DATABASE_URL, or TEST_EXTERNAL_DATABASE_URL, or the machine's 127.0.0.1:5432 —
// required when CI=true): one database migrated by the schema engine as a template, the
// integration tests on copies of it, then Playwright end-to-end tests in Debian Chromium on
// another copy. Ends with each stage's duration and the line `N passed, N failed, N skipped`.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "./lib/bootstrap.mjs";
import { createScratchDatabase, dropDatabase, PROJECT_ROOT, startEmbeddedPostgres } from "./lib/database";
import { createMigratedTemplate } from "./lib/migrate";
import { seedDemo } from "./lib/seed-demo";

const REPORT_DIR = path.join(PROJECT_ROOT, "test-results");
const MACHINE_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
const stages: { name: string; seconds: number }[] = [];

/** Runs one stage of the suite and keeps its duration for the table printed at the end. */
async function timed<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    stages.push({ name, seconds: (performance.now() - start) / 1000 });
  }
}

function step(name: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n━━ ${name}`);
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  stages.push({ name, seconds: (performance.now() - start) / 1000 });
  const ok = r.status === 0;
  if (!ok) failures.push(name);
  return ok;
}

/**
 * A step run beside the next ones (its output kept and printed when it ends, so that it does not
 * interleave with theirs): tsc uses one core, the unit tests the other.
 */
function backgroundStep(name: string, cmd: string, args: string[]): Promise<boolean> {
  const start = performance.now();
  const child = spawn(cmd, args, { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"], env: process.env });
  const output: Buffer[] = [];
  child.stdout.on("data", (d: Buffer) => output.push(d));
  child.stderr.on("data", (d: Buffer) => output.push(d));
  return new Promise((resolve) => {
    child.on("close", (code) => {
      stages.push({ name, seconds: (performance.now() - start) / 1000 });
      console.log(`\n━━ ${name}（与上一步同时运行）`);
      process.stdout.write(Buffer.concat(output));
      const ok = code === 0;
      if (!ok) failures.push(name);
      resolve(ok);
    });
  });
}

/** Columns on a terminal: CJK characters take two. */
function displayWidth(text: string) {
  return [...text].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}

const startedAt = Number(process.env.TEST_ALL_STARTED_AT) || Date.now();

/** The table of stages (name, seconds), the slowest plain to see; the total is the wall clock (some stages overlap). */
function printStages() {
  const rows = [...stages, { name: "总用时", seconds: (Date.now() - startedAt) / 1000 }];
  const width = Math.max(...rows.map((s) => displayWidth(s.name)));
  const line = (name: string, value: string) => console.log(`${name}${" ".repeat(width - displayWidth(name))}  ${value.padStart(7)}`);
  console.log("");
  line("阶段", "秒");
  for (const s of rows) line(s.name, s.seconds.toFixed(1));
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

function vitest(name: string, dir: string, tag: string, env: Record<string, string> = {}, extra: string[] = []) {
  const out = path.join(REPORT_DIR, `vitest-${tag}.json`);
  fs.rmSync(out, { force: true });
  step(name, process.execPath, [node("vitest/vitest.mjs"), "run", dir, "--reporter=default", "--reporter=json", `--outputFile=${out}`, ...extra], env);
  countVitest(out);
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

/**
 * Integration tests, then the browser tests: all of them on the first server, the `@smoke`
 * ones on the second (the browser suite is the slow part, and what differs between servers
 * is the database, which the integration tests cover in full on both).
 */
async function databasePass(label: string, tag: string, serverUrl: string, e2e: "all" | "smoke") {
  console.log(`\n════ 数据库: ${label}`);
  // the schema engine runs once per server; every test database is a copy of this one
  const template = await timed(`迁移模板数据库（${label}）`, () => createMigratedTemplate(serverUrl)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    failures.push(`迁移（${label}）`);
    return null;
  });
  if (!template) return;
  let e2eDb: string | null = null;
  try {
    // each file has its own database: two at a time (vitest's default on two cores is one, and
    // a file waits on PostgreSQL and on the processes it starts much of its time)
    vitest(`集成测试（${label}）`, "test/integration", tag, { TEST_PG_SERVER_URL: serverUrl, TEST_PG_TEMPLATE_URL: template }, [
      `--maxWorkers=${process.env.TEST_INTEGRATION_WORKERS || 2}`,
    ]);

    e2eDb = await timed(`端到端数据库与演示数据（${label}）`, async () => {
      const url = await createScratchDatabase(serverUrl, "govreports_e2e", template);
      await seedDemo(url);
      return url;
    });
    const out = path.join(REPORT_DIR, `playwright-${tag}.json`);
    fs.rmSync(out, { force: true });
    const grep = e2e === "smoke" ? ["--grep", "@smoke"] : [];
    step(`端到端测试（${label}，Chromium${e2e === "smoke" ? "，冒烟子集" : ""}）`, process.execPath, [node("@playwright/test/cli.js"), "test", ...grep], {
      E2E_DATABASE_URL: e2eDb,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    countPlaywright(out);
  } finally {
    if (!process.env.KEEP_TEST_DB) {
      if (e2eDb) await dropDatabase(e2eDb).catch(() => {});
      await dropDatabase(template).catch(() => {});
    }
  }
}

async function main() {
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  // what scripts/test-all.mjs did before this process (Chromium, npm ci, Prisma Client)
  const bootstrapStart = Number(process.env.TEST_ALL_STARTED_AT);
  if (bootstrapStart) stages.push({ name: "准备（浏览器、依赖、Prisma Client）", seconds: (Date.now() - bootstrapStart) / 1000 });

  const tsc = backgroundStep("类型检查（tsc）", process.execPath, [node("typescript/bin/tsc"), "--noEmit", "-p", "."]);
  vitest("单元测试", "test/unit", "unit");
  const typesChecked = await tsc;

  console.log("\n━━ 构建（next build）");
  await timed("构建（next build）", () => ensureBuild({ typesChecked }));

  // 1) the embedded server, as `npm run demo` uses it (its own cluster, not the demo's data)
  const embedded = await timed("启动嵌入式 PostgreSQL", () => startEmbeddedPostgres({
    dataDir: path.join(PROJECT_ROOT, ".data/test-postgres"),
    port: Number(process.env.TEST_EMBEDDED_PG_PORT || 54339),
    database: "postgres",
  }));
  try {
    await databasePass("嵌入式 PostgreSQL", "embedded", embedded.url, "all");
  } finally {
    await embedded.release();
  }

  // 2) an external server through DATABASE_URL
  const external = process.env.DATABASE_URL || process.env.TEST_EXTERNAL_DATABASE_URL || MACHINE_POSTGRES;
  if (await reachable(external)) {
    await databasePass(`外部 PostgreSQL（${new URL(external).host}）`, "external", external, "smoke");
    // the bench on tiny data, so that it cannot rot (its numbers are not judged here)
    step("性能基准冒烟运行（npm run bench -- --smoke）", process.execPath, [node("tsx/dist/cli.mjs"), "scripts/bench.ts", "--smoke"], {
      DATABASE_URL: external,
    });
  } else if (process.env.CI) {
    console.error(`\n✗ 外部 PostgreSQL 不可达: ${external}`);
    failures.push("外部 PostgreSQL");
  } else {
    console.warn(`\n! 未找到外部 PostgreSQL（${external}），本轮只测试了嵌入式数据库。设置 DATABASE_URL 或 TEST_EXTERNAL_DATABASE_URL 以测试外部服务器。`);
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
