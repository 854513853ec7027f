// The region statistics roll-up against the truth: after first publications, a draft and
// corrections, RegionCellTotal / RegionYearTotal equal (1) the SUM computed by PostgreSQL
// over the current published snapshots and (2) the exact sum computed here from the
// exchange documents — counts, money to 0.000001 万元 and signed `change` included.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReportDocument } from "@/lib/exchange";
import { documentToCells } from "@/lib/exchange";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { createPublishedVersion } from "@/lib/server/reports/create-published-version";
import { importReport } from "@/lib/server/reports/import-report";
import { updateRegionRollup } from "@/lib/server/statistics/update-region-rollup";
import { decimalToUnits, formatDecimal, unitsToDecimal } from "@/lib/statistics/decimal";
import { cellsOf, emptySections, getTemplate, templateIdForYear } from "@/lib/templates";
import { freshDatabase } from "./db-helpers";

vi.mock("server-only", () => ({}));

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let stats: typeof import("@/lib/server/statistics/region-rollup");
const actor = { label: "test" };
const TX = { maxWait: 10_000, timeout: 30_000 };

const REGIONS = [
  { code: "650000", name: "测试自治区" },
  { code: "650100", name: "测试市" },
  { code: "650121", name: "甲县" },
  { code: "650122", name: "乙县" },
];

interface Figures {
  received: number;
  granted: number;
  amount: number | null;
  change: number | null;
  recon: number;
}

/** A valid report (every rule holds), derived cells left out. */
function report(agency: string, name: string, region: (typeof REGIONS)[number], year: number, f: Figures): ReportDocument {
  const templateId = templateIdForYear(year);
  const t = getTemplate(templateId);
  const s = emptySections(t, 0);
  s.applications.received!.naturalPerson = f.received;
  s.applications.granted!.naturalPerson = f.granted;
  s.applications["unavailable.notHeld"]!.naturalPerson = f.received - f.granted;
  s.applications.received!.legal = 2;
  s.applications.carriedForward!.legal = 2;
  s.reviewLitigation.reconsideration = { upheld: f.recon, corrected: 1, other: 0, pending: 0 };
  s.reviewLitigation.litigationDirect = { upheld: 0, corrected: 0, other: 1, pending: 1 };
  if (templateId === "2019") {
    s.proactive.procurement!.amount = f.amount;
    s.proactive.licensing!.change = f.change;
    s.proactive.penalties!.change = f.change === null ? null : -1;
  } else {
    s.proactive.fees!.amount = f.amount;
  }
  for (const cell of cellsOf(t)) if (cell.derived) delete s[cell.section][cell.row]![cell.column];
  return {
    format: "gov-info-disclosure-annual-report/v1",
    template: templateId,
    agency: { code: agency, name, region },
    year,
    issuedOn: `${year + 1}-01-20`,
    contact: { address: "地址", phone: "0951-1234567", email: "a@example.cn" },
    narrative: { overview: "总体情况", problems: "存在问题", other: "无" },
    ...s,
  } as ReportDocument;
}

async function publish(doc: ReportDocument) {
  const r = await importReport(ctx.db, doc, { publish: true, actor });
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.reportId;
}

/** A correction as the review workflow makes it: new cell values, then a new published version. */
async function correct(reportId: string, changes: { section: "proactive" | "applications" | "reviewLitigation"; row: string; column: string; value: string }[]) {
  await ctx.db.$transaction(async (tx) => {
    for (const c of changes) {
      await tx.reportCell.update({ where: { reportId_section_row_column: { reportId, section: c.section, row: c.row, column: c.column } }, data: { value: c.value } });
    }
    await createPublishedVersion(tx, reportId, actor, "更正");
  }, TX);
}

/**
 * A report published as printed (blank cells, money to the 分 = 6 places): the snapshot and
 * its roll-up written in one transaction exactly as createPublishedVersion does.
 */
async function publishSnapshot(reportId: string, doc: ReportDocument, previous: ReportDocument | null, versionNo: number) {
  await ctx.db.$transaction(async (tx) => {
    await tx.publishedVersion.create({ data: { reportId, versionNo, document: doc as unknown as Prisma.InputJsonValue } });
    await updateRegionRollup(tx, previous, doc);
  }, TX);
}

