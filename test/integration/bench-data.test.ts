// The bench data (scripts/lib/bench-data.ts) makes its region roll-up with the publication's
// own code (updateRegionRollup, many reports alike at once); the roll-up must equal the SUM
// over the published snapshots, as a real roll-up does (region-rollup.test.ts), or the bench
// measures region pages over figures no publication would produce.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBenchData, scaleOf } from "@/scripts/lib/bench-data";
import { freshDatabase, rollupOf, sumOverPublishedOf } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
/** the smoke scale's shape, smaller: two provinces and the dashboard county (its groups hold several reports each) */
const SCALE = scaleOf(12, 30, 24);

beforeAll(async () => {
  ctx = await freshDatabase("govreports_bench");
  await generateBenchData(ctx.url, SCALE, () => {});
}, 120_000);

afterAll(async () => {
  await ctx?.drop();
});

describe("bench data", () => {
  const county = SCALE.county.code;
  const regions = [...SCALE.provinces.flatMap((p) => [p.code, `${p.code.slice(0, 2)}0100`, `${p.code.slice(0, 2)}0101`]), `${county.slice(0, 2)}0000`, county];

  it.each([SCALE.year - 1, SCALE.year])("the roll-up of %i equals the SUM over the published reports, cell by cell and in report counts", async (year) => {
    for (const code of regions) {
      expect(await rollupOf(ctx.db, code, year), `${code} ${year}`).toEqual(await sumOverPublishedOf(ctx.db, code, year));
      const [{ n }] = await ctx.db.$queryRaw<{ n: number }[]>`
        SELECT COUNT(*)::int AS n FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId" JOIN "Region" g ON g.code = a."regionCode"
        WHERE r.year = ${year} AND r.status = 'PUBLISHED' AND g.path LIKE (SELECT path FROM "Region" WHERE code = ${code}) || '%'`;
      const total = await ctx.db.regionYearTotal.findUnique({ where: { regionCode_year: { regionCode: code, year } } });
      expect(total?.reportCount ?? 0, `${code} ${year}`).toBe(n);
    }
    // the measured year has figures everywhere: a roll-up left empty would pass the equality above
    expect(Object.keys(await rollupOf(ctx.db, county, SCALE.year)).length).toBeGreaterThan(100);
    expect(Object.keys(await rollupOf(ctx.db, SCALE.provinces[0]!.code, SCALE.year)).length).toBeGreaterThan(100);
  });
});
