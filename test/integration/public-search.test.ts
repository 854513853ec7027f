// The public search reads only the current published version of each report: never a
// draft, a submission, a correction in progress, nor a superseded version's text.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDocument } from "@/lib/exchange";
import { listPublicRegions, listPublishedYears } from "@/lib/server/public/list-report-facets";
import { readPublishedReport } from "@/lib/server/public/read-published-report";
import { parseReportFilters, type ReportFilters } from "@/lib/server/public/report-filters";
import { searchPublishedReports } from "@/lib/server/public/search-published-reports";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { createPublishedVersion } from "@/lib/server/reports/create-published-version";
import { importReport } from "@/lib/server/reports/import-report";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const actor = { label: "test" };
const XIGANG = "640122100000";
const JINGUI = "640122101000";
const HONGGUANG = "640122103000";
const OTHER_COUNTY = "640181100000"; // 灵武市某镇: another county of 银川市

function fixture(): ReportDocument {
  return JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"));
}

function as(doc: ReportDocument, code: string, name: string, region = { code: "640122", name: "贺兰县" }, overviewExtra = ""): ReportDocument {
  return { ...doc, agency: { code, name, region }, narrative: { ...doc.narrative, overview: `${doc.narrative.overview}\n\n${overviewExtra}` } };
}

async function store(doc: ReportDocument, publish: boolean) {
  const r = await importReport(ctx.db, doc, { publish, actor });
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.reportId;
}

const search = (f: Partial<ReportFilters>, pageSize?: number) =>
  searchPublishedReports(ctx.db, { q: "", agency: "", region: "", year: null, page: 1, ...f }, { pageSize });

beforeAll(async () => {
  ctx = await freshDatabase("govreports_public_search");
  await ensureRegion(ctx.db, { code: "640000", name: "宁夏回族自治区" });
  await ensureRegion(ctx.db, { code: "640100", name: "银川市" });
  const doc = fixture();

  // 习岗镇: published, then corrected — version 1 says 旧版独有词语, version 2 says 新版独有词语
  const xigang = await store(as(doc, XIGANG, "贺兰县习岗镇", undefined, "**旧版独有词语**说明。"), true);
  await ctx.db.$transaction(async (tx) => {
    const report = await tx.report.findUniqueOrThrow({ where: { id: xigang } });
    await tx.report.update({ where: { id: xigang }, data: { overview: report.overview.replace("旧版独有词语", "新版独有词语") } });
    await createPublishedVersion(tx, xigang, actor, "更正了总体情况中的一处表述");
  });
  // …and then a correction in progress: edited, not yet published again
  const current = await ctx.db.report.findUniqueOrThrow({ where: { id: xigang } });
  await ctx.db.report.update({
    where: { id: xigang },
    data: { overview: `${current.overview}\n\n更正中草稿词语`, status: "SUBMITTED", correctionReason: "补充说明" },
  });

  // 金贵镇: a draft only (never published), with a year nobody has published
  await store(as({ ...doc, year: 2019, template: "2019" }, JINGUI, "贺兰县金贵镇", undefined, "草稿独有词语"), false);
  // 洪广镇: published 2020; another county's town: published 2020
  await store(as(doc, HONGGUANG, "贺兰县洪广镇", undefined, "洪广镇独有词语"), true);
  await ensureRegion(ctx.db, { code: "640181", name: "灵武市" });
  await store(as(doc, OTHER_COUNTY, "灵武市城区街道", { code: "640181", name: "灵武市" }, "灵武独有词语"), true);
});

afterAll(async () => {
  await ctx?.drop();
});

