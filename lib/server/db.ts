import "server-only";
import { createPrismaClient, type Db } from "./prisma";

// One client per server process (and per dev-server reload), made on first use so that
// `next build` — which loads route modules without a database — never needs DATABASE_URL.
const globalForDb = globalThis as unknown as { __govreportsDb?: Db };

function client(): Db {
  return (globalForDb.__govreportsDb ??= createPrismaClient());
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
