// What does not use the database server under test: the embedded server a user gets without
// DATABASE_URL, and the CLI against a server that is not there. scripts/test-suite.ts runs this
// file in the first pass only (SERVER_INDEPENDENT); the second would repeat the same thing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, startEmbeddedPostgres } from "@/scripts/lib/database";
import { spawnCli } from "@/test/support/cli";
import { unusedListenPort } from "@/test/support/ports";
import { restoreDatabaseUrlAfterEach, scalar } from "./db-helpers";

restoreDatabaseUrlAfterEach();

describe("without a database server", () => {
  it("without DATABASE_URL starts a real embedded PostgreSQL, keeps its data, and reuses it on the next start", async () => {
    delete process.env.DATABASE_URL;
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-pg-"));
    const dataDir = path.join(parent, "pg");
    const port = await unusedListenPort();
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

  it("npm run cli with an unreachable database: one Chinese line on stderr and exit 1, never a stack trace", () => {
    const r = spawnCli({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none", DEBUG: "" }, "export", "640122100000", "2020");
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("错误: 无法连接数据库，请检查 DATABASE_URL（设置 DEBUG=1 可查看详细信息）");
    expect(r.stdout).toBe("");
  });
});
