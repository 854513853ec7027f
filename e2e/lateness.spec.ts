// Lateness (docs/product.md "Accessible names": 按期发布 / 逾期发布 / 逾期未报): the clerk's workspace marks
// each year and names the year due now; the reviewer filters the dashboard by it; the region
// page gives the on-time rate with its record to download. 习岗镇's 2020 report (demo data) is
// given a first-publication date by e2e/support/lateness-fixture.ts, since a publication made
// now cannot be on time for 2020.
import { expect, test, type Page } from "@playwright/test";
import { setFirstPublished, signIn } from "./helpers";

/** Today's calendar day in China, YYYY-MM-DD. */
const chinaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

async function chooseLateness(page: Page, label: string) {
  await page.getByRole("combobox", { name: /^按期情况/ }).selectOption({ label });
  const apply = page.getByRole("button", { name: "筛选", exact: true });
  // filters that apply on change need no button; where it is there it applies them
  if (await apply.isVisible()) await apply.click();
  await expect(page).toHaveURL(/lateness=/);
}

test("工作台标出逾期与当前报送年度，审核工作台按按期情况筛选", async ({ page }) => {
  // three fixture calls besides two sign-ins
  test.setTimeout(120_000);
  // 习岗镇 2020 first published on 2 March 2021 (10:00 in Beijing): 30 days after 1月31日
  await setFirstPublished("640122100000", 2020, "2021-03-02T02:00:00Z");

  await signIn(page, "clerk-xigang");
  await page.goto("/workspace");
  const today = chinaToday();
  // the year due now (the demo years run to this year, each due 1月31日 of the next): last
  // year's until this 1月31日 has passed, then this year's
  const year = today.slice(5) <= "01-31" ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));
  const days = (Date.parse(`${year + 1}-01-31T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  await expect(page.getByRole("note", { name: "当前报送年度" })).toHaveText(`${year} 年度报告 截止 ${year + 1}年1月31日，${days === 0 ? "今天截止" : `还有 ${days} 天`}`);
  const table = page.getByRole("table", { name: "年度报告" });
  await expect(table.getByRole("row", { name: new RegExp(`^${year} 年度`) })).toContainText("当前报送");
  await expect(table.getByRole("row", { name: /^2020 年度/ })).toContainText("逾期发布 30 天");
  // nothing published for 2019 and its deadline long passed
  await expect(table.getByRole("row", { name: /^2019 年度/ })).toContainText("逾期未报");

  // published on the deadline day itself, at 23:30 in Beijing: on time (a later correction would not change it)
  await setFirstPublished("640122100000", 2020, "2021-01-31T15:30:00Z");
  await page.reload();
  await expect(table.getByRole("row", { name: /^2020 年度/ })).toContainText("按期发布");

  await setFirstPublished("640122100000", 2020, "2021-03-02T02:00:00Z");
  await page.context().clearCookies();
  await signIn(page, "reviewer-helan");
  await page.goto("/review?year=2020");
  const dashboard = page.getByRole("table", { name: "辖区单位报送情况" });
  await expect(dashboard.getByRole("row", { name: /贺兰县习岗镇/ })).toContainText("逾期发布 30 天");
  await expect(dashboard.getByRole("row", { name: /贺兰县金贵镇/ })).toContainText("逾期未报");

  await chooseLateness(page, "逾期发布");
  await expect(dashboard.getByRole("row", { name: /贺兰县习岗镇/ })).toBeVisible();
  await expect(dashboard.getByRole("row", { name: /贺兰县金贵镇/ })).toHaveCount(0);
  const lateRows = await dashboard.locator("tbody tr").count();
  await expect(page.getByLabel("按期情况数量")).toContainText(`逾期发布 ${lateRows}`);

  await chooseLateness(page, "逾期未报");
  await expect(dashboard.getByRole("row", { name: /贺兰县金贵镇/ })).toBeVisible();
  await expect(dashboard.getByRole("row", { name: /贺兰县习岗镇/ })).toHaveCount(0);
  const overdueRows = await dashboard.locator("tbody tr").count();
  await expect(page.getByLabel("按期情况数量")).toContainText(`逾期未报 ${overdueRows}`);

  // the on-time record of the region, linked from the dashboard: CSV with BOM and Chinese headers
  const csvHref = await page.getByRole("link", { name: "CSV", exact: true }).getAttribute("href");
  expect(csvHref).toBe("/api/regions/640122/lateness.csv");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.subarray(3).toString("utf8").split("\r\n");
  expect(lines[0]).toBe("单位代码,单位名称,年度,截止日期,首次发布日期,状态,逾期天数");
  expect(lines).toContain("640122100000,贺兰县习岗镇,2020,2021-01-31,2021-03-02,逾期发布,30");
});

test("地区页给出按期发布率与按期发布记录下载", async ({ page }) => {
  await page.goto("/regions/640122?year=2020");
  const block = page.getByRole("region", { name: "按期发布情况" });
  await expect(block.getByTestId("on-time-rate")).toHaveText(/^2020 年度按期发布率：按期发布 \d+ \/ 应报 \d+（\d+\.\d%）；逾期发布 \d+$/);
  const xlsx = await page.request.get((await block.getByRole("link", { name: /Excel/ }).getAttribute("href"))!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
});
