// Prisma Client 7 over node-postgres: no native engine needed. Shared by the Next app
// (lib/server/db.ts) and the command-line tools (seed, cli), which pass their own URL.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

export function createPrismaClient(url = process.env.DATABASE_URL): Db {
  if (!url) throw new Error("DATABASE_URL 未设置：请通过 npm run demo 启动，或设置 DATABASE_URL。");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 10) }) });
}
