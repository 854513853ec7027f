import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("审核人看到辖区全部单位及 2020 年度状态 @smoke", async ({ page }) => {
  await signInAs(page, "reviewer-helan");
  await page.goto("/review?year=2020");
  const table = page.getByRole("table", { name: "辖区单位报送情况" });
  for (const name of ["贺兰县习岗镇", "贺兰县金贵镇", "贺兰县立岗镇", "贺兰县洪广镇", "贺兰县常信乡", "贺兰县自然资源局"]) {
    await expect(table).toContainText(name);
  }
  await expect(table.getByRole("row", { name: /贺兰县习岗镇/ })).toContainText("已发布");
  await expect(table.getByRole("row", { name: /贺兰县金贵镇/ })).toContainText("未填报");
});

test("填报人只看到本单位，已发布年度可查看公开报告", async ({ page }) => {
  await signInAs(page, "clerk-xigang");
  const table = page.getByRole("table", { name: "年度报告" });
  const row2020 = table.getByRole("row", { name: /2020 年度/ });
  await expect(row2020).toContainText("已发布");
  await expect(row2020).toContainText("国办公开办函〔2019〕60号");
  await expect(table.getByRole("row", { name: /2021 年度/ })).toContainText("国办公开办函〔2021〕30号");
  await row2020.getByRole("link", { name: "查看公开报告" }).click();
  await expect(page).toHaveURL(/\/reports\/640122100000\/2020$/);
});

test("管理员看到单位与全部演示账号", async ({ page }) => {
  await signInAs(page, "admin");
  await expect(page).toHaveURL(/\/admin$/);
  // other tests add accounts: search for each one (the list is paged)
  for (const u of ["admin", "reviewer-helan", "clerk-xigang", "clerk-jingui", "clerk-zrzy"]) {
    await page.goto(`/admin/users?q=${u}`);
    await expect(page.getByRole("table", { name: "用户列表" }).getByRole("link", { name: u, exact: true })).toBeVisible();
  }
  await page.goto("/admin/agencies?q=640122-zrzy");
  await expect(page.getByRole("table", { name: "单位列表" })).toContainText("贺兰县自然资源局");
});

test("管理员在审核工作台按地区逐级查看（只读）", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/review?year=2020");
  await expect(page.getByRole("heading", { name: "审核工作台 · 全部地区（只读）" })).toBeVisible();
  const area = page.getByRole("combobox", { name: "地区", exact: true });
  // from the top level down, one region at a time: each choice offers the next level
  for (const [code, name] of [
    ["640000", "宁夏回族自治区"],
    ["640100", "银川市"],
    ["640122", "贺兰县"],
  ] as const) {
    // the choice applies at once (no 筛选 to press with JavaScript on)
    await area.selectOption(code);
    await expect(page).toHaveURL(new RegExp(`[?&]region=${code}(&|$)`));
    await expect(area).toHaveValue(code);
    await expect(area.locator("option:checked")).toHaveText(new RegExp(name));
  }
  const table = page.getByRole("table", { name: "辖区单位报送情况" });
  await expect(table.getByRole("row", { name: /贺兰县习岗镇/ })).toBeVisible();
  // read-only: no selection for batch publish, no review button
  await expect(table.getByRole("checkbox")).toHaveCount(0);
  await expect(table.getByRole("link", { name: "审核" })).toHaveCount(0);
});
