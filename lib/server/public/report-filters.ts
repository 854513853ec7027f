// The filters of the public report list, as the URL carries them (/reports?q=…&region=…&agency=…&year=…&page=…).
// Pure functions: the page parses them, the search query takes the parsed values, links rebuild them.
import { safeString, z } from "@/lib/zod";
import { REGION_CODE } from "@/lib/codes";

export const REPORTS_PAGE_SIZE = 20;

export interface ReportFilters {
  /** words of the narrative, all of which must occur (split on white space) */
  q: string;
  /** an agency's name or code, or a part of them */
  agency: string;
  /** a region code (province, city or county): the region and everything under it */
  region: string;
  year: number | null;
  /** 1-based */
  page: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const text = (max: number) =>
  safeString()
    .transform((s) => s.replace(/\s+/g, " ").trim().slice(0, max))
    .catch("");

const filtersSchema = z.object({
  q: text(100),
  agency: text(60),
  region: safeString()
    .trim()
    .regex(REGION_CODE)
    .catch(""),
  year: z.coerce.number().int().min(1990).max(2999).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Anything malformed in the URL is dropped (treated as "no filter"), never an error page. */
export function parseReportFilters(params: SearchParams): ReportFilters {
  return filtersSchema.parse({
    q: first(params.q),
    agency: first(params.agency),
    region: first(params.region),
    year: first(params.year) === "" ? null : first(params.year),
    page: first(params.page) || 1,
  });
}

/** The query string of a list URL (empty filters left out), e.g. for pagination links. */
export function reportFiltersQuery(filters: Partial<ReportFilters>): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.agency) params.set("agency", filters.agency);
  if (filters.region) params.set("region", filters.region);
  if (filters.year) params.set("year", String(filters.year));
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The words of a full-text query: each must occur in the narrative. */
export function searchTerms(q: string): string[] {
  return [...new Set(q.split(" ").filter(Boolean))].slice(0, 8);
}

/** `%`, `_` and `\` match themselves in an ILIKE pattern. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function hasReportFilters(f: ReportFilters): boolean {
  return Boolean(f.q || f.agency || f.region || f.year);
}
