// The whole test suite, in order: typecheck → unit tests (no database) → build → for each
// database server (the embedded PostgreSQL, and an external server: DATABASE_URL, or
// TEST_EXTERNAL_DATABASE_URL, or the machine's 127.0.0.1:5432 — required when CI=true):
// integration tests on a real database, then Playwright end-to-end tests in Debian Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "./lib/bootstrap.mjs";
import { createScratchDatabase, dropDatabase, PROJECT_ROOT, startEmbeddedPostgres } from "./lib/database";
import { runMigrate } from "./lib/migrate";
import { seedDemo } from "./lib/seed-demo";

const REPORT_DIR = path.join(PROJECT_ROOT, "test-results");
const MACHINE_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function step(name: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n━━ ${name}`);
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  const ok = r.status === 0;
  if (!ok) failures.push(name);
  return ok;
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

function vitest(name: string, dir: string, tag: string, env: Record<string, string> = {}) {
  const out = path.join(REPORT_DIR, `vitest-${tag}.json`);
  fs.rmSync(out, { force: true });
  step(name, process.execPath, [node("vitest/vitest.mjs"), "run", dir, "--reporter=default", "--reporter=json", `--outputFile=${out}`], env);
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
  const e2eDb = await createScratchDatabase(serverUrl, "govreports_e2e");
  try {
    vitest(`集成测试（${label}）`, "test/integration", tag, { TEST_PG_SERVER_URL: serverUrl });

    const migrated = runMigrate(e2eDb, ["deploy"], "pipe");
    if (migrated.status !== 0) {
      console.error(migrated.output);
      failures.push(`迁移（${label}）`);
      return;
    }
    await seedDemo(e2eDb);
    const out = path.join(REPORT_DIR, `playwright-${tag}.json`);
    fs.rmSync(out, { force: true });
    const grep = e2e === "smoke" ? ["--grep", "@smoke"] : [];
    step(`端到端测试（${label}，Chromium${e2e === "smoke" ? "，冒烟子集" : ""}）`, process.execPath, [node("@playwright/test/cli.js"), "test", ...grep], {
      E2E_DATABASE_URL: e2eDb,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    countPlaywright(out);
  } finally {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(e2eDb).catch(() => {});
  }
}

async function main() {
  fs.mkdirSync(REPORT_DIR, { recursive: true });

  step("类型检查（tsc）", process.execPath, [node("typescript/bin/tsc"), "--noEmit", "-p", "."]);
  vitest("单元测试", "test/unit", "unit");

  console.log("\n━━ 构建（next build）");
  ensureBuild();

  // 1) the embedded server, as `npm run demo` uses it (its own cluster, not the demo's data)
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(PROJECT_ROOT, ".data/test-postgres"),
    port: Number(process.env.TEST_EMBEDDED_PG_PORT || 54339),
    database: "postgres",
  });
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

  console.log("");
  if (failures.length) console.error(`失败的步骤: ${failures.join("、")}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    console.log(`${totals.passed} passed, ${totals.failed + 1} failed`);
    process.exit(1);
  },
);
