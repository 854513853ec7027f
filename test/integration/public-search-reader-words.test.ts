// The public search over what readers type: an agency's formal and usual names, the
// names of its region and the regions above it, and the row labels of the report's non-zero
// figures, in the same pg_trgm-indexed column as the narratives; ranked by where a word is found.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDocument } from "@/lib/exchange";
import type { ReportFilters } from "@/lib/server/public/report-filters";
import { searchPublishedReports } from "@/lib/server/public/search-published-reports";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { importReport } from "@/lib/server/reports/import-report";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const JINGUI = "640122101000";
const XIGANG = "640122100000";
const GOV_OFFICE = "640122-zfb";
const LINGWU = "640181100000";
const HELAN = { code: "640122", name: "贺兰县" };

/** The 2021-format fixture (行政许可 356 decisions) as another agency's report, with a narrative of its own. */
function report(code: string, name: string, overview: string, opts: { region?: { code: string; name: string }; licensing?: number } = {}): ReportDocument {
  const doc: ReportDocument = JSON.parse(fs.readFileSync("test/fixtures/zrzy-2022-format2021.json", "utf8"));
  const proactive = { ...doc.proactive, licensing: { ...doc.proactive.licensing, decisions: opts.licensing ?? 356 } };
  return { ...doc, agency: { code, name, region: opts.region ?? HELAN }, narrative: { ...doc.narrative, overview }, proactive };
}

async function publish(doc: ReportDocument) {
  const r = await importReport(ctx.db, doc, { publish: true, actor: { label: "test" } });
  if (!r.ok) throw new Error(r.errors.join("\n"));
}

const codes = async (q: string) =>
  (await searchPublishedReports(ctx.db, { q, agency: "", region: "", year: null, page: 1 } satisfies ReportFilters)).hits.map((h) => h.code);

beforeAll(async () => {
  ctx = await freshDatabase("govreports_search_reader");
  await ensureRegion(ctx.db, { code: "640000", name: "宁夏回族自治区" });
  await ensureRegion(ctx.db, { code: "640100", name: "银川市" });
  await ensureRegion(ctx.db, HELAN);
  await ensureRegion(ctx.db, { code: "640181", name: "灵武市" });
  // 金贵镇 reports 行政许可 decisions; 习岗镇 reports none but its narrative names 行政许可 and 金贵镇
  await publish(report(JINGUI, "贺兰县金贵镇", "本镇全年依法公开各类信息。"));
  await publish(report(XIGANG, "贺兰县习岗镇", "本镇无行政许可事项，与金贵镇共同推进政务公开。", { licensing: 0 }));
  await publish(report(GOV_OFFICE, "贺兰县政府办", "县政府办公开文件。", { licensing: 0 }));
  await publish(report(LINGWU, "灵武市城区街道", "街道全年公开信息。", { region: { code: "640181", name: "灵武市" }, licensing: 0 }));
});

afterAll(async () => {
  await ctx?.drop();
});

describe("search over what readers type", () => {
  it("an agency's formal name and its usual forms", async () => {
    expect(await codes("贺兰县金贵镇人民政府")).toEqual([JINGUI]);
    expect(await codes("金贵镇人民政府")).toEqual([JINGUI]);
    expect(await codes("金贵镇政府")).toEqual([JINGUI]);
    expect(await codes("贺兰县人民政府办公室")).toEqual([GOV_OFFICE]);
    expect(await codes("城区街道办事处")).toEqual([LINGWU]);
    expect(await codes("灵武市城区街道办事处")).toEqual([LINGWU]);
  });

  it("a short name finds the agency first, then the reports that only mention it", async () => {
    expect(await codes("金贵镇")).toEqual([JINGUI, XIGANG]);
  });

  it("region names: the agency's region and every region above it", async () => {
    expect((await codes("银川市")).sort()).toEqual([GOV_OFFICE, JINGUI, LINGWU, XIGANG].sort());
    expect((await codes("宁夏回族自治区")).length).toBe(4);
    expect(await codes("灵武市")).toEqual([LINGWU]);
    expect((await codes("贺兰县")).sort()).toEqual([GOV_OFFICE, JINGUI, XIGANG].sort());
  });

  it("row labels of the non-zero figures: 行政许可 finds the reports that report 行政许可 decisions, first", async () => {
    // 金贵镇 reports decisions (its row label); 习岗镇 only mentions the words; the others neither
    expect(await codes("行政许可")).toEqual([JINGUI, XIGANG]);
    // a figure's row together with a place
    expect(await codes("行政许可 金贵镇")).toEqual([JINGUI, XIGANG]);
    expect(await codes("行政许可 灵武市")).toEqual([]);
  });

  it("an excerpt only where the narrative holds the word", async () => {
    const r = await searchPublishedReports(ctx.db, { q: "行政许可", agency: "", region: "", year: null, page: 1 });
    const byCode = new Map(r.hits.map((h) => [h.code, h.excerpt]));
    expect(byCode.get(JINGUI)).toBeNull();
    expect(byCode.get(XIGANG)).toContain("无行政许可事项");
  });
});
