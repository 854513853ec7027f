// The public site as a reader uses it: find a report, read it in the official layout, see
// its dates and versions, print it; nothing unpublished ever shows (axe checks every public page
// type in e2e/accessibility.spec.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { cli, PART_TITLES, settled } from "./helpers";
import { withDb } from "./security-helpers";

type Doc = {
  agency: { code: string; name: string; region: { code: string; name: string } };
  year: number;
  template: string;
  narrative: { overview: string; problems: string; other: string };
  [section: string]: unknown;
};

// whole report pages with a few hundred cells: give a busy machine time
test.describe.configure({ timeout: 90_000 });

const SEED = "data/fixtures/xigang-2020.json";
const FORMAT_2021 = "test/fixtures/zrzy-2022-format2021.json";
const SEED_URL = "/reports/640122100000/2020";

const readDoc = (file: string): Doc => JSON.parse(fs.readFileSync(file, "utf8"));

/** The report CLI on the e2e database (import without --publish stores a draft). */
async function importDocs(...args: string[]) {
  const r = await cli(...args);
  if (r.status !== 0) throw new Error(`npm run cli -- ${args[0]} failed:
${r.output}`);
}

function writeDocs(prefix: string, docs: Doc[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return docs.map((doc, i) => {
    const file = path.join(dir, `${i}.json`);
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
  });
}

function variant(code: string, name: string, region: { code: string; name: string }, overviewExtra: string, base = readDoc(SEED)): Doc {
  return { ...base, agency: { code, name, region }, narrative: { ...base.narrative, overview: `${base.narrative.overview}\n\n${overviewExtra}` } };
}



/** Every figure of the document is printed in its own cell (derived cells left out of a file are computed). */
async function expectEveryNumberInItsCell(page: Page, doc: Doc) {
  const shown = await page.locator("[data-cell]").evaluateAll((cells) =>
    Object.fromEntries(cells.map((c) => [c.getAttribute("data-cell"), c.textContent])),
  );
  const expected: Record<string, string> = {};
  for (const section of ["proactive", "applications", "reviewLitigation"]) {
    for (const [row, cols] of Object.entries(doc[section] as Record<string, Record<string, number>>)) {
      for (const [col, value] of Object.entries(cols)) expected[`${section}/${row}/${col}`] = String(value);
    }
  }
  expect(Object.keys(expected).length).toBeGreaterThan(100);
  expect(Object.fromEntries(Object.keys(expected).map((id) => [id, shown[id]]))).toEqual(expected);
}

test("习岗镇 2020 年报告：正式版式、合并表头、每个数字在其单元格、加粗正确显示、两个日期分别标明", async ({ page }) => {
  const doc = readDoc(SEED);
  await page.goto(SEED_URL);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("贺兰县习岗镇2020年政府信息公开工作年度报告");
  const h2 = await page.locator("article.report-document h2").allTextContents();
  expect(h2).toEqual(PART_TITLES);
  await expectEveryNumberInItsCell(page, doc);

  // merged header cells of the official forms
  const applications = page.getByRole("table", { name: "三、收到和处理政府信息公开申请情况" });
  await expect(applications.locator("th", { hasText: /^申请人情况$/ })).toHaveAttribute("colspan", "6");
  await expect(applications.locator("th", { hasText: /^法人或其他组织$/ })).toHaveAttribute("colspan", "5");
  await expect(applications.locator("th", { hasText: /^三、本年度办理结果$/ })).toHaveAttribute("rowspan", /^(1[0-9]|2[0-9])$/);
  await expect(applications.locator("thead th[scope=col]", { hasText: /^商业企业$/ })).toHaveCount(1);
  // a number cell names all of its headers
  const secret = applications.locator('[data-cell="applications/denied.stateSecret/legal"]');
  const headerIds = ((await secret.getAttribute("headers")) ?? "").split(" ");
  const headerTexts = await Promise.all(headerIds.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(headerTexts).toEqual(expect.arrayContaining(["申请人情况", "法人或其他组织", "法律服务机构", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]));
  const review = page.getByRole("table", { name: "四、政府信息公开行政复议、行政诉讼情况" });
  await expect(review.locator("th", { hasText: /^行政复议$/ })).toHaveAttribute("colspan", "5");
  await expect(review.locator("th", { hasText: /^行政诉讼$/ })).toHaveAttribute("colspan", "10");
  await expect(review.locator("th", { hasText: /^未经复议直接起诉$/ })).toHaveAttribute("colspan", "5");

  // the narrative reads right: CJK-friendly emphasis, no literal asterisks
  const narrative = page.locator("article.report-document .narrative");
  await expect(narrative.first().locator("strong", { hasText: "管好用好微信公众号新平台。" })).toBeVisible();
  for (const text of await narrative.allTextContents()) expect(text).not.toContain("**");

  // 成文日期 and 本站发布日期, each labelled
  const meta = page.locator(".report-meta");
  await expect(meta.locator("dt", { hasText: "成文日期" }).locator("xpath=following-sibling::dd")).toHaveText("2021年1月20日");
  await expect(meta.locator("dt", { hasText: "本站发布日期" }).locator("xpath=following-sibling::dd")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await expect(page.getByText("发布于")).toHaveCount(0);

  // downloads at the agreed URLs
  const downloads = page.getByRole("navigation", { name: "下载" });
  await expect(downloads.getByRole("link", { name: "Word（.docx）" })).toHaveAttribute("href", "/api/reports/640122100000/2020/docx");
  await expect(downloads.getByRole("link", { name: "Excel（.xlsx）" })).toHaveAttribute("href", "/api/reports/640122100000/2020/xlsx");
  await expect(downloads.getByRole("link", { name: "CSV" })).toHaveAttribute("href", "/api/reports/640122100000/2020/csv");
  await expect(downloads.getByRole("link", { name: "JSON" })).toHaveAttribute("href", "/api/reports/640122100000/2020");

  // version history, with its one version
  const history = page.getByRole("table", { name: "版本记录" });
  await expect(history.getByRole("rowheader", { name: "第 1 版（现行）" })).toBeVisible();
  await expect(history).toContainText("首次发布");
});

test("2021 格式报告的每个数字都在其单元格", async ({ page }) => {
  const doc = readDoc(FORMAT_2021);
  await page.goto(`/reports/${doc.agency.code}/${doc.year}`);
  await expectEveryNumberInItsCell(page, doc);
});

test("打印：A4 只打印报告本身，表头在每页重复", async ({ page }) => {
  await page.goto(SEED_URL);
  await page.emulateMedia({ media: "print" });
  for (const chrome of [".site-header", ".site-footer", ".breadcrumb", ".report-meta", ".version-history"]) {
    await expect(page.locator(chrome).first(), chrome).toBeHidden();
  }
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const thead = page.getByRole("table", { name: "三、收到和处理政府信息公开申请情况" }).locator("thead");
  expect(await thead.evaluate((el) => getComputedStyle(el).display)).toBe("table-header-group");
  const row = page.locator("table.official tbody tr").first();
  expect(await row.evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
});

test("查询：按正文中的一句话、单位名称或代码找到报告，条件在网址中 @smoke", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("在报告正文中查找").fill("管好用好微信公众号新平台");
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page).toHaveURL(/\/reports\?q=/);
  const results = page.getByRole("table", { name: "已公开的年度报告" });
  await expect(results.getByRole("link", { name: "贺兰县习岗镇2020年政府信息公开工作年度报告" })).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText("管好用好微信公众号新平台");
  await expect(results.getByRole("link", { name: "贺兰县自然资源局2022年政府信息公开工作年度报告" })).toHaveCount(0);

  await page.goto("/reports");
  await page.getByLabel("单位名称或代码").fill("自然资源局");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/agency=/);
  await expect(results.getByRole("link")).toHaveText(["贺兰县自然资源局2022年政府信息公开工作年度报告"]);
  await expect(page.getByLabel("单位名称或代码")).toHaveValue("自然资源局");

  await page.goto("/reports?agency=640122100000");
  await expect(results.getByRole("link", { name: "贺兰县习岗镇2020年政府信息公开工作年度报告" })).toBeVisible();
  await expect(results.getByRole("link", { name: /自然资源局/ })).toHaveCount(0);

  await page.goto("/reports?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E6%A0%B7%E4%B8%80%E5%8F%A5%E8%AF%9D");
  await expect(page.getByRole("status").filter({ hasText: "没有符合条件的已公开报告" })).toBeVisible();
});

test("查询：按地区（省、市、县）和年度筛选，并分页", async ({ page }) => {
  test.slow(); // imports through the CLI
  // 21 published reports in a county of their own (灵武市), imported in one CLI run (idempotent)
  const region = { code: "640181", name: "灵武市" };
  const docs = Array.from({ length: 21 }, (_, i) =>
    variant(`6401811${String(i).padStart(2, "0")}000`, `灵武市测试镇${i + 1}`, region, `灵武分页测试第${i + 1}份`),
  );
  await importDocs("import", ...writeDocs("lingwu", docs), "--publish");

  await page.goto("/reports");
  await page.getByLabel("所属地区").selectOption({ label: "\u3000\u3000灵武市（21）" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/region=640181/);
  const status = page.getByRole("status");
  await expect(status).toContainText("共 21 份报告，第 1 / 2 页");
  const results = page.getByRole("table", { name: "已公开的年度报告" });
  await expect(results.locator("tbody tr")).toHaveCount(20);
  await expect(results).not.toContainText("习岗镇");
  const pages = page.getByRole("navigation", { name: "分页" });
  await pages.getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/region=640181.*page=2|page=2.*region=640181/);
  await expect(status).toContainText("第 2 / 2 页");
  await expect(results.locator("tbody tr")).toHaveCount(1);
  await expect(pages.locator("[aria-current=page]")).toHaveText("2");

  // the county 贺兰县 and a year: only 贺兰县's reports of that year
  // (other tests publish 贺兰县 2022 reports of their own in parallel: look for the known ones)
  await page.goto("/reports?region=640122&year=2022");
  await expect(results.getByRole("link", { name: "贺兰县自然资源局2022年政府信息公开工作年度报告" })).toBeVisible();
  await expect(results).not.toContainText("习岗镇");
  await expect(results).not.toContainText("灵武市");
  for (const text of await results.getByRole("link").allTextContents()) expect(text).toMatch(/^贺兰县.*2022年政府信息公开工作年度报告$/);
  await page.goto("/reports?region=640122&year=2020");
  await expect(results.getByRole("link", { name: "贺兰县习岗镇2020年政府信息公开工作年度报告" })).toBeVisible();
  await expect(results).not.toContainText("灵武市");
  // the province holds both counties
  await page.goto("/reports?region=640000&agency=%E7%81%B5%E6%AD%A6%E5%B8%82%E6%B5%8B%E8%AF%95%E9%95%8721");
  await expect(results.getByRole("link")).toHaveText(["灵武市测试镇212020年政府信息公开工作年度报告"]);
  await expect(page.getByLabel("年度")).toContainText("2022 年度");
});

test("草稿不出现在首页、查询、报告页、版本页和接口中", async ({ page, request }) => {
  test.slow(); // imports through the CLI
  const code = "640122199000";
  const phrase = "仅草稿中才有的一句话";
  await importDocs("import", ...writeDocs("draft", [variant(code, "贺兰县草稿测试镇", { code: "640122", name: "贺兰县" }, phrase)]));
  const status = await withDb(async (c) => (await c.query(`SELECT r.status FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId" WHERE a.code = $1`, [code])).rows);
  expect(status).toEqual([{ status: "DRAFT" }]);

  await page.goto("/");
  await expect(page.locator("main")).not.toContainText("草稿测试镇");
  for (const url of [`/reports?q=${encodeURIComponent(phrase)}`, "/reports?agency=草稿测试镇", `/reports?agency=${code}`]) {
    await page.goto(url);
    await expect(page.getByRole("status")).toContainText("没有符合条件的已公开报告");
  }
  await page.goto("/reports?region=640122");
  await expect(page.locator("main")).not.toContainText("草稿测试镇");
  for (const url of [`/reports/${code}/2020`, `/reports/${code}/2020/versions/1`]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
  }
  for (const url of [`/api/reports/${code}/2020`, `/api/reports/${code}/2020/docx`, `/api/reports/${code}/2020/xlsx`, `/api/reports/${code}/2020/csv`]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(404);
    expect(await res.text()).not.toContain(phrase);
  }
});

test("更正后的报告：版本记录与更正说明，旧版本页标明已被取代并链接现行版本，查询只读现行版本", async ({ page }) => {
  test.slow(); // imports through the CLI
  const code = "640122198000";
  await importDocs("import", ...writeDocs("corrected", [variant(code, "贺兰县更正测试镇", { code: "640122", name: "贺兰县" }, "第一版独有词语")]), "--publish");
  // the correction as the review workflow publishes it: a second immutable snapshot
  await withDb((c) =>
    c.query(
      `INSERT INTO "PublishedVersion" (id, "reportId", "versionNo", document, "changeNote", "publishedAt")
       SELECT 'e2e-correction-' || pv."reportId", pv."reportId", 2,
              jsonb_set(pv.document, '{narrative,overview}', to_jsonb(replace(pv.document #>> '{narrative,overview}', '第一版独有词语', '第二版独有词语'))),
              '更正了总体情况中的一处表述', pv."publishedAt" + interval '1 day'
         FROM "PublishedVersion" pv JOIN "Report" r ON r.id = pv."reportId" JOIN "Agency" a ON a.id = r."agencyId"
        WHERE a.code = $1 AND r.year = 2020 AND pv."versionNo" = 1
       ON CONFLICT ("reportId", "versionNo") DO NOTHING`,
      [code],
    ),
  );

  const url = `/reports/${code}/2020`;
  await page.goto(url);
  await expect(page.locator("article .narrative").first()).toContainText("第二版独有词语");
  const history = page.getByRole("table", { name: "版本记录" });
  await expect(history.locator("tbody tr")).toHaveCount(2);
  await expect(history.getByRole("row", { name: /第 2 版（现行）/ })).toContainText("更正了总体情况中的一处表述");
  await expect(page.locator(".report-meta dt", { hasText: "最近更正" })).toBeVisible();
  await history.getByRole("link", { name: "第 1 版" }).click();

  await expect(page).toHaveURL(`${url}/versions/1`);
  await expect(page.getByRole("note")).toContainText("此为已被更正取代的旧版本");
  await expect(page.locator("article .narrative").first()).toContainText("第一版独有词语");
  await expect(page.getByRole("navigation", { name: "下载" }).getByRole("link", { name: "Word（.docx）" })).toHaveAttribute(
    "href",
    `/api/reports/${code}/2020/docx?version=1`,
  );
  await page.getByRole("link", { name: "查看现行版本" }).click();
  await expect(page).toHaveURL(url);

  // the current version has one address; unknown versions are not found
  await page.goto(`${url}/versions/2`);
  await expect(page).toHaveURL(url);
  expect((await page.goto(`${url}/versions/3`))?.status()).toBe(404);
  expect((await page.goto(`${url}/versions/abc`))?.status()).toBe(404);

  await page.goto(`/reports?q=${encodeURIComponent("第一版独有词语")}`);
  await expect(page.getByRole("status")).toContainText("没有符合条件的已公开报告");
  await page.goto(`/reports?q=${encodeURIComponent("第二版独有词语")}`);
  await expect(page.getByRole("table", { name: "已公开的年度报告" }).getByRole("link")).toHaveText(["贺兰县更正测试镇2020年政府信息公开工作年度报告"]);
});


test("键盘：第一个 Tab 到“跳到主要内容”，回车后焦点在正文", async ({ page }) => {
  await page.goto(SEED_URL);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到主要内容" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("网站图标存在（/favicon.ico 与 /icon.svg）", async ({ request }) => {
  for (const url of ["/favicon.ico", "/icon.svg"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    expect(res.headers()["content-type"], url).toMatch(/image\//);
  }
});

test("浏览页面不预取屏幕上的链接；指向链接（悬停或键盘聚焦）时才预取它，点击后正常跳转", async ({ page }) => {
  // next/link's prefetch requests carry this header; each is a page the app renders (a route's
  // prefetch may take more than one request: its tree, then its segments)
  const seen = new Set<string>();
  const prefetched = () => [...seen];
  page.on("request", (r) => {
    if (r.headers()["next-router-prefetch"]) seen.add(new URL(r.url()).pathname);
  });
  await page.goto(SEED_URL);
  await settled(page);
  await page.goto("/regions/640122");
  await settled(page);
  expect(prefetched(), "no link prefetched only for being on screen").toEqual([]);

  const nav = page.getByRole("navigation", { name: "主导航" });
  await nav.getByRole("link", { name: "开放数据" }).hover();
  await expect.poll(prefetched).toEqual(["/data"]);
  await nav.getByRole("link", { name: "查询报告" }).focus();
  await expect.poll(prefetched).toEqual(["/data", "/reports"]);
  await nav.getByRole("link", { name: "开放数据" }).click();
  await expect(page).toHaveURL(/\/data$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
