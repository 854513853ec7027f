import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, startEmbeddedPostgres } from "@/scripts/lib/database";
import { serverUrl } from "./db-helpers";

async function scalar(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows[0];
  } finally {
    await c.end();
  }
}

const savedUrl = process.env.DATABASE_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

describe("database selection", () => {
  it("uses the server named by DATABASE_URL, creating its database when missing", async () => {
    const u = new URL(serverUrl());
    u.pathname = `/govreports_sel_${process.pid}`;
    process.env.DATABASE_URL = u.toString();
    const handle = await openDatabase();
    try {
      expect(handle.embedded).toBe(false);
      expect(handle.url).toBe(u.toString());
      expect((await scalar(handle.url, "SELECT current_database() AS db")).db).toBe(`govreports_sel_${process.pid}`);
    } finally {
      await handle.release();
      const admin = new URL(serverUrl());
      admin.pathname = "/postgres";
      await scalar(admin.toString(), `DROP DATABASE IF EXISTS "govreports_sel_${process.pid}" WITH (FORCE)`);
    }
  });

  it("without DATABASE_URL starts a real embedded PostgreSQL, keeps its data, and reuses it on the next start", async () => {
    delete process.env.DATABASE_URL;
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-pg-"));
    const dataDir = path.join(parent, "pg");
    const port = 55000 + (process.pid % 1000);
    const first = await openDatabase({ dataDir, port, database: "selection" });
    try {
      expect(first.embedded).toBe(true);
      const { version } = await scalar(first.url, "SELECT version() AS version");
      expect(version).toMatch(/^PostgreSQL \d+/);
      await scalar(first.url, "CREATE TABLE kept (v text)");
      await scalar(first.url, "INSERT INTO kept VALUES ('第一次')");
    } finally {
      await first.release();
    }
    expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

    const second = await startEmbeddedPostgres({ dataDir, port, database: "selection" });
    try {
      expect((await scalar(second.url, "SELECT v FROM kept")).v).toBe("第一次");
    } finally {
      await second.release();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  }, 60_000);
});
