// Prisma Client 7 over node-postgres: no native engine needed. Shared by the Next app
// (lib/server/db.ts) and the command-line tools (seed, cli), which pass their own URL.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { rememberPool } from "./sql";

export type Db = PrismaClient;

export function createPrismaClient(url = process.env.DATABASE_URL): Db {
  if (!url) throw new Error("DATABASE_URL 未设置：请通过 npm run demo 启动，或设置 DATABASE_URL。");
  // the pool made here rather than by the adapter, so that ./sql.ts can use it too; the adapter
  // still ends it on $disconnect
  // idle connections kept for five minutes, not pg's ten seconds: a server between bursts of
  // requests otherwise opens a new PostgreSQL backend (a fork and a catalog warm-up) each time
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 10), idleTimeoutMillis: 300_000 });
  // an idle connection the server ends (a restart, a dropped test database) is only logged, as
  // the adapter does once Prisma has connected; the pool makes a new one when next asked
  pool.on("error", (e) => console.error("[db] 空闲连接出错：", e.message));
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  rememberPool(client, pool);
  // the adapter ends the pool only if Prisma itself connected; ./sql.ts may have used it without
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    if (!(pool as unknown as { ending?: boolean }).ending) await pool.end();
  };
  return client;
}
