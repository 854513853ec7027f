import { describe, expect, it } from "vitest";
import { cellId } from "@/lib/templates";
import { grantedShare, narrativeCaseMentions, qualityFlags, shareRange, type Figures, type QualityInput } from "@/lib/quality/flags";

const A = (row: string, column: string) => cellId("applications", row, column);
const R = (row: string, column: string) => cellId("reviewLitigation", row, column);

function input(figures: Figures, extra: Partial<QualityInput> = {}): QualityInput {
  return { template: "2021", figures, narrative: { overview: "", problems: "", other: "" }, lastYear: null, ...extra };
}
const ids = (i: QualityInput, range = null as ReturnType<typeof shareRange>) => qualityFlags(i, range).map((f) => f.id);

describe("zeroTablesNarrative", () => {
  it("flags all-zero tables beside a narrative that states applications", () => {
    const flags = qualityFlags(input({}, { narrative: { overview: "全年共受理政府信息公开申请 12 件，均按时答复。" } }), null);
    expect(flags.map((f) => f.id)).toEqual(["zeroTablesNarrative"]);
    expect(flags[0]!.message).toContain("受理政府信息公开申请 12 件");
  });
  it("does not flag a narrative that says there were none, nor tables with figures", () => {
    expect(ids(input({}, { narrative: { overview: "本年度未收到政府信息公开申请，行政复议 0 件。" } }))).toEqual([]);
    expect(ids(input({ [A("received", "naturalPerson")]: 12 }, { narrative: { overview: "受理申请 12 件" } }))).not.toContain("zeroTablesNarrative");
  });
  it("finds only positive counts in sentences about applications or cases", () => {
    expect(narrativeCaseMentions({ overview: "主动公开信息 300 条。发生行政诉讼 2 起" })).toEqual(["发生行政诉讼 2 起"]);
  });
});

describe("jumpFromLastYear", () => {
  const last = { template: "2021" as const, figures: { [A("received", "naturalPerson")]: 3 } };
  it("flags a figure more than 5 times and more than 20 above last year's", () => {
    const flags = qualityFlags(input({ [A("received", "naturalPerson")]: 30, [A("granted", "naturalPerson")]: 30 }, { lastYear: last }), null);
    const jump = flags.filter((f) => f.id === "jumpFromLastYear");
    expect(jump.map((f) => f.cells)).toEqual([[A("received", "naturalPerson")], [A("granted", "naturalPerson")]]);
    expect(jump[0]!.message).toContain("一、本年新收政府信息公开申请数量 自然人");
    expect(jump[0]!.message).toContain("由上年的 3 变为 30");
  });
  it("needs both the factor and the difference", () => {
    expect(ids(input({ [A("received", "naturalPerson")]: 15 }, { lastYear: { template: "2021", figures: { [A("received", "naturalPerson")]: 2 } } }))).not.toContain("jumpFromLastYear"); // ×7.5 but +13
    expect(ids(input({ [A("received", "naturalPerson")]: 100 }, { lastYear: { template: "2021", figures: { [A("received", "naturalPerson")]: 40 } } }))).not.toContain("jumpFromLastYear"); // +60 but ×2.5
  });
  it("flags drops too, and is silent without last year's report", () => {
    expect(ids(input({}, { lastYear: { template: "2021", figures: { [R("reconsideration", "upheld")]: 25 } } }))).toContain("jumpFromLastYear");
    expect(ids(input({ [A("received", "naturalPerson")]: 300 }))).toEqual([]);
  });
});

describe("carryOverMismatch", () => {
  it("flags 上年结转 that differs from last year's 结转", () => {
    const flags = qualityFlags(
      input({ [A("carriedOver", "naturalPerson")]: 2 }, { lastYear: { template: "2021", figures: { [A("carriedForward", "naturalPerson")]: 1, [A("carriedForward", "legal")]: 1 } } }),
      null,
    ).filter((f) => f.id === "carryOverMismatch");
    expect(flags).toHaveLength(1);
    expect(flags[0]!.cells).toEqual([A("carriedOver", "naturalPerson"), A("carriedOver", "legal")]);
    expect(flags[0]!.message).toContain("自然人 2");
  });
  it("is silent when they agree", () => {
    expect(ids(input({ [A("carriedOver", "legal")]: 1 }, { lastYear: { template: "2019", figures: { [A("carriedForward", "legal")]: 1 } } }))).toEqual([]);
  });
});

describe("casesWithoutApplications", () => {
  it("flags 复议/诉讼 when no application was received this year or last", () => {
    const flags = qualityFlags(input({ [R("litigationDirect", "upheld")]: 2 }, { lastYear: { template: "2021", figures: {} } }), null);
    expect(flags.map((f) => f.id)).toEqual(["casesWithoutApplications"]);
    expect(flags[0]!.message).toContain("2 件");
  });
  it("is silent when last year had applications or is unknown", () => {
    expect(ids(input({ [R("litigationDirect", "upheld")]: 2 }, { lastYear: { template: "2021", figures: { [A("received", "legal")]: 1 } } }))).toEqual([]);
    expect(ids(input({ [R("litigationDirect", "upheld")]: 2 }))).toEqual([]);
  });
});

describe("grantedShareOutlier", () => {
  const withShare = (granted: number, other: number): Figures => ({ [A("granted", "naturalPerson")]: granted, [A("unavailable.notHeld", "naturalPerson")]: other });
  const regionShares = [0.5, 0.55, 0.6, 0.6, 0.62, 0.65, 0.7, 0.7, 0.75];
  it("computes the share of 予以公开 among all results", () => {
    expect(grantedShare("2021", withShare(3, 1))).toBe(0.75);
    expect(grantedShare("2021", {})).toBeNull();
  });
  it("flags a share outside the region's interquartile range by 1.5×IQR", () => {
    const range = shareRange(regionShares)!;
    expect(range.q1).toBeCloseTo(0.6);
    expect(range.q3).toBeCloseTo(0.7);
    const low = qualityFlags(input(withShare(1, 9)), range);
    expect(low.map((f) => f.id)).toEqual(["grantedShareOutlier"]);
    expect(low[0]!.message).toContain("10.0%");
    expect(low[0]!.message).toContain("低");
    expect(ids(input(withShare(13, 7)), range)).toEqual([]);
  });
  it("needs enough reports", () => {
    expect(shareRange(regionShares.slice(0, 7))).toBeNull();
    expect(shareRange([...regionShares.slice(0, 7), null, null])).toBeNull();
  });
});
