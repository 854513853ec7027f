import { describe, expect, it } from "vitest";
import { openDatabase } from "@/scripts/lib/database";
import { restoreDatabaseUrlAfterEach, scalar, serverUrl } from "./db-helpers";

restoreDatabaseUrlAfterEach();

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
});
