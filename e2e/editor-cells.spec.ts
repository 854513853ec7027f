// The clerk's grid: text that is not a number saved with the draft, blank cells counted and
// filled with 0, and the toolbar that never hides the focused cell.
import { expect, test, type Page } from "@playwright/test";
import { getTemplate } from "@/lib/templates";
import { signIn, workflowFixture as fixture } from "./helpers";
import { cellRenders, componentRenders, countCellRenders, resetCellRenders } from "./support/render-counts";

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

test("at 1366×768 四's column headers stay in sight below the toolbar while its row scrolls beneath them", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDraft(page, "h");
  const table = page.getByRole("table", { name: "四、政府信息公开行政复议、行政诉讼情况" });
  const geometry = () =>
    table.evaluate((el: HTMLTableElement) => {
      const bar = document.querySelector(".report-editor .editor-toolbar")!.getBoundingClientRect();
      const head = el.tHead!.getBoundingClientRect();
      const row = el.tBodies[0]!.rows[0]!.getBoundingClientRect();
      // what is painted at the middle of each header cell: the header itself, not the toolbar or a figure
      const covered = [...el.tHead!.querySelectorAll("th")].filter((th) => {
        const r = th.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !hit || !th.contains(hit);
      }).length;
      return { barBottom: bar.bottom, headTop: head.top, headBottom: head.bottom, rowTop: row.top, rowBottom: row.bottom, tableTop: el.getBoundingClientRect().top, covered, height: window.innerHeight };
    });
  // scrolled into 四 (the toolbar stuck at the top): the table's top has passed `past` px under
  // the toolbar's bottom, so the header, held below the toolbar, covers that much of the figures'
  // row (its one row: the header sticks within its table, so no further than the row is tall)
  for (const past of [4, 12, 20]) {
    await table.evaluate((el) => el.scrollIntoView({ block: "center", behavior: "instant" }));
    const at = await geometry();
    await page.evaluate((dy) => window.scrollBy({ top: dy, behavior: "instant" }), at.tableTop - at.barBottom + past);
    const g = await geometry();
    expect(g.barBottom, "the toolbar stays where it was").toBeCloseTo(at.barBottom, 0);
    expect(g.tableTop, `table top, ${past} px of its row scrolled`).toBeLessThan(g.barBottom);
    expect(g.headTop, `thead top, ${past} px of its row scrolled`).toBeGreaterThanOrEqual(g.barBottom - 0.5);
    expect(g.headBottom).toBeLessThanOrEqual(g.height);
    // the row scrolls beneath the sticky header
    expect(g.rowTop).toBeLessThan(g.headBottom);
    expect(g.rowBottom).toBeGreaterThan(g.headBottom);
    expect(g.covered, `header cells hidden, ${past} px of its row scrolled`).toBe(0);
  }
});

test("a keystroke in 三 re-renders its cell, the totals it feeds and the messages that read it, never the grid", async ({ page }) => {
  await countCellRenders(page);
  await openDraft(page, "r");
  const typed = input(page, "一、本年新收政府信息公开申请数量 自然人");
  const total = page.locator('output[aria-label="一、本年新收政府信息公开申请数量 总计"]');
  // the row filled (a blank cell leaves its total blank), and a first keystroke made (it marks the form unsaved once)
  for (const c of await page.locator(`input[data-grid="applications"][data-r="${await typed.getAttribute("data-r")}"]`).all()) await c.fill("0");
  await typed.fill("");
  await typed.press("1");
  await expect(total).toHaveText("1");
  for (const [key, shows] of [["2", "12"], ["Backspace", "1"], ["7", "17"], ["Backspace", "1"]] as const) {
    await resetCellRenders(page);
    await typed.press(key);
    await expect(total).toHaveText(shows);
    const cells = await cellRenders(page);
    const all = await componentRenders(page);
    // the typed cell and the row's total; no other input of the grid (their results did not change)
    expect(Object.keys(cells)).toContain("applications/received/naturalPerson");
    expect(Object.keys(cells)).toContain("applications/received/total");
    expect(Object.keys(cells).filter((id) => id.startsWith("proactive/") || id.startsWith("reviewLitigation/"))).toEqual([]);
    expect(Object.keys(cells).length, JSON.stringify(cells)).toBeLessThanOrEqual(4);
    // every component React rendered for it, cells or not (a grid row, a table, the editor): a handful, not the grid's hundreds
    expect(all.components, JSON.stringify(cells)).toBeLessThanOrEqual(12);
  }
});
