import "server-only";
import { createPrismaClient, type Db } from "./prisma";
import { DB_CLIENT } from "./sql";

// One client per server process (and per dev-server reload), made on first use so that
// `next build` — which loads route modules without a database — never needs DATABASE_URL.
const globalForDb = globalThis as unknown as { __govreportsDb?: Db };

function client(): Db {
  return (globalForDb.__govreportsDb ??= createPrismaClient());
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
