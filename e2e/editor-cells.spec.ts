// The clerk's grid: text that is not a number saved with the draft, blank cells counted and
// filled with 0, and the toolbar that never hides the focused cell.
import { expect, test, type Page } from "@playwright/test";
import { getTemplate } from "@/lib/templates";
import { signIn, workflowFixture as fixture } from "./helpers";

test.describe.configure({ timeout: 360_000 });

const YEAR = 2022;

/** A new agency of 贺兰县 (unique per run) with its 2022 report as a draft, opened in the editor by its clerk. */
async function openDraft(page: Page, label: string) {
  const code = `640122-${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { reportId, clerk } = await fixture("report", code, `贺兰县${label}镇${code.slice(-6)}`, String(YEAR), "DRAFT");
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

test("“/” and “无” typed in cells pass the draft schema: saved, shown after reload, and 提交审核 names them beside the cells and in the status", async ({ page }) => {
  await openDraft(page, "s");
  const slash = input(page, "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 自然人");
  const none = input(page, "行政许可 本年处理决定数量");
  await slash.fill("/");
  await none.fill("无");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(saveStatus(page)).toContainText("已保存");
  await expect(saveStatus(page)).toContainText("2 格填的不是数字");

  await page.reload();
  await expect(slash).toHaveValue("/");
  await expect(none).toHaveValue("无");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(saveStatus(page)).toContainText("未提交：2 格填的不是数字");
  await expect(saveStatus(page)).toContainText("行政许可 本年处理决定数量");
  await expect(page.locator("td", { has: slash })).toContainText("「/」不是数字");
  await expect(page.locator("td", { has: none })).toContainText("「无」不是数字");
  await expect(page.getByRole("button", { name: "提交审核" })).toBeVisible();

  // what the draft schema does refuse (text longer than a cell keeps) is not sent: the status says why, the text stays
  await none.fill("无".repeat(201));
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(saveStatus(page)).toContainText("未保存：1 处格式不对（行政许可 本年处理决定数量）");
  await expect(page.locator("td", { has: none })).toContainText("文字过长");
  await expect(none).toBeFocused();
});

test("还有 N 格未填 counts blank cells per table and in all; 空白格填 0 fills only the blanks", async ({ page }) => {
  await openDraft(page, "b");
  const t = getTemplate("2021");
  const region = (s: "proactive" | "applications" | "reviewLitigation") => page.getByRole("region", { name: t.sections[s].title, exact: true });
  const all = page.locator("#validation-summary");
  await expect(region("applications").getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 0 格未填");
  await expect(all.getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 0 格未填");

  const cleared = ["（一）予以公开 商业企业", "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 自然人", "一、本年新收政府信息公开申请数量 科研机构"];
  for (const name of cleared) await input(page, name).fill("");
  await input(page, "行政许可 本年处理决定数量").fill("");
  await input(page, "（一）予以公开 法律服务机构").fill("—");
  await expect(region("applications").getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 3 格未填");
  await expect(region("proactive").getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 1 格未填");
  await expect(all.getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 4 格未填");
  const totalBefore = await page.locator('output[aria-label="（一）予以公开 总计"]').textContent();

  await region("applications").getByRole("button", { name: /^空白格填 0/ }).click();
  for (const name of cleared) await expect(input(page, name)).toHaveValue("0");
  await expect(input(page, "（一）予以公开 法律服务机构")).toHaveValue("—"); // text is not a blank: it stays, flagged
  await expect(input(page, "行政许可 本年处理决定数量")).toHaveValue("");
  await expect(region("applications").getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 0 格未填");
  await expect(all.getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 1 格未填");
  // derived cells are outputs: computed, never filled
  await expect(page.locator('output[aria-label="（一）予以公开 总计"]')).toHaveText(totalBefore ?? "");

  await all.getByRole("button", { name: /^空白格填 0/ }).click();
  await expect(input(page, "行政许可 本年处理决定数量")).toHaveValue("0");
  await expect(all.getByText(/^还有 \d+ 格未填$/)).toHaveText("还有 0 格未填");
});

test("at 1366×768 the toolbar is one line, and 24 ArrowUp moves in 三 each leave the focused cell visible below it", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDraft(page, "k");
  const toolbar = page.getByRole("toolbar", { name: "填报操作" });
  const box = await toolbar.boundingBox();
  expect(box!.height).toBeLessThanOrEqual(64);
  // 从文件导入 has its own panel, outside the sticky toolbar
  await expect(toolbar.getByLabel("从文件导入")).toHaveCount(0);
  await expect(page.getByLabel("从文件导入")).toHaveCount(1);

  await input(page, "四、结转下年度继续办理 其他").focus();
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press("ArrowUp");
    const where = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      const bar = document.querySelector(".editor-toolbar")!.getBoundingClientRect();
      const head = (el.closest("table") as HTMLTableElement).tHead!.getBoundingClientRect();
      return { name: el.getAttribute("aria-label"), top: r.top, bottom: r.bottom, below: Math.max(bar.bottom, head.bottom), height: window.innerHeight };
    });
    expect(where.top, `${where.name} after ${i + 1} moves`).toBeGreaterThanOrEqual(where.below);
    expect(where.bottom, `${where.name} after ${i + 1} moves`).toBeLessThanOrEqual(where.height);
  }
});

test("a block pasted with its row-label column is aligned by the labels, not shifted one column right", async ({ page }) => {
  await openDraft(page, "l");
  const block = [
    "信息内容\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计",
    "（一）予以公开\t7\t1\t2\t0\t0\t3\t13",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t0\t0\t0\t0\t1\t3",
  ].join("\r\n");
  const target = input(page, "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 商业企业");
  await target.focus();
  await target.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await expect(input(page, "（一）予以公开 自然人")).toHaveValue("7");
  await expect(input(page, "（一）予以公开 商业企业")).toHaveValue("1");
  await expect(input(page, "（一）予以公开 科研机构")).toHaveValue("2");
  await expect(input(page, "（一）予以公开 其他")).toHaveValue("3");
  await expect(input(page, "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 自然人")).toHaveValue("2");
  await expect(input(page, "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 商业企业")).toHaveValue("0");
  await expect(input(page, "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 其他")).toHaveValue("1");
  await expect(page.locator('output[aria-label="（一）予以公开 总计"]')).toHaveText("13");
  await expect(saveStatus(page)).toContainText("按行名对齐 2 行");
});
