// Integration tests run on a real PostgreSQL server chosen by scripts/test-suite.ts
// (the embedded one, then the external one): TEST_PG_SERVER_URL. Each test file gets
// its own database, a copy of one migrated once per run (test/integration/global-setup.ts),
// so files can run in parallel and no file pays for the schema engine.
import { inject } from "vitest";
import { createScratchDatabase, dropDatabase } from "@/scripts/lib/database";
import { createPrismaClient, type Db } from "@/lib/server/prisma";

export function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error("TEST_PG_SERVER_URL is not set: run the integration tests through `npm test`.");
  return url;
}

/** The migrated database each file's database is copied from (made by global-setup.ts). */
export function templateUrl(): string {
  const url = inject("pgTemplateUrl");
  if (!url) throw new Error("no migrated template database: test/integration/global-setup.ts did not run (TEST_PG_SERVER_URL unset?)");
  return url;
}

export async function freshDatabase(prefix = "govreports_it"): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const url = await createScratchDatabase(serverUrl(), prefix, templateUrl());
  const db = createPrismaClient(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(url);
    },
  };
}
