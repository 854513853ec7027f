// The clerk's editor, continued: 从文件导入 that asks before replacing typed values (and offers
// only the texts of another year's file, without its sign-off), Chinese controls on an
// English-language browser, and the grids on a phone: sticky headers and row labels that
// never hide the focused cell.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { agencyWithReport, signIn, signInAs } from "./helpers";

test.describe.configure({ timeout: 240_000 });

const fixture = JSON.parse(fs.readFileSync("test/fixtures/zrzy-2022-format2021.json", "utf8"));
const input = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });
const saveStatus = (page: Page) => page.getByRole("status", { name: "保存状态" });
const importStatus = (page: Page) => page.getByRole("status", { name: "导入结果" });

async function openDraft(page: Page, label: string, year: number) {
  const { reportId, clerk } = await agencyWithReport("ei", label, "DRAFT", year);
  await signIn(page, clerk);
  await page.goto(`/workspace/reports/${reportId}`);
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeVisible();
  return reportId;
}

function tempFile(name: string, body: Buffer | string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-import-")), name);
  fs.writeFileSync(file, body);
  return file;
}

async function zrzyDocx(page: Page) {
  const docx = await page.request.get("/api/reports/640122-zrzy/2022/docx");
  expect(docx.status()).toBe(200);
  return tempFile("贺兰县自然资源局2022年度报告.docx", await docx.body());
}

test("an import that would replace typed values asks first, naming how many; 取消导入 leaves the form as it was", async ({ page }) => {
  await openDraft(page, "导入确认", 2022);
  const file = await zrzyDocx(page);
  const received = input(page, "一、本年新收政府信息公开申请数量 自然人");
  await received.fill("77");

  await page.getByLabel("从文件导入").setInputFiles(file);
  await expect(importStatus(page)).toContainText(/会替换您已填写的 \d+ 项/);
  const n = Number(/会替换您已填写的 (\d+) 项/.exec((await importStatus(page).textContent()) ?? "")![1]);
  expect(n).toBeGreaterThan(1);
  // one message: nothing says the file was filled in while the form waits for the answer
  await expect(importStatus(page)).not.toContainText("填入表单");
  await expect(saveStatus(page)).not.toContainText("已从文件填入");
  await expect(received).toHaveValue("77");

  await page.getByRole("button", { name: "取消导入" }).click();
  await expect(importStatus(page)).toContainText("未导入");
  await expect(received).toHaveValue("77");
  await expect(input(page, "地址")).toHaveValue("贺兰县测试路 1 号");

  await page.getByLabel("从文件导入").setInputFiles(file);
  await page.getByRole("button", { name: `导入并替换 ${n} 项` }).click();
  await expect(importStatus(page)).toContainText("已从文件填入，尚未保存");
  await expect(importStatus(page)).toContainText(`替换了您填写的 ${n} 项`);
  await expect(saveStatus(page)).toContainText("已从文件填入，尚未保存");
  await expect(received).toHaveValue(String(fixture.applications.received.naturalPerson));
  await expect(input(page, "地址")).toHaveValue(fixture.contact.address);
});

test("a file of another year offers 仅导入正文与联系方式: its texts come in without its sign-off, its figures do not", async ({ page }) => {
  const reportId = await openDraft(page, "他年", 2022);
  // a web-page report of 2021 as a township prints it: signed by 人民政府 with the date under 六
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>r</title></head><body>
    <h1>贺兰县金贵镇2021年政府信息公开工作年度报告</h1>
    <p>（通信地址：贺兰县金贵镇金贵街1号；联系电话：0951-8888888；电子邮箱：jingui@example.cn）</p>
    <h2>一、总体情况</h2><p>2021年，金贵镇认真贯彻落实《条例》。</p>
    <h2>五、存在的主要问题及改进情况</h2><p>公开深度不够。</p>
    <h2>六、其他需要报告的事项</h2><p>本年度未收取信息处理费。</p>
    <p>贺兰县金贵镇人民政府</p><p>2022年1月20日</p>
  </body></html>`;
  await page.getByLabel("从文件导入").setInputFiles(tempFile("金贵镇2021年度报告.html", html));
  await expect(importStatus(page)).toContainText("2021 年度");
  await expect(importStatus(page)).toContainText("2022 年度");
  await expect(importStatus(page)).not.toContainText("填入表单");
  await expect(page.getByRole("button", { name: /^导入并替换/ })).toHaveCount(0);
  await page.getByRole("button", { name: "仅导入正文与联系方式" }).click();

  await expect(importStatus(page)).toContainText("已从文件导入正文与联系方式");
  await expect(page.getByRole("textbox", { name: "一、总体情况" })).toHaveValue("2021年，金贵镇认真贯彻落实《条例》。");
  await expect(page.getByRole("textbox", { name: "六、其他需要报告的事项" })).toHaveValue("本年度未收取信息处理费。");
  await expect(input(page, "地址")).toHaveValue("贺兰县金贵镇金贵街1号");
  await expect(input(page, "电话")).toHaveValue("0951-8888888");
  // the figures and the 成文日期 are this report's own
  await expect(input(page, "一、本年新收政府信息公开申请数量 自然人")).toHaveValue("5");
  await expect(input(page, "成文日期")).toHaveValue("2023年1月15日");

  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(saveStatus(page)).toContainText("已保存");
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT other, "contactAddress" FROM "Report" WHERE id = $1`, [reportId]);
    expect(rows[0]).toEqual({ other: "本年度未收取信息处理费。", contactAddress: "贺兰县金贵镇金贵街1号" });
  } finally {
    await c.end();
  }
});

