// A clerk files a whole report in the browser: both official formats, the spreadsheet grid
// (typing, pasting a block from Excel), live 勾稽 checks, save/reload, submit; scope, a stale
// save and an expired session.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { cellsOf, getTemplate, type ReportTemplate, type TemplateId } from "@/lib/templates";
import { signIn, signInAs } from "./helpers";
import { cellRenders, countCellRenders, resetCellRenders } from "./support/render-counts";

test.describe.configure({ timeout: 180_000 }); // a report filled in the browser: ≈ 35 s on a loaded machine

type Values = Map<string, number>;

/** Non-trivial figures for every input cell of a template, consistent with every rule. */
function figures(t: ReportTemplate): Values {
  const v: Values = new Map();
  const cells = cellsOf(t).filter((c) => !c.derived);
  cells.filter((c) => c.section === "proactive").forEach((c, i) => v.set(c.id, c.kind === "money" ? 1234.5678 : c.kind === "signedCount" ? -2 : 3 + i));
  const apps = t.sections.applications;
  const applicant = apps.columns.filter((c) => !c.derived).map((c) => c.key);
  const received = [1234, 45, 37, 29, 31, 33];
  const carriedOver = [3, 1, 0, 2, 0, 1];
  const carriedForward = [5, 0, 1, 0, 2, 1];
  const handledRows = apps.rows.filter((r) => !r.derived && !["received", "carriedOver", "carriedForward"].includes(r.key));
  applicant.forEach((col, j) => {
    v.set(`applications/received/${col}`, received[j]!);
    v.set(`applications/carriedOver/${col}`, carriedOver[j]!);
    v.set(`applications/carriedForward/${col}`, carriedForward[j]!);
    let rest = 0;
    handledRows.forEach((r, i) => {
      if (r.key === "granted") return;
      const x = r.key === "partiallyGranted" ? j + 1 : r.key === "denied.stateSecret" ? j % 2 : (i + j) % 3 === 0 ? 1 : 0;
      v.set(`applications/${r.key}/${col}`, x);
      rest += x;
    });
    v.set(`applications/granted/${col}`, received[j]! + carriedOver[j]! - carriedForward[j]! - rest);
  });
  const rl = t.sections.reviewLitigation;
  rl.rows.forEach((g, i) => ["upheld", "corrected", "other", "pending"].forEach((c, k) => v.set(`reviewLitigation/${g.key}/${c}`, (i + k) % 3 + (k === 0 ? 2 : 0))));
  for (const c of cells) if (!v.has(c.id)) throw new Error(`no figure for ${c.id}`);
  return v;
}

/** Derived figures as the rules define them (row totals, （七）总计, group totals). */
function total(t: ReportTemplate, v: Values, section: "applications" | "reviewLitigation", row: string) {
  const cols = t.sections[section].rows.find((r) => r.key === row)!.columns.filter((c) => !c.derived);
  return cols.reduce((s, c) => s + v.get(`${section}/${row}/${c.key}`)!, 0);
}

async function startReport(page: Page, year: number) {
  await page.goto("/workspace");
  const row = page.getByRole("table", { name: "年度报告" }).getByRole("row", { name: new RegExp(`^${year} 年度`) });
  await row.getByRole("button", { name: "开始填报", exact: true }).click();
  await page.waitForURL(/\/workspace\/reports\/[^/]+$/);
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeVisible();
  return page.url().split("/").pop()!;
}

const cell = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });
/** the same input by its accessible name (aria-label), found without walking the accessibility tree: fast on a 200-cell form */
const input = (page: Page, name: string) => page.locator(`input[aria-label="${name}"]`);

/** every input's value by its accessible name, read at once */
const inputValues = (page: Page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLInputElement>("table.editable input[aria-label]")].map((i) => [i.getAttribute("aria-label")!, i.value])));

async function storedCells(reportId: string) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const r = await client.query(`SELECT section, "row", "column", value::text AS value FROM "ReportCell" WHERE "reportId" = $1`, [reportId]);
    const status = await client.query(`SELECT status FROM "Report" WHERE id = $1`, [reportId]);
    return { cells: new Map(r.rows.map((x) => [`${x.section}/${x.row}/${x.column}`, x.value === null ? null : Number(x.value)])), status: status.rows[0]?.status as string };
  } finally {
    await client.end();
  }
}

