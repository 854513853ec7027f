import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, dropDatabase } from "@/scripts/lib/database";
import { deployIfPending, isMigrated, runMigrate } from "@/scripts/lib/migrate";
import { freshDatabase, serverUrl } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  ctx = await freshDatabase("govreports_mig");
});
afterAll(async () => ctx?.drop());

describe("migrations (Prisma WASM schema engine)", () => {
  it("the committed migrations reproduce schema.prisma and the database matches them (db:check)", () => {
    const r = runMigrate(ctx.url, ["check"], "pipe");
    expect(r.output).toContain("OK: migrations reproduce schema.prisma");
    expect(r.output).toContain("OK: database matches migrations");
    expect(r.status).toBe(0);
  });

  it("re-deploying applies nothing", () => {
    const r = runMigrate(ctx.url, ["deploy"], "pipe");
    expect(r.status).toBe(0);
    expect(r.output).toContain("No pending migrations to apply.");
  });

  it("the CLI's check before deploying: skips the engine only when every migration is applied and none failed", async () => {
    expect(await isMigrated(ctx.url)).toBe(true);
    expect(await deployIfPending(ctx.url)).toEqual({ status: 0, output: "No pending migrations to apply.\n" });
    const empty = await createScratchDatabase(serverUrl(), "govreports_mig_empty");
    try {
      expect(await isMigrated(empty)).toBe(false); // no _prisma_migrations at all
    } finally {
      await dropDatabase(empty);
    }
    const c = new pg.Client({ connectionString: ctx.url });
    await c.connect();
    try {
      // one committed migration not recorded: pending
      const { rows } = await c.query(`DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations) RETURNING *`);
      expect(await isMigrated(ctx.url)).toBe(false);
      // recorded but failed (started, never finished nor rolled back): the engine must report it
      await c.query(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, NULL, $3, NULL, NULL, now(), 0)`,
        [rows[0].id, rows[0].checksum, rows[0].migration_name],
      );
      expect(await isMigrated(ctx.url)).toBe(false);
      await c.query(`UPDATE _prisma_migrations SET finished_at = $2, applied_steps_count = $3 WHERE id = $1`, [rows[0].id, rows[0].finished_at, rows[0].applied_steps_count]);
      expect(await isMigrated(ctx.url)).toBe(true);
    } finally {
      await c.end();
    }
  });

  it("writes _prisma_migrations as prisma migrate deploy does", async () => {
    const c = new pg.Client({ connectionString: ctx.url });
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`);
      const dirs = fs.readdirSync("prisma/migrations").filter((d) => fs.statSync(path.join("prisma/migrations", d)).isDirectory());
      expect(rows.map((r) => r.migration_name)).toEqual(dirs.sort());
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await c.end();
    }
  });

  it("fails when schema.prisma has a change without a migration", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "schema-drift-"));
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8") + "\nmodel DriftProbe {\n  id Int @id\n}\n";
    const file = path.join(dir, "schema.prisma");
    fs.writeFileSync(file, schema.replace('output       = "../lib/generated/prisma"', `output = "${dir}/gen"`));
    const r = runMigrate(ctx.url, ["check", "--schema", file], "pipe");
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.output).toContain("DRIFT: schema.prisma differs from the migrations");
    expect(r.output).toContain('CREATE TABLE "DriftProbe"');
  });

  it("fails when the database was changed behind the migrations' back", async () => {
    const c = new pg.Client({ connectionString: ctx.url });
    await c.connect();
    await c.query(`ALTER TABLE "Agency" ADD COLUMN "sneaky" INTEGER`);
    try {
      const r = runMigrate(ctx.url, ["check"], "pipe");
      expect(r.status).toBe(2);
      expect(r.output).toContain("DB DRIFT");
    } finally {
      await c.query(`ALTER TABLE "Agency" DROP COLUMN "sneaky"`);
      await c.end();
    }
  });
});