test.describe("on an English-language browser", () => {
  test.use({ locale: "en-US" });

  test("the file picker and 成文日期 speak Chinese; the date is typed as 年/月/日 and saved as before", async ({ page }) => {
    const reportId = await openDraft(page, "英文", 2022);
    const picker = page.getByLabel("从文件导入");
    await expectChinesePicker(page, picker);

    const date = page.getByLabel("成文日期", { exact: true });
    await expect(date).toHaveAttribute("type", "text");
    await expect(date).toHaveValue("2023年1月15日");
    await date.fill("2023年2月3日");
    await date.blur();
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(saveStatus(page)).toContainText("已保存");
    await date.fill("2023-02-30");
    await expect(date).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/成文日期应为有效日期/)).toBeVisible();
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(saveStatus(page)).toContainText("未保存");
    await expect(saveStatus(page)).toContainText("成文日期");

    await page.reload();
    await expect(page.getByLabel("成文日期", { exact: true })).toHaveValue("2023年2月3日");
    const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT to_char("issuedOn", 'YYYY-MM-DD') AS d FROM "Report" WHERE id = $1`, [reportId]);
      expect(rows[0].d).toBe("2023-02-03");
    } finally {
      await c.end();
    }

    // the chosen file's name replaces 未选择文件
    await page.getByLabel("从文件导入").setInputFiles(await zrzyDocx(page));
    await expect(page.getByText("贺兰县自然资源局2022年度报告.docx", { exact: true })).toBeVisible();
  });

  test("the administrator's batch import and the file validator show the same Chinese file pickers", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/import");
    for (const label of ["单位名单（CSV）", "用户名单（CSV）"]) await expectChinesePicker(page, page.getByLabel(label));
    await page.getByLabel("单位名单（CSV）").setInputFiles({ name: "单位名单.csv", mimeType: "text/csv", buffer: Buffer.from("代码,名称,类型,所属地区代码\r\n") });
    await expect(page.getByText("单位名单.csv", { exact: true })).toBeVisible();

    await page.goto("/tools/validate");
    await expectChinesePicker(page, page.getByLabel("报告文件（.json）"));
  });
});

/**
 * A file input drawn as the Chinese FilePicker: the native control (which would say "Choose File /
 * No file chosen" here) is out of sight, and beside it a button 选择文件 and 未选择文件 name it.
 */
async function expectChinesePicker(page: Page, input: Locator) {
  await expect(input).toHaveAttribute("type", "file");
  const box = await input.boundingBox();
  expect(box === null || (box.width <= 1 && box.height <= 1), "the native file control is visible").toBe(true);
  const id = await input.getAttribute("id");
  await expect(page.locator(`label[for="${id}"]`, { hasText: /^选择文件$/ })).toBeVisible();
  await expect(input.locator("xpath=following-sibling::*").getByText("未选择文件", { exact: true })).toBeVisible();
}

/** Where the focused cell is against the toolbar, its table's header, its frame and (三) the sticky row labels. */
async function focusedPlace(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const r = el.getBoundingClientRect();
    const table = el.closest("table") as HTMLTableElement;
    const frame = el.closest(".table-frame") as HTMLElement;
    const f = frame.getBoundingClientRect();
    const bar = document.querySelector(".editor-toolbar")!.getBoundingClientRect();
    // the column headers over the cell: the thead, or (二) its group's header row, whichever is at or above it
    const heads = [table.tHead, ...table.querySelectorAll<HTMLElement>("tbody tr.header-row > th:first-child")].filter((h): h is HTMLElement => !!h).map((h) => h.getBoundingClientRect());
    const over = heads.filter((h) => h.top <= r.top + 1);
    const head = over.length ? over.reduce((a, b) => (b.bottom > a.bottom ? b : a)) : heads[0]!;
    let labels = f.left;
    for (const th of table.querySelectorAll<HTMLElement>("tbody th.row-label")) {
      const b = th.getBoundingClientRect();
      if (b.bottom > head.bottom && b.top < f.bottom) labels = Math.max(labels, b.right);
    }
    return {
      name: el.getAttribute("aria-label"),
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      barBottom: bar.bottom,
      headTop: head.top,
      headBottom: head.bottom,
      frameTop: f.top,
      frameBottom: f.top + frame.clientTop + frame.clientHeight,
      frameRight: f.left + frame.clientLeft + frame.clientWidth,
      labels,
      height: window.innerHeight,
      scrolledLeft: frame.scrollLeft,
    };
  });
}

test("at 390×844 三 scrolls in its frame: headers and row labels stay in sight, and arrow moves never put the focused cell under them", async ({ page }) => {
  test.setTimeout(480_000); // about 60 geometry checks, each a round trip: minutes on a busy two-core machine
  await page.setViewportSize({ width: 390, height: 844 });
  await openDraft(page, "手机", 2022);
  const check = (w: Awaited<ReturnType<typeof focusedPlace>>, step: string) => {
    expect(w.top, `${w.name} ${step}: below the header`).toBeGreaterThanOrEqual(w.headBottom - 1);
    expect(w.headTop, `${w.name} ${step}: header below the toolbar`).toBeGreaterThanOrEqual(w.barBottom - 1);
    expect(w.bottom, `${w.name} ${step}: inside the frame`).toBeLessThanOrEqual(Math.min(w.frameBottom, w.height) + 1);
    expect(w.left, `${w.name} ${step}: right of the row labels`).toBeGreaterThanOrEqual(w.labels - 1);
    expect(w.right, `${w.name} ${step}: inside the frame`).toBeLessThanOrEqual(w.frameRight + 1);
  };

  // rightwards along 三's last row, then up the last column: the frame scrolls both ways
  await input(page, "四、结转下年度继续办理 自然人").focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowDown");
  check(await focusedPlace(page), "first");
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("ArrowRight");
    check(await focusedPlace(page), `after ${i + 1} ArrowRight`);
  }
  const w = await focusedPlace(page);
  expect(w.scrolledLeft, "the table scrolled sideways").toBeGreaterThan(0);
  // the row label of the focused row is still in sight at the left of the frame
  const label = page.locator("table.applications tbody th.row-label", { hasText: "四、结转下年度继续办理" });
  const lb = (await label.boundingBox())!;
  const frame = (await page.locator("table.applications").locator("xpath=..").boundingBox())!;
  expect(lb.x).toBeGreaterThanOrEqual(frame.x - 1);
  expect(lb.x + lb.width).toBeLessThanOrEqual(w.left + 1);
  for (let i = 0; i < 24; i++) {
    await page.keyboard.press("ArrowUp");
    check(await focusedPlace(page), `after ${i + 1} ArrowUp`);
  }

  // 二 and 四: their column headers stay at the top of their frames when the rows scroll
  for (const [table, name] of [
    ["proactive", "行政许可 本年处理决定数量"],
    ["reviewLitigation", "复议后起诉 结果纠正"],
  ] as const) {
    await input(page, name).focus();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i % 2 ? "ArrowUp" : "ArrowDown");
      const p = await focusedPlace(page);
      expect(p.top, `${table}: ${p.name}`).toBeGreaterThanOrEqual(p.headBottom - 1);
      expect(p.headTop, `${table}: header below the toolbar`).toBeGreaterThanOrEqual(p.barBottom - 1);
      expect(p.bottom, `${table}: ${p.name}`).toBeLessThanOrEqual(p.height + 1);
    }
  }
});

test("at 1366×768 the headers of 二 and 三 stick below the toolbar while the page scrolls", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDraft(page, "宽屏", 2022);
  for (const section of ["proactive", "applications"]) {
    const table = page.locator(`table.editable.${section}`);
    // scroll into the table's rows (its middle; for 四, one row under a tall thead, just past its top)
    await table.evaluate((t) => {
      const r = t.getBoundingClientRect();
      const head = (t as HTMLTableElement).tHead?.getBoundingClientRect().height ?? 0;
      window.scrollTo({ top: window.scrollY + r.top + Math.min(r.height / 2, r.height - head - 20), behavior: "instant" });
    });
    const bar = (await page.getByRole("toolbar", { name: "填报操作" }).boundingBox())!;
    // the column headers: the thead, or (二, whose groups each have theirs) the header rows' cells (they stick, not the rows)
    const heads = await table.locator("thead, tbody tr.header-row > th").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const stuck = heads.filter((h) => Math.abs(h.top - (bar.y + bar.height)) <= 2);
    expect(stuck.length, `${section}: a header right under the toolbar`).toBeGreaterThan(0);
  }
});