const PASTED_ROWS = ["granted", "partiallyGranted", "denied.stateSecret"];
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** Fills a whole report: header, 一/五/六, and every input of 二/三/四 (three rows of 三 pasted as a block). */
async function fillReport(page: Page, templateId: TemplateId, v: Values) {
  const t = getTemplate(templateId);
  await page.getByLabel("地址", { exact: true }).fill("贺兰县富兴街 88 号");
  await page.getByLabel("电话", { exact: true }).fill("0951-8061253");
  await page.getByLabel("电子邮箱", { exact: true }).fill("gongkai@example.cn");
  await page.getByLabel("成文日期", { exact: true }).fill(`${templateId === "2021" ? 2022 : 2020}-01-18`);
  await page.getByRole("textbox", { name: "一、总体情况" }).fill("### （一）主动公开\n\n全年主动公开政府信息 **687** 条。\n\n### （二）依申请公开\n\n依法办理申请。");
  await page.getByRole("textbox", { name: "五、存在的主要问题及改进情况" }).fill("公开内容的深度还不够，下一步将细化目录。");
  if (templateId === "2021") {
    await page.getByRole("button", { name: "插入小标题：依据《政府信息公开信息处理费管理办法》收取信息处理费的情况" }).click();
    await expect(page.getByRole("textbox", { name: "六、其他需要报告的事项" })).toHaveValue(/### （一）依据《政府信息公开信息处理费管理办法》/);
    await page.getByRole("textbox", { name: "六、其他需要报告的事项" }).press("End");
    await page.getByRole("textbox", { name: "六、其他需要报告的事项" }).pressSequentially("本年度未收取信息处理费。");
  } else {
    await page.getByRole("textbox", { name: "六、其他需要报告的事项" }).fill("无其他需要报告的事项。");
  }
  const typed = cellsOf(t).filter((c) => !c.derived && !(c.section === "applications" && PASTED_ROWS.includes(c.row)));
  // 一、本年新收 is typed key by key; the other cells get the same input events in one round trip
  // (200 separate fills take minutes on a busy CI machine)
  for (const c of typed.filter((c) => c.section === "applications" && c.row === "received")) await input(page, c.name).fill(String(v.get(c.id)));
  await page.evaluate((entries) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    const inputs = [...document.querySelectorAll<HTMLInputElement>("table.editable input[aria-label]")];
    for (const [name, value] of entries) {
      const el = inputs.find((i) => i.getAttribute("aria-label") === name);
      if (!el) throw new Error(`no input named ${name}`);
      el.focus();
      setValue.call(el, value);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }, typed.filter((c) => !(c.section === "applications" && c.row === "received")).map((c) => [c.name, String(v.get(c.id))] as [string, string]));
  // a 3 × 7 block as Excel/WPS copies it: tabs, \r\n, thousands separators, full-width digits, trailing spaces
  const apps = t.sections.applications;
  const block = PASTED_ROWS.map((row) =>
    apps.columns
      .map((col, j) => {
        if (col.derived) return String(total(t, v, "applications", row));
        const n = v.get(`applications/${row}/${col.key}`)!;
        return j === 0 ? n.toLocaleString("en-US") : j === 1 ? fullWidth(String(n)) : j === 2 ? `${n}  ` : String(n);
      })
      .join("\t"),
  ).join("\r\n");
  await cell(page, "（一）予以公开 自然人").focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${block}\r\n`);
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText("已粘贴 3 行 × 7 列：填入 18 格");
  for (const row of PASTED_ROWS) await expect(cell(page, `${apps.rows.find((r) => r.key === row)!.label} 商业企业`)).toHaveValue(String(v.get(`applications/${row}/commercial`)));
}

async function expectEveryValue(page: Page, templateId: TemplateId, v: Values) {
  const t = getTemplate(templateId);
  await expect(cell(page, "一、本年新收政府信息公开申请数量 自然人")).toHaveValue("1234");
  const shown = await inputValues(page);
  const expected = Object.fromEntries(cellsOf(t).filter((c) => !c.derived).map((c) => [c.name, String(v.get(c.id))]));
  expect(shown).toEqual(expected);
  await expect(page.getByLabel("地址", { exact: true })).toHaveValue("贺兰县富兴街 88 号");
  await expect(page.getByRole("textbox", { name: "五、存在的主要问题及改进情况" })).toHaveValue("公开内容的深度还不够，下一步将细化目录。");
}

async function expectStored(reportId: string, templateId: TemplateId, v: Values, status: string) {
  const t = getTemplate(templateId);
  const stored = await storedCells(reportId);
  expect(stored.status).toBe(status);
  for (const c of cellsOf(t)) {
    if (!c.derived) expect(stored.cells.get(c.id), c.id).toBe(v.get(c.id));
  }
  expect(stored.cells.get("applications/handledTotal/naturalPerson")).toBe(
    t.sections.applications.rows.filter((r) => !r.derived && !["received", "carriedOver", "carriedForward"].includes(r.key)).reduce((s, r) => s + v.get(`applications/${r.key}/naturalPerson`)!, 0),
  );
  expect(stored.cells.get("applications/received/total")).toBe(total(t, v, "applications", "received"));
}

test("金贵镇 files its 2021 report in the 2021 format: grid, paste, live 勾稽, save, reload, submit", async ({ page }) => {
  await countCellRenders(page);
  await signInAs(page, "clerk-jingui");
  const reportId = await startReport(page, 2021);
  const t = getTemplate("2021");
  const v = figures(t);
  await fillReport(page, "2021", v);

  // derived cells are outputs, computed live
  await expect(page.locator(`output[aria-label="一、本年新收政府信息公开申请数量 总计"]`)).toHaveText(String(total(t, v, "applications", "received")));
  await expect(page.locator(`output[aria-label="行政复议 总计"]`)).toHaveText(String(total(t, v, "reviewLitigation", "reconsideration")));
  const summary = page.getByRole("region", { name: "校验结果" });
  await expect(summary).toContainText("未发现问题");

  // a broken 勾稽关系 appears next to the table and in the summary, naming the column and both amounts, then clears
  const received = cell(page, "一、本年新收政府信息公开申请数量 商业企业");
  // after the form settled: what one keystroke re-renders (e2e/support/render-counts.ts)
  await resetCellRenders(page);
  await received.fill("46");
  const balance = summary.getByRole("link", { name: /商业企业 列：一、本年新收 \+ 二、上年结转 = 47，三、办理结果（七）总计 \+ 四、结转下年度 = 46/ });
  await expect(balance).toBeVisible();
  await expect(page.getByRole("list", { name: "三、收到和处理政府信息公开申请情况 的校验结果" })).toContainText("商业企业 列");
  await expect(received).toHaveAttribute("aria-invalid", "true");
  // typing re-rendered the typed cell and what depends on it, not the whole form
  const rendered = Object.keys(await cellRenders(page));
  expect(rendered).toContain("applications/received/commercial");
  expect(rendered).not.toContain("proactive/regulations/issued");
  expect(rendered).not.toContain("applications/received/naturalPerson");
  expect(rendered.length).toBeLessThan(12);
  await balance.click();
  await expect(received).toBeFocused();
  await received.fill("45");
  await expect(summary).toContainText("未发现问题");

  // a non-number is marked in place and kept with the draft (only 提交审核 refuses it), and the grid moves like a spreadsheet
  await received.fill("abc");
  await expect(received).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("「abc」不是数字：可随草稿保存，提交审核前请改为数字")).toBeVisible();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText(/已保存.*不是数字/);
  await received.fill("45");
  await received.press("ArrowDown");
  await expect(cell(page, "二、上年结转政府信息公开申请数量 商业企业")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(cell(page, "（一）予以公开 商业企业")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(cell(page, "（一）予以公开 科研机构")).toBeFocused();

  // 预览 shows the report as it will be published
  await page.getByRole("button", { name: "预览" }).click();
  const preview = page.getByRole("dialog", { name: "预览" });
  await expect(preview.getByRole("heading", { name: "贺兰县金贵镇2021年政府信息公开工作年度报告" })).toBeVisible();
  await expect(preview.locator('td[data-cell="applications/received/naturalPerson"]')).toHaveText("1234");
  await preview.getByRole("button", { name: "关闭预览" }).click();

  await page.getByRole("button", { name: "保存草稿" }).click();
  // this save's status, not the earlier one's (which also began 已保存 and named the text cell)
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText("已保存");
  await expect(page.getByRole("status", { name: "保存状态" })).not.toContainText("不是数字");
  await page.reload();
  await expectEveryValue(page, "2021", v);
  await expect(page.getByRole("textbox", { name: "六、其他需要报告的事项" })).toHaveValue(/本年度未收取信息处理费。/);
  await expectStored(reportId, "2021", v, "DRAFT");

  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核，审核人退回之前不能修改。")).toBeVisible();
  await expect(page.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
  await expectStored(reportId, "2021", v, "SUBMITTED");
  await page.goto("/workspace");
  const row = page.getByRole("table", { name: "年度报告" }).getByRole("row", { name: /^2021 年度/ });
  await expect(row).toContainText("待审核");
  await expect(row.getByRole("link", { name: "查看", exact: true })).toBeVisible();
});

test("习岗镇 files its 2019 report in the 2019 format and submits it; required fields block submission first", async ({ page }) => {
  await signInAs(page, "clerk-xigang");
  const reportId = await startReport(page, 2019);
  const t = getTemplate("2019");
  const v = figures(t);
  // nothing filled: 提交审核 is refused with the required fields listed
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "不能提交审核" })).toBeVisible();
  await expect(page.getByRole("region", { name: "校验结果" })).toContainText("一、总体情况 未填写");
  await fillReport(page, "2019", v);
  await expect(page.getByRole("region", { name: "校验结果" })).toContainText("未发现问题");
  await expect(page.locator(`output[aria-label="（七）总计 自然人"]`)).toBeVisible();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText("已保存");
  await page.reload();
  await expectEveryValue(page, "2019", v);
  await expect(cell(page, "行政许可 本年增/减")).toHaveValue("-2");
  await expect(cell(page, "政府集中采购 采购总金额")).toHaveValue("1234.5678");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核，审核人退回之前不能修改。")).toBeVisible();
  await expectStored(reportId, "2019", v, "SUBMITTED");
});

test("another agency's clerk cannot open the report (404)", async ({ page, browser }) => {
  await signInAs(page, "clerk-zrzy");
  const reportId = await startReport(page, 2023);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAs(otherPage, "clerk-jingui");
  const response = await otherPage.goto(`/workspace/reports/${reportId}`);
  expect(response?.status()).toBe(404);
  await expect(otherPage.getByRole("button", { name: "保存草稿" })).toHaveCount(0);
  await other.close();
});

test("a stale save is refused, naming what changed elsewhere, and keeps the entries on screen @smoke", async ({ page, context }) => {
  await signInAs(page, "clerk-zrzy");
  await startReport(page, 2024);
  const second = await context.newPage();
  await second.goto(page.url());
  await page.getByLabel("地址", { exact: true }).fill("银川市贺兰县 1 号");
  await cell(page, "一、本年新收政府信息公开申请数量 自然人").fill("12");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText("已保存");

  await cell(second, "一、本年新收政府信息公开申请数量 自然人").fill("7");
  await second.getByRole("button", { name: "保存草稿" }).click();
  const refusal = second.getByRole("alert").filter({ hasText: "未保存" });
  await expect(refusal).toContainText("其他人已修改");
  await expect(refusal).toContainText("地址");
  await expect(refusal).toContainText("一、本年新收政府信息公开申请数量 自然人");
  await expect(second.getByRole("status", { name: "保存状态" })).toContainText("未保存");
  await expect(cell(second, "一、本年新收政府信息公开申请数量 自然人")).toHaveValue("7");
});

test("an expired session keeps the entries and offers them after signing in again", async ({ page, context }) => {
  page.on("dialog", (d) => void d.accept());
  await signInAs(page, "clerk-jingui");
  const reportId = await startReport(page, 2025);
  await cell(page, "一、本年新收政府信息公开申请数量 自然人").fill("21");
  await page.getByRole("textbox", { name: "一、总体情况" }).fill("会话过期前写下的总体情况。");
  // the local copy is written 300 ms after the last keystroke (components/report-editor/model.ts)
  await expect
    .poll(() => page.evaluate((id) => Object.entries(localStorage).find(([k]) => k.startsWith(`govreports:unsaved:${id}:`))?.[1] ?? "", reportId))
    .toContain("会话过期前写下的总体情况。");
  await context.clearCookies();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "登录已过期" })).toBeVisible();
  await expect(cell(page, "一、本年新收政府信息公开申请数量 自然人")).toHaveValue("21");

  await signIn(page, "clerk-jingui"); // signing in again is the point: through the form
  await page.goto(`/workspace/reports/${reportId}`);
  await expect(cell(page, "一、本年新收政府信息公开申请数量 自然人")).toHaveValue("");
  await page.getByRole("button", { name: "恢复未保存的内容" }).click();
  await expect(cell(page, "一、本年新收政府信息公开申请数量 自然人")).toHaveValue("21");
  await expect(page.getByRole("textbox", { name: "一、总体情况" })).toHaveValue("会话过期前写下的总体情况。");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status", { name: "保存状态" })).toContainText("已保存");
  const stored = await storedCells(reportId);
  expect(stored.cells.get("applications/received/naturalPerson")).toBe(21);
  await page.reload();
  await expect(page.getByRole("button", { name: "恢复未保存的内容" })).toHaveCount(0);
});
