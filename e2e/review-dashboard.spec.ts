// The review dashboard on a 1366 × 768 screen: every column fits and no header, button or
// count is broken inside a word (measured: each one's text on one line); each row names the
// clerk and a phone, with 催报 where nothing is submitted; the filters apply on change, and
// without JavaScript through 筛选.
import { expect, test, type Page } from "@playwright/test";
import { agencyWithReport, signInAs } from "./helpers";

const YEAR = 2022;
test.describe.configure({ timeout: 180_000 });
test.use({ viewport: { width: 1366, height: 768 } });

/**
 * The texts on the page that take more than one line: every column header of the table, every
 * visible button and button-styled link, every count. Measured by the line boxes of each one's
 * text (a Range's client rects), so a word split over two lines is found whatever the CSS.
 */
async function wrappedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.2;
      const tops = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => r.top);
      tops.sort((x, y) => x - y);
      let count = tops.length ? 1 : 0;
      for (let i = 1; i < tops.length; i++) if (tops[i]! - tops[i - 1]! > lineHeight / 2) count++;
      return count;
    };
    const measured = [
      ...document.querySelectorAll('table[aria-label="辖区单位报送情况"] thead th'),
      ...document.querySelectorAll("main button, main a.btn, main .count"),
    ].filter((el) => (el as HTMLElement).offsetParent !== null && el.textContent!.trim() !== "");
    return measured.filter((el) => lines(el) > 1).map((el) => `${el.tagName.toLowerCase()}「${el.textContent!.trim()}」: ${lines(el)} 行`);
  });
}

test("1366 像素宽：表头、按钮不折行，表格不需横向滚动；每行有填报人、电话，未报送的有催报", async ({ page }) => {
  const submitted = await agencyWithReport("d", "宽度测试局", "SUBMITTED", YEAR);
  const approved = await agencyWithReport("d", "宽度已审局", "APPROVED", YEAR);
  await signInAs(page, "reviewer-helan");
  await page.goto(`/review?year=${YEAR}`);
  const table = page.getByRole("table", { name: "辖区单位报送情况" });
  await expect(table.getByRole("row", { name: new RegExp(submitted.name) })).toBeVisible();
  // the things that used to wrap are there to be measured
  await expect(table.getByRole("columnheader", { name: "选择" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "诉讼" })).toBeVisible();
  await expect(table.getByRole("link", { name: "审核" }).first()).toBeVisible();
  await expect(table.getByRole("button", { name: /^催报/ }).first()).toBeVisible();

  expect(await wrappedTexts(page)).toEqual([]);
  // every column in view: neither the table's frame nor the page scrolls sideways
  const overflow = await table.evaluate((t) => {
    const frame = t.closest(".table-frame")!;
    return { frame: frame.scrollWidth - frame.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
  });
  expect(overflow).toEqual({ frame: 0, page: 0 });

  // whom to call: the clerk's name and the phone of the report; 催报 for what is not submitted
  const row = table.getByRole("row", { name: new RegExp(submitted.name) });
  await expect(row.getByRole("cell", { name: new RegExp(`${submitted.name}经办人`) })).toContainText("0951-0000000");
  await expect(row.getByRole("link", { name: "审核" })).toBeVisible();
  await expect(row.getByRole("button", { name: /^催报/ })).toHaveCount(0);
  await expect(table.getByRole("row", { name: new RegExp(approved.name) })).toContainText(`${approved.name}经办人`);
  const jingui = table.getByRole("row", { name: /贺兰县金贵镇/ });
  await expect(jingui).toContainText("金贵镇经办人");
  await expect(jingui.getByRole("button", { name: "催报 贺兰县金贵镇" })).toBeVisible();
});

test("筛选条件改变即生效（焦点留在所改的选项上）", async ({ page }) => {
  const submitted = await agencyWithReport("d", "即改即查局", "SUBMITTED", YEAR);
  await signInAs(page, "reviewer-helan");
  await page.goto(`/review?year=${YEAR}`);
  const filters = page.getByRole("form", { name: "筛选", exact: true });
  await expect(filters.getByRole("button", { name: "筛选", exact: true })).toBeHidden();
  const table = page.getByRole("table", { name: "辖区单位报送情况" });
  await expect(table.getByRole("row", { name: /贺兰县金贵镇/ })).toBeVisible();

  const status = filters.getByRole("combobox", { name: /^状态/ });
  await status.focus();
  await status.selectOption({ label: "待审核" });
  await expect(page).toHaveURL(/[?&]status=SUBMITTED(&|$)/);
  await expect(table.getByRole("row", { name: /贺兰县金贵镇/ })).toHaveCount(0);
  await expect(table.getByRole("row", { name: new RegExp(submitted.name) })).toBeVisible();
  await expect(status).toBeFocused();
  await expect(status).toHaveValue("SUBMITTED");
});

test("没有 JavaScript 时按「筛选」生效", async ({ browser }) => {
  const submitted = await agencyWithReport("d", "无脚本局", "SUBMITTED", YEAR);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await signInAs(page, "reviewer-helan");
  await page.goto(`/review?year=${YEAR}`);
  const filters = page.getByRole("form", { name: "筛选", exact: true });
  await filters.getByRole("combobox", { name: /^状态/ }).selectOption({ label: "待审核" });
  // nothing happens on change without a script
  await expect(page).not.toHaveURL(/status=/);
  await filters.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/[?&]status=SUBMITTED(&|$)/);
  const table = page.getByRole("table", { name: "辖区单位报送情况" });
  await expect(table.getByRole("row", { name: new RegExp(submitted.name) })).toBeVisible();
  await expect(table.getByRole("row", { name: /贺兰县金贵镇/ })).toHaveCount(0);
  await context.close();
});
