import "server-only";
import { createPrismaClient, type Db } from "./prisma";
import { DB_CLIENT } from "./sql";

// One client per server process (and per dev-server reload), made on first use so that
// `next build` — which loads route modules without a database — never needs DATABASE_URL.
// It is the client of the DATABASE_URL the process has now: a server's never changes, but the
// integration files share a process (one module graph per worker) and each sets its own.
const globalForDb = globalThis as unknown as { __govreportsDb?: { url: string | undefined; client: Db } };

function client(): Db {
  const url = process.env.DATABASE_URL;
  const held = globalForDb.__govreportsDb;
  if (held && held.url === url) return held.client;
  if (held) void held.client.$disconnect().catch(() => {});
  const made = { url, client: createPrismaClient() };
  globalForDb.__govreportsDb = made;
  return made.client;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const c = client();
    // ./sql.ts finds the client's pool through this
    if (prop === DB_CLIENT) return c;
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