/** RegionCellTotal of a region and year: cell id → decimal text. */
async function rollup(code: string, year: number) {
  const rows = await ctx.db.$queryRaw<{ id: string; value: string }[]>`
    SELECT "section"::text || '/' || "row" || '/' || "column" AS id, "value"::text AS value
    FROM "RegionCellTotal" WHERE "regionCode" = ${code} AND "year" = ${year}`;
  return Object.fromEntries(rows.map((r) => [r.id, formatDecimal(r.value)]));
}

/** SUM by PostgreSQL over the current published snapshot of every report under the region. */
async function sumOverPublished(code: string, year: number) {
  const rows = await ctx.db.$queryRaw<{ id: string; value: string }[]>`
    WITH "current" AS (
      SELECT DISTINCT ON ("reportId") "reportId", "document" FROM "PublishedVersion" ORDER BY "reportId", "versionNo" DESC
    )
    SELECT s.key || '/' || rw.key || '/' || cl.key AS id, SUM(COALESCE((cl.value #>> '{}')::numeric, 0))::text AS value
    FROM "current" c
    JOIN "Report" r ON r.id = c."reportId"
    JOIN "Region" g ON g.code = c.document -> 'agency' -> 'region' ->> 'code'
    CROSS JOIN LATERAL jsonb_each(c.document) AS s(key, value)
    CROSS JOIN LATERAL jsonb_each(s.value) AS rw(key, value)
    CROSS JOIN LATERAL jsonb_each(rw.value) AS cl(key, value)
    WHERE s.key IN ('proactive', 'applications', 'reviewLitigation') AND r.year = ${year}
      AND g.path LIKE (SELECT path FROM "Region" WHERE code = ${code}) || '%'
    GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.id, formatDecimal(r.value)]));
}

/** The exact sum computed here from the documents (blank = 0). */
function sumOfDocuments(docs: ReportDocument[]) {
  const units = new Map<string, bigint>();
  for (const d of docs) {
    for (const c of documentToCells(d)) {
      const id = `${c.section}/${c.row}/${c.column}`;
      units.set(id, (units.get(id) ?? 0n) + (c.value === null ? 0n : decimalToUnits(String(c.value))));
    }
  }
  return Object.fromEntries([...units].map(([id, u]) => [id, unitsToDecimal(u)]));
}

/** The derived cells the exchange document would carry (what the snapshots hold). */
async function publishedDocument(reportId: string): Promise<ReportDocument> {
  const v = await ctx.db.publishedVersion.findFirstOrThrow({ where: { reportId }, orderBy: { versionNo: "desc" } });
  return v.document as unknown as ReportDocument;
}

async function reportCount(code: string, year: number) {
  const row = await ctx.db.regionYearTotal.findUnique({ where: { regionCode_year: { regionCode: code, year } } });
  return row?.reportCount ?? 0;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await freshDatabase("govreports_rollup");
  process.env.DATABASE_URL = ctx.url;
  stats = await import("@/lib/server/statistics/region-rollup");
  for (const r of REGIONS) await ensureRegion(ctx.db, r);
  const [, , jia, yi] = REGIONS;
  ids.a = await publish(report("650121100000", "甲县一镇", jia!, 2020, { received: 7, granted: 3, amount: 1234.5678, change: -3, recon: 2 }));
  ids.b = await publish(report("650121101000", "甲县二镇", jia!, 2020, { received: 4, granted: 4, amount: 0.0001, change: 5, recon: 0 }));
  ids.c = await publish(report("650122-zrzy", "乙县自然资源局", yi!, 2020, { received: 1, granted: 0, amount: 99.99, change: -10, recon: 1 }));
  // a draft in the same county and year: never counted
  const draft = await importReport(ctx.db, report("650121102000", "甲县三镇", jia!, 2020, { received: 100, granted: 50, amount: 5000, change: 9, recon: 9 }), { publish: false, actor });
  if (!draft.ok) throw new Error(draft.errors.join("\n"));
  ids.draft = draft.reportId;
  // a 2021-format report of another year
  ids.d = await publish(report("650121100000", "甲县一镇", jia!, 2021, { received: 2, granted: 2, amount: 0.5, change: null, recon: 0 }));
});
afterAll(async () => ctx?.drop());

async function expectRollupIsTheSum(code: string, year: number, reportIds: string[]) {
  const docs = await Promise.all(reportIds.map(publishedDocument));
  const expected = sumOfDocuments(docs);
  expect(await rollup(code, year)).toEqual(expected);
  expect(await sumOverPublished(code, year)).toEqual(expected);
  expect(await reportCount(code, year)).toBe(reportIds.length);
}

describe("region roll-up maintained on publish", () => {
  it("equals the sum over the published reports for the county, its city and province, per year; a draft never counts", async () => {
    await expectRollupIsTheSum("650121", 2020, [ids.a!, ids.b!]);
    await expectRollupIsTheSum("650122", 2020, [ids.c!]);
    await expectRollupIsTheSum("650100", 2020, [ids.a!, ids.b!, ids.c!]);
    await expectRollupIsTheSum("650000", 2020, [ids.a!, ids.b!, ids.c!]);
    await expectRollupIsTheSum("650000", 2021, [ids.d!]);
    const city = await rollup("650100", 2020);
    expect(city["applications/received/total"]).toBe("18"); // 7+2, 4+2, 1+2
    expect(city["proactive/procurement/amount"]).toBe("1334.5579");
    expect(city["proactive/licensing/change"]).toBe("-8");
    expect(city["proactive/penalties/change"]).toBe("-3");
    expect(city["reviewLitigation/reconsideration/total"]).toBe("6");
  });

  it("a correction subtracts the previous version and adds the new one", async () => {
    await correct(ids.a!, [
      { section: "proactive", row: "procurement", column: "amount", value: "34.5" },
      { section: "proactive", row: "licensing", column: "change", value: "-7" },
    ]);
    await expectRollupIsTheSum("650121", 2020, [ids.a!, ids.b!]);
    await expectRollupIsTheSum("650000", 2020, [ids.a!, ids.b!, ids.c!]);
    const province = await rollup("650000", 2020);
    expect(province["proactive/procurement/amount"]).toBe("134.4901");
    expect(province["proactive/licensing/change"]).toBe("-12");
    expect(await reportCount("650121", 2020)).toBe(2); // a correction is not another report
  });

  it("keeps money exact to 0.000001 万元 and blank cells as 0, through publication and correction", async () => {
    const [, , , yi] = REGIONS;
    const created = await importReport(ctx.db, report("650122100000", "乙县一镇", yi!, 2020, { received: 3, granted: 1, amount: 1, change: 1, recon: 0 }), { publish: false, actor });
    if (!created.ok) throw new Error(created.errors.join("\n"));
    ids.e = created.reportId;
    // as printed: amounts to the 分, one blank cell
    const asPrinted = report("650122100000", "乙县一镇", yi!, 2020, { received: 3, granted: 1, amount: 7539.443252, change: null, recon: 0 });
    asPrinted.proactive.licensing!.change = -4;
    await publishSnapshot(ids.e, asPrinted, null, 1);
    await expectRollupIsTheSum("650122", 2020, [ids.c!, ids.e]);
    await expectRollupIsTheSum("650000", 2020, [ids.a!, ids.b!, ids.c!, ids.e]);
    expect((await rollup("650000", 2020))["proactive/procurement/amount"]).toBe("7673.933352");

    const corrected = structuredClone(asPrinted);
    corrected.proactive.procurement!.amount = 0.000001;
    corrected.proactive.penalties!.change = 12;
    await publishSnapshot(ids.e, corrected, asPrinted, 2);
    await expectRollupIsTheSum("650100", 2020, [ids.a!, ids.b!, ids.c!, ids.e]);
    const city = await rollup("650100", 2020);
    expect(city["proactive/procurement/amount"]).toBe("134.490101");
    expect(city["proactive/penalties/change"]).toBe("9"); // -1 -1 -1 +12
  });
});

describe("reading the roll-up (GET /api/regions/CODE/YEAR's data)", () => {
  it("gives the region, year, report count and every cell of the year's template as exact decimal sums", async () => {
    const r = await stats.getRegionRollup("650100", 2020);
    expect(r).not.toBeNull();
    expect(r!.region).toMatchObject({ code: "650100", name: "测试市", level: "CITY", ancestors: [{ code: "650000", name: "测试自治区" }] });
    expect(r!.template).toBe("2019");
    expect(r!.reportCount).toBe(4);
    const expected: Record<string, Record<string, Record<string, string>>> = {};
    for (const [id, v] of Object.entries(await rollup("650100", 2020))) {
      const [section, row, column] = id.split("/") as [string, string, string];
      ((expected[section] ??= {})[row] ??= {})[column] = v;
    }
    expect(r!.sections).toEqual(expected);
    expect(r!.sections.proactive.procurement!.amount).toBe("134.490101");
  });

  it("gives zeros and reportCount 0 for a known region with nothing published, null for an unknown one", async () => {
    const r = await stats.getRegionRollup("650122", 2023);
    expect(r!.reportCount).toBe(0);
    expect(r!.template).toBe("2021");
    expect(r!.sections.proactive.fees).toEqual({ amount: "0" });
    expect(r!.sections.applications.handledTotal!.total).toBe("0");
    expect(await stats.getRegionRollup("659999", 2020)).toBeNull();
  });
});

describe("the key of a region's cached page (proxy.ts → app/published-regions/…)", () => {
  // each read is remembered for a second: step the clock past it between reads
  let clock = Date.now();
  const stampOf = async (code: string) => {
    clock += 2000;
    vi.spyOn(Date, "now").mockReturnValue(clock);
    const { currentRegionStamp } = await import("@/lib/server/cache/published-ref");
    return currentRegionStamp(code);
  };

  it("changes with a publication or correction under the region and with the directory, not otherwise", async () => {
    const [, , , yi] = REGIONS;
    const province = await stampOf("650000");
    const county = await stampOf("650121");
    expect(province).toMatch(/^\d+\.\d+-\d+-\d+$/);
    expect(await stampOf("650000")).toBe(province); // nothing changed

    // a correction in 乙县 changes 乙县, its city and province, but not 甲县
    await correct(ids.c!, [{ section: "proactive", row: "procurement", column: "amount", value: "100" }]);
    const afterYi = await stampOf("650000");
    expect(afterYi).not.toBe(province);
    expect(await stampOf("650121")).toBe(county);

    // one in 甲县 changes 甲县 and the province again
    await correct(ids.a!, [{ section: "proactive", row: "procurement", column: "amount", value: "35" }]);
    const jiaAfterCorrection = await stampOf("650121");
    expect(jiaAfterCorrection).not.toBe(county);
    const afterJia = await stampOf("650000");
    expect(afterJia).not.toBe(afterYi);

    // a new agency in 乙县 (the pages list those that have not published) changes every key
    const draft = await importReport(ctx.db, report("650122109000", "乙县九镇", yi!, 2020, { received: 1, granted: 1, amount: 1, change: 1, recon: 0 }), { publish: false, actor });
    if (!draft.ok) throw new Error(draft.errors.join("\n"));
    expect(await stampOf("650121")).not.toBe(jiaAfterCorrection);
    const afterCorrection = await stampOf("650000");
    expect(afterCorrection).not.toBe(afterJia);

    // renaming an agency (a name the pages show) changes every key
    await ctx.db.agency.update({ where: { code: "650121100000" }, data: { name: "甲县一镇（更名）" } });
    expect(await stampOf("650000")).not.toBe(afterCorrection);

    expect(await stampOf("659999")).toBeNull();
    vi.restoreAllMocks();
  });

  it("the listings (home, region, agency pages) move with a reporting year's change and with the day in China, without a publication", async () => {
    const { publicRouteKey } = await import("@/lib/server/cache/public-routes");
    // the listings count 应报 and 逾期 from the reporting years, and may count from today: a change
    // to either must reach the page, which the response cache answers without asking Next (no
    // revalidate could run)
    const noon = Date.parse("2026-06-01T12:00:00+08:00");
    const targets = async (now: number) => {
      clock += 2000;
      vi.spyOn(Date, "now").mockReturnValue(clock);
      const keys = await Promise.all(["/", "/regions/650121", "/agencies/650121101000"].map((p) => publicRouteKey(p, () => new URLSearchParams(), now)));
      return keys.map((k) => k!.target!);
    };
    const before = await targets(noon);
    expect(before[1]).toMatch(/^\/published-regions\/650121\/[\d.-]+\.20260601\/latest\//);
    // the same day, nothing changed: the same pages
    expect(await targets(noon + 6 * 3600_000)).toEqual(before);
    // a new reporting year (no publication, no directory change): what the region page shows
    // changes (应报 for that year), and so does every listing's key
    const { regionOnTimeRate } = await import("@/lib/server/statistics/region-lateness");
    expect((await regionOnTimeRate("650121", 2031)).due).toBe(0);
    await ctx.db.reportingYear.create({ data: { year: 2031, template: "T2021", deadline: new Date("2032-01-31") } });
    expect((await regionOnTimeRate("650121", 2031)).due).toBeGreaterThan(0);
    const afterNewYear = await targets(noon);
    for (const [i, target] of afterNewYear.entries()) expect(target, target).not.toBe(before[i]);
    // its deadline moved (按期 or 逾期 may change): every listing moves again
    await ctx.db.reportingYear.update({ where: { year: 2031 }, data: { deadline: new Date("2032-02-29") } });
    const afterYear = await targets(noon);
    for (const [i, target] of afterYear.entries()) expect(target, target).not.toBe(afterNewYear[i]);
    // midnight in China (16:00 UTC): every listing moves
    const nextDay = await targets(Date.parse("2026-06-02T00:00:00+08:00"));
    for (const [i, target] of nextDay.entries()) expect(target, target).not.toBe(afterYear[i]);
    expect(await targets(Date.parse("2026-06-01T23:59:59+08:00"))).toEqual(afterYear);
    vi.restoreAllMocks();
  });

  it("an agency's page key moves with its own publications, the home page's with any", async () => {
    const refs = await import("@/lib/server/cache/published-ref");
    const read = async <T>(f: () => Promise<T>) => {
      clock += 2000;
      vi.spyOn(Date, "now").mockReturnValue(clock);
      return f();
    };
    const jia = await read(() => refs.currentAgencyStamp("650121101000"));
    const yi = await read(() => refs.currentAgencyStamp("650122-zrzy"));
    const home = await read(() => refs.currentHomeStamp());
    await correct(ids.c!, [{ section: "proactive", row: "procurement", column: "amount", value: "101" }]);
    expect(await read(() => refs.currentAgencyStamp("650122-zrzy"))).not.toBe(yi);
    expect(await read(() => refs.currentAgencyStamp("650121101000"))).toBe(jia);
    expect(await read(() => refs.currentHomeStamp())).not.toBe(home);
    expect(await read(() => refs.currentAgencyStamp("no-such-agency"))).toBeNull();
    vi.restoreAllMocks();
  });

  it("the response cache's key is the ETag the page or download is sent with, and moves with a correction", async () => {
    const { responseCacheKey } = await import("@/lib/server/cache/response-cache-key");
    const { publicPageEtag } = await import("@/lib/server/cache/public-routes");
    const { openRegionDownload } = await import("@/lib/server/statistics/region-validators");
    const step = () => {
      clock += 2000;
      vi.spyOn(Date, "now").mockReturnValue(clock);
    };
    const key = async (pathname: string, headers = {}) => {
      step();
      return responseCacheKey(pathname, "", headers);
    };
    // the ETag the route itself answers with (lib/server/statistics/region-validators.ts)
    const downloadEtag = async (what: string) => {
      step();
      const opened = await openRegionDownload(new Request("http://app/api/regions/650000/2020"), Promise.resolve({ code: "650000", year: "2020" }), what);
      return opened instanceof Response ? null : opened.headers.ETag;
    };
    const versions = () => ctx.db.publishedVersion.count({ where: { report: { agency: { code: "650122-zrzy" }, year: 2020 } } });

    // paths without a key are left to Next at once, without a query
    expect(responseCacheKey("/login", "", {})).toBeNull();
    expect(responseCacheKey("/api/reports/650122-zrzy/2020", "", {})).toBeNull();
    expect(responseCacheKey("/api/regions/650000/2020/reports.zip", "", {})).toBeNull();

    const page = await key("/reports/650122-zrzy/2020");
    expect(page).toEqual({ etag: publicPageEtag(`/published/650122-zrzy/2020/${await versions()}`), key: `${page!.etag}|http` });
    const json = await key("/api/regions/650000/2020");
    const csv = await key("/api/regions/650000/2020/csv");
    expect(json!.etag).toBe(await downloadEtag("json"));
    expect(csv!.etag).toBe(await downloadEtag("csv"));
    expect(csv!.etag).not.toBe(json!.etag);

    await correct(ids.c!, [{ section: "proactive", row: "procurement", column: "amount", value: "102" }]);
    const corrected = await key("/reports/650122-zrzy/2020");
    expect(corrected!.etag).not.toBe(page!.etag);
    expect(corrected!.etag).toBe(publicPageEtag(`/published/650122-zrzy/2020/${await versions()}`));
    const csvAfter = await key("/api/regions/650000/2020/csv");
    expect(csvAfter!.etag).not.toBe(csv!.etag);
    expect(csvAfter!.etag).toBe(await downloadEtag("csv"));

    // nothing published: no key, Next answers the 404
    expect(await key("/reports/no-such-agency/2020")).toBeNull();
    expect(await key("/api/regions/659999/2020")).toBeNull();
    vi.restoreAllMocks();
  });
});