describe("public report search", () => {
  it("finds a report by a phrase of its narrative, as the reader sees it (Markdown marks left out)", async () => {
    const r = await search({ q: "通过政务微博发布政府信息38条" });
    expect(r.total).toBe(3);
    const bold = await search({ q: "管好用好微信公众号新平台。做强" }); // `**…。**做强` in the source
    expect(bold.total).toBe(3);
    const one = await search({ q: "洪广镇独有词语" });
    expect(one.hits.map((h) => h.code)).toEqual([HONGGUANG]);
    expect(one.hits[0]!.excerpt).toContain("洪广镇独有词语");
    // every word must occur
    expect((await search({ q: "政务微博 洪广镇独有词语" })).total).toBe(1);
    expect((await search({ q: "政务微博 不存在的词语组合" })).total).toBe(0);
  });

  it("reads the current version only: a superseded version's text is not found, the correction's is", async () => {
    expect((await search({ q: "旧版独有词语" })).total).toBe(0);
    const corrected = await search({ q: "新版独有词语" });
    expect(corrected.hits).toHaveLength(1);
    expect(corrected.hits[0]).toMatchObject({ code: XIGANG, versionNo: 2, issuedOn: "2021-01-20" });
    expect(corrected.hits[0]!.firstPublishedAt.getTime()).toBeLessThan(corrected.hits[0]!.publishedAt.getTime());
  });

  it("never reads a draft or a correction in progress", async () => {
    expect((await search({ q: "草稿独有词语" })).total).toBe(0);
    expect((await search({ q: "更正中草稿词语" })).total).toBe(0);
    expect((await search({ agency: "金贵" })).total).toBe(0);
    expect((await search({ agency: JINGUI })).total).toBe(0);
    expect((await search({ year: 2019 })).total).toBe(0);
    expect(await listPublishedYears(ctx.db)).toEqual([2020]);
    expect(await readPublishedReport(ctx.db, JINGUI, 2019)).toBeNull();
  });

  it("filters by agency name or code, region (with everything under it) and year", async () => {
    expect((await search({ agency: "习岗" })).hits.map((h) => h.code)).toEqual([XIGANG]);
    expect((await search({ agency: "640122103" })).hits.map((h) => h.code)).toEqual([HONGGUANG]);
    expect((await search({ region: "640122" })).hits.map((h) => h.code).sort()).toEqual([XIGANG, HONGGUANG].sort());
    expect((await search({ region: "640181" })).hits.map((h) => h.code)).toEqual([OTHER_COUNTY]);
    expect((await search({ region: "640100" })).total).toBe(3);
    expect((await search({ region: "640000", year: 2020 })).total).toBe(3);
    expect((await search({ region: "650000" })).total).toBe(0);
    expect((await search({ year: 2020, agency: "灵武" })).hits.map((h) => h.code)).toEqual([OTHER_COUNTY]);
  });

  it("takes LIKE wildcards in the query literally", async () => {
    expect((await search({ q: "%政务微博%" })).total).toBe(0);
    expect((await search({ agency: "_" })).total).toBe(0);
  });

  it("pages through the results", async () => {
    const first = await search({ page: 1 }, 2);
    expect(first).toMatchObject({ total: 3, page: 1, pageCount: 2 });
    expect(first.hits).toHaveLength(2);
    const second = await search({ page: 2 }, 2);
    expect(second.hits).toHaveLength(1);
    const all = [...first.hits, ...second.hits].map((h) => h.code);
    expect(new Set(all).size).toBe(3);
    const beyond = await search({ page: 5 }, 2);
    expect(beyond).toMatchObject({ total: 3, hits: [] });
  });

  it("counts published reports in the region tree; a region with only drafts is absent", async () => {
    const regions = await listPublicRegions(ctx.db);
    expect(regions.map((r) => [r.code, r.depth, r.reportCount])).toEqual([
      ["640000", 0, 3],
      ["640100", 1, 3],
      ["640122", 2, 2],
      ["640181", 2, 1],
    ]);
  });

  it("reads an earlier version with the history; the current one knows it is current", async () => {
    const current = await readPublishedReport(ctx.db, XIGANG, 2020);
    expect(current).toMatchObject({ versionNo: 2, currentVersionNo: 2, isCurrent: true });
    expect(current!.versions.map((v) => [v.versionNo, v.changeNote])).toEqual([
      [1, null],
      [2, "更正了总体情况中的一处表述"],
    ]);
    expect(current!.document.narrative.overview).toContain("新版独有词语");
    expect(current!.document.narrative.overview).not.toContain("更正中草稿词语");
    const first = await readPublishedReport(ctx.db, XIGANG, 2020, 1);
    expect(first).toMatchObject({ versionNo: 1, isCurrent: false });
    expect(first!.document.narrative.overview).toContain("旧版独有词语");
    expect(await readPublishedReport(ctx.db, XIGANG, 2020, 3)).toBeNull();
  });
});

describe("report list filters from the URL", () => {
  it("keeps what is valid and drops the rest", () => {
    expect(parseReportFilters({ q: "  政务   微博 ", agency: "习岗", region: "640122", year: "2020", page: "3" })).toEqual({
      q: "政务 微博",
      agency: "习岗",
      region: "640122",
      year: 2020,
      page: 3,
    });
    expect(parseReportFilters({ region: "64'; drop", year: "abc", page: "-1" })).toEqual({ q: "", agency: "", region: "", year: null, page: 1 });
    expect(parseReportFilters({ q: ["a", "b"] }).q).toBe("a");
  });
});
