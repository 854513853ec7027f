import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createScratchDatabase, dropDatabase, PROJECT_ROOT } from "./database";

const MIGRATE = path.join(PROJECT_ROOT, "scripts/lib/prisma-wasm-migrate.mjs");
const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");

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

/** The committed migrations' names (their folders), in order. */
export function migrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * True when `_prisma_migrations` records every committed migration as finished and none as
 * failed: then `deploy` would apply nothing. Anything else (no table, a pending or failed
 * migration, an unreachable database) is false, and the engine decides.
 */
export async function isMigrated(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations`,
    );
    if (rows.some((r) => !r.finished && !r.rolled_back)) return false; // a failed one: deploy reports it
    const applied = new Set(rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name));
    return migrationNames().every((n) => applied.has(n));
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * `deploy`, skipped when the database already has every migration (one query instead of the
 * engine's 1–2 s process: the CLI and the test fixtures run against migrated databases).
 */
export async function deployIfPending(url: string) {
  if (await isMigrated(url)) return { status: 0, output: "No pending migrations to apply.\n" };
  return runMigrate(url, ["deploy"], "pipe");
}

/**
 * A database on `serverUrl` migrated once by the engine, for `CREATE DATABASE … TEMPLATE` (a
 * copy takes tens of milliseconds; a deploy, a process and a second or two). Nothing may stay
 * connected to it while copies are made.
 */
export async function createMigratedTemplate(serverUrl: string, prefix = "govreports_tpl") {
  const url = await createScratchDatabase(serverUrl, prefix);
  const migrated = runMigrate(url, ["deploy"], "pipe");
  if (migrated.status !== 0) {
    await dropDatabase(url).catch(() => {});
    throw new Error(`migrate deploy failed:\n${migrated.output}`);
  }
  return url;
}
