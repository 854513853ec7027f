import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PART_TITLES, publishWithCli } from "./helpers";

test("从首页按年度找到已发布的习岗镇 2020 年报告并可打开", async ({ page }) => {
  await page.goto("/");
  // the landing page lists only the latest publications: browse by year from it
  await page.getByRole("link", { name: "2020 年度" }).click();
  await expect(page).toHaveURL(/\/reports\?year=2020$/);
  const link = page.getByRole("link", { name: /贺兰县习岗镇.*2020/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/reports\/640122100000\/2020$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("贺兰县习岗镇2020年政府信息公开工作年度报告");
});

test("公开报告页显示各部分与表格数据", async ({ page }) => {
  await page.goto("/reports/640122100000/2020");
  for (const title of PART_TITLES) {
    await expect(page.getByRole("heading", { name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByText("2020年，习岗镇主动公开政府信息共687条")).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "政府集中采购" })).toBeVisible();
  await expect(page.getByText("h1xxgz@163.com").first()).toBeVisible();
});

test("不存在或未发布的报告返回 404", async ({ page }) => {
  for (const path of ["/reports/640122100000/2019", "/reports/640122101000/2020", "/reports/999999999999/2020", "/reports/640122100000/abc"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  }
});

test("2021 格式的报告按 2021 版表格显示，合计由系统算出", async ({ page }) => {
  await page.goto("/reports/640122-zrzy/2022");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("贺兰县自然资源局2022年政府信息公开工作年度报告");
  await expect(page.getByText("国办公开办函〔2021〕30号")).toBeVisible();
  const proactive = page.getByRole("table", { name: "二、主动公开政府信息情况" });
  await expect(proactive.getByRole("columnheader", { name: "本年收费金额（单位：万元）" })).toBeVisible();
  await expect(proactive.locator('[data-cell="proactive/fees/amount"]')).toHaveText("125.6789");
  await expect(proactive).not.toContainText("政府集中采购");
  const applications = page.getByRole("table", { name: "三、收到和处理政府信息公开申请情况" });
  await expect(applications.getByRole("rowheader", { name: "3.其他" })).toBeVisible();
  await expect(applications.locator('[data-cell="applications/received/total"]')).toHaveText("18");
  await expect(applications.locator('[data-cell="applications/handledTotal/naturalPerson"]')).toHaveText("13");
  await expect(page.locator('[data-cell="reviewLitigation/litigationDirect/total"]')).toHaveText("2");
});

test("报告列表同时列出两种格式的已发布报告", async ({ page }) => {
  await page.goto("/reports");
  const table = page.getByRole("table", { name: "已公开的年度报告" });
  await expect(table.getByRole("link", { name: "贺兰县自然资源局2022年政府信息公开工作年度报告" })).toBeVisible();
  await expect(table.getByRole("link", { name: "贺兰县习岗镇2020年政府信息公开工作年度报告" })).toBeVisible();
});

test("一份报告发布后立即可以访问（此前的 404 不会被缓存） @smoke", async ({ page, request }) => {
  test.slow(); // publishes through the CLI
  const url = "/reports/640122103000/2020";
  expect((await page.goto(url))?.status()).toBe(404);
  const doc = JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"));
  doc.agency = { code: "640122103000", name: "贺兰县洪广镇", region: { code: "640122", name: "贺兰县" } };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hongguang-")), "hongguang-2020.json");
  fs.writeFileSync(file, JSON.stringify(doc));
  const r = await publishWithCli(file);
  expect(r.status, r.output).toBe(0);
  expect((await page.goto(url))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("贺兰县洪广镇2020年政府信息公开工作年度报告");
  expect((await request.get(`/api${url}`)).status()).toBe(200);
});
