import { spawnSync } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "./database";

const MIGRATE = path.join(PROJECT_ROOT, "scripts/lib/prisma-wasm-migrate.mjs");

/**
 * Runs Prisma's WASM schema engine (deploy | create --name N | check | status | diff) against
 * `url`, in its own process: the engine installs global panic hooks and must exit hard.
 */
export function runMigrate(url: string, args: string[], stdio: "inherit" | "pipe" = "inherit") {
  const r = spawnSync(process.execPath, [MIGRATE, ...args], {
    cwd: PROJECT_ROOT,
    stdio,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url },
  });
  return { status: r.status ?? 1, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}
