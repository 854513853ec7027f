// How a region page sorts its agencies: parsed the same way by the page and by proxy.ts,
// which puts the parsed (never the raw) values into the cached page's URL.
import { KEY_FIGURES } from "./key-figures";

export const AGENCY_SORTS = ["name", ...KEY_FIGURES.map((f) => f.key), "grantedShare"] as const;
export type AgencySort = (typeof AGENCY_SORTS)[number];

export function parseAgencySort(sort: string | undefined | null, dir: string | undefined | null): { sort: AgencySort; dir: "asc" | "desc" } {
  const s = (AGENCY_SORTS as readonly string[]).includes(sort ?? "") ? (sort as AgencySort) : "name";
  return { sort: s, dir: dir === "desc" ? "desc" : "asc" };
}
