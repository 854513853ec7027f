// The clerk's grid: text that is not a number saved with the draft, blank cells counted and
// filled with 0, and the toolbar that never hides the focused cell.
import { expect, test, type Page } from "@playwright/test";
import { signIn, workflowFixture as fixture } from "./helpers";

test.describe.configure({ timeout: 360_000 });

const YEAR = 2022;

/** A new agency of 贺兰县 (unique per run) with its 2022 report as a draft, opened in the editor by its clerk. */
async function openDraft(page: Page, label: string) {
  const code = `640122-${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { reportId, clerk } = fixture("report", code, `贺兰县${label}镇${code.slice(-6)}`, String(YEAR), "DRAFT");
  await signIn(page, clerk);
  await page.goto(`/workspace/reports/${reportId}`);
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeVisible();
  return { code, reportId };
}

const input = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });
const saveStatus = (page: Page) => page.getByRole("status", { name: "保存状态" });

test("a draft with “—” in a cell saves, keeps it after reload, and only 提交审核 is refused, naming the cell", async ({ page }) => {
  await openDraft(page, "t");
  const cell = input(page, "（一）予以公开 商业企业");
  await cell.fill("—");
  await expect(cell).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(saveStatus(page)).toContainText("已保存");
  await expect(saveStatus(page)).toContainText("不是数字");

  await page.reload();
  await expect(cell).toHaveValue("—");
  await expect(cell).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("td", { has: cell })).toContainText("「—」不是数字");

  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(saveStatus(page)).toContainText("未提交");
  await expect(saveStatus(page)).toContainText("（一）予以公开 商业企业");
  // still a draft: the editor, with the text, is there after a reload
  await page.reload();
  await expect(page.getByRole("button", { name: "提交审核" })).toBeVisible();
  await expect(cell).toHaveValue("—");
});
