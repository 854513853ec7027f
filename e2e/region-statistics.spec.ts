// Region statistics and open data, read back through the browser and HTTP: three reports
// published with the real CLI under a region of their own (西夏区 640105, so that other
// specs publishing under 贺兰县 never change these sums), and a draft that must never count.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import JSZip from "jszip";
import { documentToCells, exportDocument, type ReportDocument } from "@/lib/exchange";
import { textToMicros, microsToText } from "@/lib/templates/decimal";
import { cellsOf, emptySections, getTemplate } from "@/lib/templates";
import { cli } from "./helpers";

// serial: the tests read what beforeAll publishes once; pages render charts on the server
test.describe.configure({ mode: "serial", timeout: 90_000 });

const REGION = { code: "640105", name: "西夏区" };
const YEAR = 2020;

interface Figures {
  received: number;
  granted: number;
  amount: number;
  change: number;
  recon: number;
}

/** A valid 2019-format report (every rule holds), derived cells filled as an export has them. */
function report(code: string, name: string, f: Figures): ReportDocument {
  const t = getTemplate("2019");
  const s = emptySections(t, 0);
  s.applications.received!.naturalPerson = f.received;
  s.applications.received!.legal = 2;
  s.applications.granted!.naturalPerson = f.granted;
  s.applications["unavailable.notHeld"]!.naturalPerson = f.received - f.granted;
  s.applications.carriedForward!.legal = 2;
  s.proactive.procurement = { projects: 3, amount: f.amount };
  s.proactive.licensing = { previous: 20, change: f.change, decisions: 40 };
  s.proactive.penalties = { previous: 5, change: -1, decisions: 9 };
  s.reviewLitigation.reconsideration = { upheld: f.recon, corrected: 1, other: 0, pending: 0 };
  s.reviewLitigation.litigationDirect = { upheld: 0, corrected: 0, other: 1, pending: 1 };
  for (const cell of cellsOf(t)) if (cell.derived) delete s[cell.section][cell.row]![cell.column];
  return exportDocument({
    format: "gov-info-disclosure-annual-report/v1",
    template: "2019",
    agency: { code, name, region: REGION },
    year: YEAR,
    issuedOn: "2021-01-20",
    contact: { address: "银川市西夏区", phone: "0951-1234567", email: "xixia@example.cn" },
    narrative: { overview: "总体情况", problems: "存在问题", other: "无" },
    ...s,
  } as ReportDocument);
}

const PUBLISHED = [
  report("640105001000", "西夏区统计一街道", { received: 7, granted: 3, amount: 1234.5678, change: -3, recon: 2 }),
  report("640105002000", "西夏区统计二街道", { received: 4, granted: 4, amount: 0.0001, change: 5, recon: 0 }),
  report("640105-tjzy", "西夏区统计自然资源局", { received: 1, granted: 0, amount: 99.99, change: -10, recon: 1 }),
];
const DRAFT = report("640105003000", "西夏区统计三街道", { received: 100, granted: 50, amount: 5000, change: 9, recon: 9 });

/** cell id → the exact sum over the published reports, as the statistics print it. */
const EXPECTED = (() => {
  const units = new Map<string, bigint>();
  for (const doc of PUBLISHED) {
    for (const c of documentToCells(doc)) {
      const id = `${c.section}/${c.row}/${c.column}`;
      units.set(id, (units.get(id) ?? 0n) + (c.value === null ? 0n : textToMicros(String(c.value))));
    }
  }
  return new Map([...units].map(([id, u]) => [id, microsToText(u)]));
})();

function importWithCli(file: string, publish: boolean) {
  return publish ? cli("import", file, "--publish") : cli("import", file);
}

