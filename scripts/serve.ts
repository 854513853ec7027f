// Starts the app: chooses the database (DATABASE_URL, or the embedded server), applies
// migrations, with --demo loads the demo data, then runs `next start` (one process per core,
// scripts/lib/next-cluster.cjs) until stopped.
import { spawn } from "node:child_process";
import path from "node:path";
import { openDatabase, persistentSecret, PROJECT_ROOT } from "./lib/database";
import { runMigrate } from "./lib/migrate";
import { weakSecretReason } from "./lib/secret-strength";

async function main() {
  const configuredSecret = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  const weak = configuredSecret !== undefined ? weakSecretReason(configuredSecret) : null;
  if (weak && process.env.NODE_ENV === "production") {
    console.error(`✗ ${weak}，拒绝启动。请设置一个随机的长密钥，例如: NEXTAUTH_SECRET=$(openssl rand -base64 32)`);
    process.exit(78);
  }
  if (weak) console.warn(`! ${weak}：仅可用于本机试用，生产环境会拒绝启动。`);
  const demo = process.argv.includes("--demo") || process.env.SEED_DEMO === "true";
  const port = Number(process.env.PORT || 3000);
  const db = await openDatabase({ log: process.env.DEBUG_DB ? console.error : undefined });
  console.log(db.embedded ? `▶ 嵌入式 PostgreSQL 已就绪（数据目录 .data/postgres）` : `▶ 使用 DATABASE_URL 指定的数据库`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await db.release().catch(() => {});
    process.exit(code);
  };

  if (runMigrate(db.url, ["deploy"]).status !== 0) return shutdown(1);
  if (demo) {
    const { seedDemo } = await import("./lib/seed-demo");
    await seedDemo(db.url, { log: (m) => console.log(`  ${m}`) });
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    PORT: String(port),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    // no secret configured: make one once and keep it beside the embedded data
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET || persistentSecret("auth-secret"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // the preload makes X-Forwarded-For the socket's address unless TRUSTED_PROXY_HOPS is set
  const preload = path.join(PROJECT_ROOT, "scripts/lib/trusted-client-address.cjs");
  // `next start` in one process per core (WEB_CONCURRENCY sets how many)
  const launcher = path.join(PROJECT_ROOT, "scripts/lib/next-cluster.cjs");
  const next = spawn(process.execPath, ["--require", preload, launcher, "-p", String(port)], {
    cwd: PROJECT_ROOT,
    env,
    stdio: "inherit",
  });
  console.log(`▶ 系统已启动: http://localhost:${port}   （Ctrl+C 停止）`);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      next.kill("SIGTERM");
    });
  }
  next.on("exit", (code, signal) => shutdown(code ?? (signal ? 0 : 1)));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
