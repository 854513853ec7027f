// Code rules for regions and agencies, the one statement of them: the zod schemas, the admin
// forms, the CSV onboarding, the exchange format, the routes, proxy.ts and the scripts.

export type RegionLevelName = "PROVINCE" | "CITY" | "COUNTY";
export type AgencyKindName = "TOWNSHIP" | "DEPARTMENT";

export const REGION_LEVEL_LABELS: Record<RegionLevelName, string> = { PROVINCE: "省级", CITY: "市级", COUNTY: "县级" };
export const AGENCY_KIND_LABELS: Record<AgencyKindName, string> = { TOWNSHIP: "乡镇", DEPARTMENT: "部门" };

/** The patterns unanchored, for a route's path pattern (`/regions/(\d{6})`). */
export const CODE_PATTERN_SOURCE = {
  /** a region's 6-digit 行政区划代码 */
  region: String.raw`\d{6}`,
  /** any agency's code: a township's 12-digit 统计用区划代码 or a department's own code (640122-zrzy) */
  agency: String.raw`[0-9A-Za-z-]{2,40}`,
  /** a report year in a path */
  year: String.raw`\d{4}`,
} as const;

export const REGION_CODE = new RegExp(`^${CODE_PATTERN_SOURCE.region}$`);
export const AGENCY_CODE = new RegExp(`^${CODE_PATTERN_SOURCE.agency}$`);
export const TOWNSHIP_CODE = /^\d{12}$/;
export const YEAR_IN_PATH = new RegExp(`^${CODE_PATTERN_SOURCE.year}$`);

export const isRegionCode = (v: unknown): v is string => typeof v === "string" && REGION_CODE.test(v);
export const isAgencyCode = (v: unknown): v is string => typeof v === "string" && AGENCY_CODE.test(v);

/** Level from the 6-digit division code: 640000 province, 640100 city, 640122 county. */
export function levelOfRegionCode(code: string): RegionLevelName {
  if (code.endsWith("0000")) return "PROVINCE";
  if (code.endsWith("00")) return "CITY";
  return "COUNTY";
}

/** The region a code sits under in the division scheme (null for a province). */
export function expectedParentCode(code: string): string | null {
  switch (levelOfRegionCode(code)) {
    case "PROVINCE":
      return null;
    case "CITY":
      return `${code.slice(0, 2)}0000`;
    case "COUNTY":
      return `${code.slice(0, 4)}00`;
  }
}

/** Why a region code is not a usable division code, or null. */
export function regionCodeProblem(code: string): string | null {
  if (!REGION_CODE.test(code)) return "地区代码应为 6 位数字的行政区划代码。";
  if (code.startsWith("00")) return "地区代码的前两位（省级）不能为 00。";
  return null;
}

/**
 * Why an agency code does not fit its kind, or null. A township (乡镇) has the 12-digit
 * 统计用区划代码, which begins with its county's 6 digits; a department (部门) has its own
 * code of 2–40 letters, digits and “-” (e.g. 640122-zrzy).
 */
export function agencyCodeProblem(code: string, kind: AgencyKindName, regionCode?: string): string | null {
  if (kind === "TOWNSHIP") {
    if (!TOWNSHIP_CODE.test(code)) return "乡镇代码应为 12 位数字的统计用区划代码。";
    if (regionCode && REGION_CODE.test(regionCode) && levelOfRegionCode(regionCode) === "COUNTY" && !code.startsWith(regionCode))
      return `乡镇代码应以所属县级地区代码 ${regionCode} 开头。`;
    return null;
  }
  if (!AGENCY_CODE.test(code)) return "部门代码应为 2–40 位字母、数字或“-”。";
  return null;
}
