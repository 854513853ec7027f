// The one statement of agency and region codes (lib/codes.ts): what each pattern accepts,
// whole codes only, for the zod schemas, the routes and the scripts alike.
import { describe, expect, it } from "vitest";
import { AGENCY_CODE, CODE_PATTERN_SOURCE, isAgencyCode, isRegionCode, REGION_CODE, TOWNSHIP_CODE, YEAR_IN_PATH } from "@/lib/codes";

describe("code patterns", () => {
  it("a region code is six digits, whole", () => {
    for (const ok of ["640000", "640122"]) expect(isRegionCode(ok)).toBe(true);
    for (const bad of ["64012", "6401220", "64012a", " 640122", "640122\n", null, 640122]) expect(isRegionCode(bad)).toBe(false);
  });

  it("an agency code is a township's twelve digits or a department's 2–40 letters, digits and “-”", () => {
    for (const ok of ["640122100000", "640122-zrzy", "ab"]) expect(isAgencyCode(ok)).toBe(true);
    for (const bad of ["a", "x".repeat(41), "640122_zrzy", "贺兰", "../etc", undefined]) expect(isAgencyCode(bad)).toBe(false);
    expect(TOWNSHIP_CODE.test("640122100000")).toBe(true);
    expect(TOWNSHIP_CODE.test("640122-zrzy")).toBe(false);
  });

  it("the unanchored sources make the same patterns inside a route's path", () => {
    const report = new RegExp(`^/reports/(${CODE_PATTERN_SOURCE.agency})/(${CODE_PATTERN_SOURCE.year})$`);
    expect(report.exec("/reports/640122-zrzy/2020")?.slice(1)).toEqual(["640122-zrzy", "2020"]);
    expect(report.test("/reports/640122-zrzy/20201")).toBe(false);
    expect(REGION_CODE.source).toBe(`^${CODE_PATTERN_SOURCE.region}$`);
    expect(AGENCY_CODE.source).toBe(`^${CODE_PATTERN_SOURCE.agency}$`);
    expect(YEAR_IN_PATH.test("2020")).toBe(true);
    expect(YEAR_IN_PATH.test("20")).toBe(false);
  });
});
