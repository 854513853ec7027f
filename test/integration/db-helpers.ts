// Integration tests run on a real PostgreSQL server chosen by scripts/test-suite.ts
// (the embedded one, then the external one): TEST_PG_SERVER_URL. Each test file gets
// its own freshly migrated database.
import { createScratchDatabase, dropDatabase } from "@/scripts/lib/database";
import { runMigrate } from "@/scripts/lib/migrate";
import { createPrismaClient, type Db } from "@/lib/server/prisma";

export function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error("TEST_PG_SERVER_URL is not set: run the integration tests through `npm test`.");
  return url;
}

export async function freshDatabase(prefix = "govreports_it"): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const url = await createScratchDatabase(serverUrl(), prefix);
  const migrated = runMigrate(url, ["deploy"], "pipe");
  if (migrated.status !== 0) throw new Error(`migrate deploy failed:\n${migrated.output}`);
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
