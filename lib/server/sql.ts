// Plain SQL on the pool under Prisma's adapter, for the few statements on a hot path (the draft
// save: lib/server/reports/draft-save-request.ts). A Prisma query costs several promises and its
// tracing wrappers around the driver's one; inside Next every promise also runs the async-context
// hooks, and a save's four statements through Prisma were a tenth of its CPU. The same pool, so
// no more connections; anything else (a transaction client, a disconnected client) goes through
// Prisma's $queryRawUnsafe, with the same rows.
import type pg from "pg";
import type { Db } from "./prisma";
import { processWide } from "@/lib/process-wide";

// One registry per process: the copy of this module whose prisma.ts made the process's one
// client is not the one the draft save in front of Next runs. With a registry per copy, every
// other copy found no pool and sent its statements through Prisma, unprepared (the bench's CPU
// profile of the save: Prisma's runtime and PostgreSQL's planning of each statement, where
// prepared statements were meant).
const pools = processWide("sqlPools", () => new WeakMap<object, pg.Pool>());
/** lib/server/db.ts's proxy answers this with the client behind it */
export const DB_CLIENT = Symbol.for("govreports.dbClient");

export function rememberPool(db: Db, pool: pg.Pool) {
  pools.set(db, pool);
}

type Queryable = Pick<Db, "$queryRawUnsafe">;

function poolOf(db: Queryable): pg.Pool | undefined {
  const pool = pools.get(db) ?? pools.get((db as unknown as Record<symbol, object | undefined>)[DB_CLIENT] ?? {});
  // after $disconnect the adapter has ended it (Prisma would make a new one)
  return pool && !(pool as unknown as { ending?: boolean }).ending ? pool : undefined;
}

/**
 * The rows of one statement (`$1`… placeholders). Timestamps without a time zone: cast them to
 * timestamptz (`AT TIME ZONE 'UTC'`), read as Date either way. `name`: a statement run on every
 * request, prepared once per connection (PostgreSQL parsed and planned each save's statements
 * anew); one name, one text.
 */
export async function sqlRows<T>(db: Queryable, text: string, values: readonly unknown[], name?: string): Promise<T[]> {
  const pool = poolOf(db);
  if (pool) return (await pool.query({ name, text, values: values as unknown[] })).rows as T[];
  return db.$queryRawUnsafe<T[]>(text, ...values);
}
