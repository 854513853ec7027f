// lib/server/sql.ts finds the pool under the process's Prisma client whichever copy of the
// module asks: Next's build gives each route and instrumentation.ts a copy of their own, and the
// draft save in front of Next ran in a copy that had not made the client.
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

describe("sqlRows", () => {
  it("runs a named statement on the client's pool from another copy of the module, not through Prisma", async () => {
    const { createPrismaClient } = await import("@/lib/server/prisma");
    // never connected: the pool's query is answered here
    const client = createPrismaClient("postgresql://nobody@127.0.0.1:1/none");
    const query = vi.spyOn(pg.Pool.prototype, "query").mockImplementation((async () => ({ rows: [{ one: 1 }] })) as never);
    const viaPrisma = vi.spyOn(client, "$queryRawUnsafe");
    vi.resetModules();
    const copy = await import("@/lib/server/sql");
    expect(await copy.sqlRows(client, "SELECT 1 AS one", [], "probe-one")).toEqual([{ one: 1 }]);
    // and through the app's proxy (lib/server/db.ts), which names the client behind it
    const proxy = { [copy.DB_CLIENT]: client, $queryRawUnsafe: client.$queryRawUnsafe } as unknown as typeof client;
    expect(await copy.sqlRows(proxy, "SELECT 1 AS one", [], "probe-one")).toEqual([{ one: 1 }]);
    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls[0]![0]).toMatchObject({ name: "probe-one", text: "SELECT 1 AS one" });
    expect(viaPrisma).not.toHaveBeenCalled();
  });
});
