// The table of public routes served from cache (lib/server/cache/public-routes.ts): which paths
// are in it, which are the twin routes only proxy.ts's rewrite may reach, and their CSP kind.
// The keys themselves read the database: test/integration/region-rollup.test.ts.
import { describe, expect, it } from "vitest";
import { cachedCspKind, isTwinPath, publicRouteKey, regionPageInput } from "@/lib/server/cache/public-routes";

describe("the public routes table", () => {
  it("knows the twin routes, and nothing else, as twins", () => {
    for (const p of ["/published", "/published/640122100000/2020/1", "/published-home/1.2", "/published-regions/640122/1/latest/name/asc", "/published-agencies/640122-zrzy/3"]) expect(isTwinPath(p), p).toBe(true);
    for (const p of ["/", "/reports/640122100000/2020", "/publishedx", "/published-homes/1", "/regions/640122"]) expect(isTwinPath(p), p).toBe(false);
  });

  it("serves the pages with their stored policy, the open data with none, and leaves the rest to a nonce", () => {
    for (const p of ["/", "/reports/640122100000/2020", "/regions/640122", "/agencies/640122-zrzy"]) expect(cachedCspKind(p), p).toBe("stored");
    for (const p of ["/api/regions/640122/2020", "/api/regions/640122/2020/csv", "/api/regions/640122/2020/figures.csv"]) expect(cachedCspKind(p), p).toBe("none");
    for (const p of ["/reports", "/data", "/login", "/workspace", "/regions/64012", "/api/regions/640122/2020/reports.zip"]) expect(cachedCspKind(p), p).toBeNull();
  });

  it("answers at once, without a query, for a path that is not in the table", () => {
    expect(publicRouteKey("/reports", () => new URLSearchParams("q=x"))).toBeNull();
    expect(publicRouteKey("/admin", () => new URLSearchParams())).toBeNull();
  });

  it("reads the region page's input back from its twin path", () => {
    expect(regionPageInput({ code: "640122", year: "latest", sort: "name", dir: "asc" })).toEqual({ code: "640122", year: undefined, sort: "name", dir: "asc" });
    expect(regionPageInput({ code: "640122", year: "2021", sort: "name", dir: "desc" }).year).toBe("2021");
  });
});