test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "region-stats-"));
  try {
    for (const [doc, publish] of [...PUBLISHED.map((d) => [d, true] as const), [DRAFT, false] as const]) {
      const file = path.join(dir, `${doc.agency.code}.json`);
      fs.writeFileSync(file, JSON.stringify(doc));
      const r = await importWithCli(file, publish);
      expect(r.status, r.output).toBe(0);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function csvRecords(body: Buffer) {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
  return parse(body.subarray(3).toString("utf8"), { columns: true }) as Record<string, string>[];
}

async function summedCellsOnPage(page: Page) {
  return page.locator("table.official td[data-cell]").evaluateAll((tds) =>
    tds.map((td) => [td.getAttribute("data-cell")!, td.textContent!.trim()] as const),
  );
}

test("the region page sums every cell of 二、三、四 over the published reports, never the draft", async ({ page }) => {
  await page.goto(`/regions/${REGION.code}?year=${YEAR}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`西夏区${YEAR}年度政府信息公开工作统计`);
  await expect(page.getByTestId("report-count")).toHaveText("3");
  const cells = await summedCellsOnPage(page);
  expect(cells).toHaveLength(EXPECTED.size);
  expect(new Map(cells)).toEqual(EXPECTED);
  expect(EXPECTED.get("proactive/procurement/amount")).toBe("1334.5579");
  expect(EXPECTED.get("proactive/licensing/change")).toBe("-8");
  expect(EXPECTED.get("applications/received/total")).toBe("18"); // the draft's 102 never counts

  // the share of each 办理结果 of （七）总计 (7 予以公开 of 12)
  const shares = page.getByRole("table", { name: /办理结果占比/ });
  await expect(shares.getByRole("row", { name: /（一）予以公开/ })).toContainText("58.3%");
  // the draft's agency is listed as not having published
  await expect(page.getByRole("list", { name: "尚未发布的单位" })).toContainText("西夏区统计三街道");
  const agencies = page.getByRole("table", { name: /已发布报告的单位/ });
  await expect(agencies.getByRole("row")).toHaveCount(4);
  await expect(agencies).not.toContainText("西夏区统计三街道");
});

test("the per-agency table sorts through the URL, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/regions/${REGION.code}?year=${YEAR}`);
  await page.getByRole("link", { name: "新收申请" }).click();
  await expect(page).toHaveURL(/sort=received&dir=desc/);
  const names = page.getByRole("table", { name: /已发布报告的单位/ }).locator("tbody th a:first-child");
  await expect(names).toHaveText(["西夏区统计一街道", "西夏区统计二街道", "西夏区统计自然资源局"]);
  await page.getByRole("link", { name: /新收申请/ }).click();
  await expect(page).toHaveURL(/sort=received&dir=asc/);
  await expect(names).toHaveText(["西夏区统计自然资源局", "西夏区统计二街道", "西夏区统计一街道"]);
  await context.close();
});

test("trends are server-rendered SVG charts with a text alternative and a data table", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/regions/${REGION.code}?year=${YEAR}`);
  const chart = page.getByRole("img", { name: /西夏区历年政府信息公开申请与办理/ });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  await expect(page.getByRole("figure", { name: /西夏区历年政府信息公开申请与办理/ })).toContainText(`${YEAR}：新收申请 18件`);
  const data = page.getByRole("table", { name: "西夏区历年政府信息公开申请与办理（数据表）" });
  await expect(data.getByRole("row", { name: String(YEAR) })).toContainText("18");
  await context.close();
});

/**
 * The ETag under which `url` answers 304. Tests running beside this one publish and change the
 * directory: when the page moves on between the two requests, its ETag must have moved with
 * it, and the 304 is asked for again.
 */
async function revalidatedEtag(request: APIRequestContext, url: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const first = await request.get(url);
    expect(first.status(), url).toBe(200);
    const etag = first.headers()["etag"]!;
    expect(etag, url).toMatch(/^"[\w-]+"$/);
    const again = await request.get(url, { headers: { "If-None-Match": etag } });
    if (again.status() === 200) {
      expect(again.headers()["etag"], `${url} answered 200 to its own ETag`).not.toBe(etag);
      continue;
    }
    expect(again.status(), url).toBe(304);
    expect(again.headers()["etag"], url).toBe(etag);
    expect(await again.text(), url).toBe("");
    return etag;
  }
  throw new Error(`${url} never answered 304`);
}

test("the cached public pages answer 304 to their own ETag, and browsers always ask again", async ({ request }) => {
  const pages = ["/", `/regions/${REGION.code}`, `/regions/${REGION.code}?year=${YEAR}`, "/agencies/640122100000", "/reports/640122100000/2020"];
  const etags = new Set<string>();
  for (const url of pages) {
    const first = await request.get(url);
    expect(first.headers()["cache-control"], url).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=300");
    etags.add(await revalidatedEtag(request, url));
    const other = await request.get(url, { headers: { "If-None-Match": '"something-else"' } });
    expect(other.status(), url).toBe(200);
    expect(other.headers()["etag"], url).toMatch(/^"[\w-]+"$/);
  }
  // each page (and each query of the region page) has its own validator
  expect(etags.size).toBe(pages.length);
  // pages that are not cached carry none
  expect((await request.get("/reports/640122100000/1999")).headers()["etag"]).toBeUndefined();
});

test("the roll-up API and its CSV hold the same sums; the CSV downloads from the page @smoke", async ({ page, request }) => {
  const api = await request.get(`/api/regions/${REGION.code}/${YEAR}`);
  expect(api.status()).toBe(200);
  expect(api.headers()["cache-control"]).toContain("public");
  const json = await api.json();
  expect(json).toMatchObject({ region: { code: REGION.code, name: REGION.name }, year: YEAR, template: "2019", reportCount: 3 });
  for (const [id, value] of EXPECTED) {
    const [section, row, column] = id.split("/") as [string, string, string];
    expect(json[section][row][column], id).toBe(Number(value));
  }
  const apiText = await api.text();
  expect(apiText).toContain('"amount": 1334.5579');
  // a client that holds these bytes gets 304, for the JSON and for each download
  for (const path of ["", "/csv", "/figures.csv", "/reports.zip"]) {
    const url = `/api/regions/${REGION.code}/${YEAR}${path}`;
    await revalidatedEtag(request, url);
    expect((await request.get(url, { headers: { "If-None-Match": '"something-else"' } })).status(), url).toBe(200);
  }

  await page.goto(`/regions/${REGION.code}?year=${YEAR}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "汇总数据（CSV）" }).click();
  const download = await downloading;
  const records = await csvRecords(fs.readFileSync((await download.path())!));
  expect(records).toHaveLength(EXPECTED.size);
  for (const r of records) {
    expect(r).toMatchObject({ region_code: REGION.code, year: String(YEAR), report_count: "3" });
    expect(r.value, `${r.section}/${r.row}/${r.column}`).toBe(EXPECTED.get(`${r.section}/${r.row}/${r.column}`));
  }
});

