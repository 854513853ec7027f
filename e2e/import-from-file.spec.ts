// 从文件导入 in the clerk's editor: a report in the official Word layout (here the project's own
// download of the 2021-format report published by the global setup) fills the form for the clerk to check; nothing is saved by itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signInAs } from "./helpers";

test.describe.configure({ timeout: 120_000 }); // a Word file converted and the form filled: ≈ 10 s

const fixture = JSON.parse(fs.readFileSync("test/fixtures/zrzy-2022-format2021.json", "utf8"));

test("a Word report fills the editor's form, and nothing is stored until 保存草稿", async ({ page, request }) => {
  const docx = await request.get("/api/reports/640122-zrzy/2022/docx");
  expect(docx.status()).toBe(200);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-import-")), "贺兰县自然资源局2022年度报告.docx");
  fs.writeFileSync(file, await docx.body());

  await signInAs(page, "clerk-jingui");
  await page.goto("/workspace");
  const row = page.getByRole("table", { name: "年度报告" }).getByRole("row", { name: /^2022 年度/ });
  await row.getByRole("button", { name: /^(开始填报|继续填报)$/ }).click();
  await page.waitForURL(/\/workspace\/reports\/[^/]+$/);
  const reportId = page.url().split("/").pop()!;

  await page.getByLabel("从文件导入").setInputFiles(file);
  // a report started from last year's (contact, 上年结转) asks before the file replaces those
  await expect(page.getByRole("status", { name: "导入结果" })).toContainText(/会替换您已填写的 \d+ 项|已从文件填入/);
  const replace = page.getByRole("button", { name: /^导入并替换 \d+ 项$/ });
  if (await replace.isVisible()) await replace.click();
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText("已从文件填入，尚未保存");
  const received = fixture.applications.received.naturalPerson;
  await expect(page.getByRole("textbox", { name: "一、本年新收政府信息公开申请数量 自然人", exact: true })).toHaveValue(String(received));
  await expect(page.getByRole("textbox", { name: "行政许可 本年处理决定数量", exact: true })).toHaveValue(String(fixture.proactive.licensing.decisions));
  await expect(page.getByRole("textbox", { name: "行政事业性收费 本年收费金额（单位：万元）", exact: true })).toHaveValue(String(fixture.proactive.fees.amount));
  await expect(page.getByRole("textbox", { name: "地址", exact: true })).toHaveValue(fixture.contact.address);

  // the form changed, the database did not
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT value FROM "ReportCell" WHERE "reportId" = $1 AND section = 'applications' AND row = 'received' AND "column" = 'naturalPerson'`,
      [reportId],
    );
    expect(rows[0]?.value ?? null).not.toBe(String(received));
  } finally {
    await c.end();
  }
});
