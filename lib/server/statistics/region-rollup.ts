import "server-only";
// Public reads of the region statistics roll-up (RegionCellTotal / RegionYearTotal). Only
// published versions ever reach the roll-up. Plain arguments (code, year) so that they can
// be cached; each reads O(cells of one report) rows whatever the number of agencies.
import { getTemplate, SECTION_KEYS, templateIdForYear, type ReportSections, type TemplateId } from "@/lib/templates";
import { formatDecimal } from "@/lib/templates/decimal";
import { isRegionCode, REGION_LEVEL_LABELS, YEAR_IN_PATH } from "@/lib/codes";
import { db } from "../db";

/** URL parameters → a region code / year, or null (then: not found). */
export function parseRegionCode(code: string): string | null {
  return isRegionCode(code) ? code : null;
}
export function parseYear(year: string | undefined | null): number | null {
  return year && YEAR_IN_PATH.test(year) ? Number(year) : null;
}

export type RegionLevel = keyof typeof REGION_LEVEL_LABELS;
export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  levelLabel: string;
  /** from the province down to this region */
  ancestors: { code: string; name: string }[];
}

/** A region with its chain of ancestors (for breadcrumbs), or null when unknown. */
export async function getRegion(code: string): Promise<RegionInfo | null> {
  const region = await db.region.findUnique({ where: { code }, select: { code: true, name: true, level: true, path: true } });
  if (!region) return null;
  const chain = region.path.split("/").filter((c) => c && c !== code);
  const ancestors = chain.length
    ? await db.region.findMany({ where: { code: { in: chain } }, select: { code: true, name: true }, orderBy: { code: "asc" } })
    : [];
  return { code: region.code, name: region.name, level: region.level, levelLabel: REGION_LEVEL_LABELS[region.level], ancestors };
}

/** The years with at least one published report under the region, oldest first. */
export async function getRegionYears(code: string): Promise<number[]> {
  const rows = await db.regionYearTotal.findMany({
    where: { regionCode: code, reportCount: { gt: 0 } },
    select: { year: true },
    orderBy: { year: "asc" },
  });
  return rows.map((r) => r.year);
}

/** Sections in the exchange shape holding NUMERIC text sums (every cell of the template, blanks → "0"). */
export type DecimalSections = Record<keyof ReportSections, Record<string, Record<string, string>>>;

export interface RegionRollup {
  region: RegionInfo;
  year: number;
  template: TemplateId;
  reportCount: number;
  sections: DecimalSections;
}

/**
 * The roll-up of the published reports under a region for a year: every cell of 二、三、四
 * summed (money exact, `change` with its sign). A region with nothing published gets zeros.
 * Null when the region is unknown.
 */
export async function getRegionRollup(code: string, year: number): Promise<RegionRollup | null> {
  const region = await getRegion(code);
  if (!region) return null;
  const templateId = templateIdForYear(year);
  const [count, rows] = await Promise.all([
    db.regionYearTotal.findUnique({ where: { regionCode_year: { regionCode: code, year } }, select: { reportCount: true } }),
    db.$queryRaw<{ section: string; row: string; column: string; value: string }[]>`
      SELECT "section"::text AS "section", "row", "column", "value"::text AS "value"
      FROM "RegionCellTotal" WHERE "regionCode" = ${code} AND "year" = ${year}`,
  ]);
  const sums = new Map(rows.map((r) => [`${r.section}/${r.row}/${r.column}`, r.value]));
  const template = getTemplate(templateId);
  const sections = {} as DecimalSections;
  for (const section of SECTION_KEYS) {
    const out: Record<string, Record<string, string>> = {};
    for (const row of template.sections[section].rows) {
      const r: Record<string, string> = {};
      for (const col of row.columns) r[col.key] = formatDecimal(sums.get(`${section}/${row.key}/${col.key}`));
      out[row.key] = r;
    }
    sections[section] = out;
  }
  return { region, year, template: templateId, reportCount: count?.reportCount ?? 0, sections };
}

/** Top-level regions (provinces, or regions without a known parent) with their latest published year. */
export async function getRootRegions(): Promise<{ code: string; name: string; latestYear: number | null }[]> {
  return db.$queryRaw<{ code: string; name: string; latestYear: number | null }[]>`
    SELECT g."code", g."name",
      (SELECT max(y."year") FROM "RegionYearTotal" y WHERE y."regionCode" = g."code" AND y."reportCount" > 0) AS "latestYear"
    FROM "Region" g WHERE g."parentCode" IS NULL ORDER BY g."code"`;
}
