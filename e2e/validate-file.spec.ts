import fs from "node:fs";
import { expect, test } from "@playwright/test";

const fixture = fs.readFileSync("data/fixtures/xigang-2020.json", "utf8");

async function choose(page: import("@playwright/test").Page, name: string, content: string) {
  await page.getByLabel("报告文件（.json）").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
}

test("浏览器中校验报告文件：通过、违反勾稽关系、不是 JSON", async ({ page }) => {
  await page.goto("/tools/validate");
  await choose(page, "xigang-2020.json", fixture);
  await expect(page.getByRole("status", { name: "校验结果" })).toContainText("贺兰县习岗镇2020年政府信息公开工作年度报告：校验通过");

  const broken = JSON.parse(fixture);
  broken.applications.received.naturalPerson = 5;
  broken.applications.received.total = 5;
  await choose(page, "broken.json", JSON.stringify(broken));
  const problems = page.getByRole("table", { name: "校验问题" });
  await expect(page.getByRole("status", { name: "校验结果" })).toContainText("请修改后再导入");
  const balance = problems.getByRole("row", { name: /勾稽关系/ }).first();
  await expect(balance).toContainText("自然人");
  await expect(balance).toContainText("相差 5");

  await choose(page, "notes.json", "这不是 JSON");
  await expect(page.getByRole("status")).toContainText("notes.json：不是有效的 JSON 文件");
});
