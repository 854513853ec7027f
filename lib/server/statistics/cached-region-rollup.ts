import "server-only";
import { unstable_cache } from "next/cache";
import { regionRollupCsv, regionRollupJson } from "./region-exports";
import { getRegionRollup } from "./region-rollup";
import type { RegionDownload } from "./region-validators";

const FORMATS = { json: regionRollupJson, csv: regionRollupCsv } as const;

/**
 * A region's roll-up for a year as JSON or CSV, from Next's data cache under the region's stamp
 * (lib/server/cache/published-ref.ts): made once per stamp and process, like the region page,
 * and never invalidated — a publication or correction under the region changes the stamp, and
 * with it the key, on every instance. Null for a region without a roll-up.
 */
export function cachedRegionRollup(region: RegionDownload, format: keyof typeof FORMATS): Promise<string | null> {
  return unstable_cache(
    async () => {
      const rollup = await getRegionRollup(region.code, region.year);
      return rollup ? FORMATS[format](rollup) : null;
    },
    ["region-rollup", format, region.code, String(region.year), region.stamp],
    { revalidate: false },
  )();
}