test("open data: the long CSV and the ZIP hold every published report's figures and documents, never the draft", async ({ request }) => {
  const csv = await request.get(`/api/regions/${REGION.code}/${YEAR}/figures.csv`);
  expect(csv.status()).toBe(200);
  const records = await csvRecords(await csv.body());
  const cellCount = cellsOf(getTemplate("2019")).length;
  expect(records).toHaveLength(PUBLISHED.length * cellCount);
  // the long-form columns of a report's own CSV download
  expect(Object.keys(records[0]!)).toEqual(["单位代码", "单位名称", "年度", "模板", "部分", "行", "列", "部分名称", "行名称", "列名称", "计量单位", "数值"]);
  expect(new Set(records.map((r) => r["单位代码"]))).toEqual(new Set(PUBLISHED.map((d) => d.agency.code)));
  for (const doc of PUBLISHED) {
    for (const c of documentToCells(doc)) {
      const line = records.find((r) => r["单位代码"] === doc.agency.code && r["部分"] === c.section && r["行"] === c.row && r["列"] === c.column);
      expect(line?.["数值"], `${doc.agency.code} ${c.section}/${c.row}/${c.column}`).toBe(String(c.value));
    }
  }
  // the long CSV sums to the roll-up
  const sums = new Map<string, bigint>();
  for (const r of records) sums.set(`${r["部分"]}/${r["行"]}/${r["列"]}`, (sums.get(`${r["部分"]}/${r["行"]}/${r["列"]}`) ?? 0n) + textToMicros(r["数值"]!));
  expect(new Map([...sums].map(([k, u]) => [k, microsToText(u)]))).toEqual(EXPECTED);

  const zipResponse = await request.get(`/api/regions/${REGION.code}/${YEAR}/reports.zip`);
  expect(zipResponse.status()).toBe(200);
  expect(zipResponse.headers()["content-type"]).toBe("application/zip");
  const zip = await JSZip.loadAsync(await zipResponse.body());
  expect(Object.keys(zip.files).sort()).toEqual(PUBLISHED.map((d) => `${d.agency.code}-${YEAR}.json`).sort());
  for (const doc of PUBLISHED) {
    expect(JSON.parse(await zip.file(`${doc.agency.code}-${YEAR}.json`)!.async("string"))).toEqual(doc);
  }
});

test("an unknown region is a 404 with a Chinese message; a known region without publications has zeros", async ({ request, page }) => {
  const missing = await request.get(`/api/regions/999999/${YEAR}`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toContain("地区不存在");
  expect((await request.get(`/api/regions/999999/${YEAR}/csv`)).status()).toBe(404);
  expect((await page.goto("/regions/999999"))?.status()).toBe(404);

  const empty = await (await request.get(`/api/regions/${REGION.code}/2019`)).json();
  expect(empty.reportCount).toBe(0);
  expect(empty.applications.received.total).toBe(0);
});

test("an agency's published years side by side, with a chart and links to each report", async ({ page }) => {
  await page.goto("/agencies/640105001000");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("西夏区统计一街道历年政府信息公开数据");
  const table = page.getByRole("table", { name: /各年度主要数据/ });
  await expect(table.getByRole("row", { name: /本年新收政府信息公开申请数量/ })).toContainText("9");
  await expect(page.getByRole("img", { name: /西夏区统计一街道历年/ })).toBeVisible();
  await page.getByRole("link", { name: `${YEAR} 年度报告` }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/640105001000/${YEAR}$`));
  // a draft-only agency has no published years
  await page.goto("/agencies/640105003000");
  await expect(page.getByText("该单位暂无已公开发布的年度报告。")).toBeVisible();
});

test("the /data page explains formats and licence and links to the downloads", async ({ page }) => {
  await page.goto("/data");
  await expect(page.getByRole("heading", { name: "数据使用许可" })).toBeVisible();
  await expect(page.getByText(/CC BY 4\.0/)).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "单位代码", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "宁夏回族自治区统计" })).toBeVisible();
});

