// In the browser and over HTTP: a report published elsewhere and imported as
// printed shows its data-quality notes on its page and through the API; money to the 分
// reads back exactly as written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cli } from "./helpers";

const BASE = JSON.parse(fs.readFileSync("test/fixtures/zrzy-2022-format2021.json", "utf8"));
const YEAR = 2023;

async function importAsPublished(name: string, doc: unknown) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-published-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  const r = await cli("import", file, "--publish", "--as-published");
  fs.rmSync(dir, { recursive: true, force: true });
  expect(r.status, r.output).toBe(0);
  return r.stdout;
}

function report(code: string, name: string) {
  const doc = structuredClone(BASE);
  doc.agency = { code, name, region: { code: "640122", name: "贺兰县" } };
  doc.year = YEAR;
  doc.issuedOn = null;
  delete doc.contact;
  doc.proactive.fees.amount = 7539.443252;
  return doc;
}

test.describe("reports published elsewhere", () => {
  test.describe.configure({ timeout: 90_000 }); // imports of real reports and their pages on a loaded machine

  test("money to the 分 reads back exactly in the page and the API", async ({ page, request }) => {
    await importAsPublished("caizheng.json", report("640122-cz", "贺兰县财政局"));
    const api = await request.get(`/api/reports/640122-cz/${YEAR}`);
    expect(api.status()).toBe(200);
    const text = await api.text();
    expect(text).toContain('"amount":7539.443252');
    expect((await api.json()).proactive.fees.amount).toBe(7539.443252);
    expect(api.headers()["x-data-quality-notes"]).toBe("0");

    await page.goto(`/reports/640122-cz/${YEAR}`);
    await expect(page.locator('[data-cell="proactive/fees/amount"]')).toHaveText("7539.443252");
    await expect(page.getByRole("region", { name: "数据质量说明" })).toHaveCount(0);
  });

  test("a printed （七）总计 that breaks its sum is shown as printed, with its note on the page and in the API", async ({ page, request }) => {
    const doc = report("640122-sj", "贺兰县审计局");
    doc.applications.handledTotal = { naturalPerson: 7 }; // its rows sum to 13
    const out = await importAsPublished("shenji.json", doc);
    // （七）总计 自然人, and the 勾稽关系 of 自然人 and 总计 (unchanged when this database already has it)
    expect(out).toMatch(/(已导入并发布|内容未变化，未做修改)（3 条数据质量说明）/);

    await page.goto(`/reports/640122-sj/${YEAR}`);
    const notes = page.getByRole("region", { name: "数据质量说明" });
    await expect(notes).toContainText("（七）总计 原报告印为 7，（一）至（六）各项办理结果之和为 13，相差 6");
    await expect(notes).toContainText("勾稽关系不平");
    // the table shows the figure as printed
    await expect(page.locator('[data-cell="applications/handledTotal/naturalPerson"]')).toHaveText("7");

    const api = await request.get(`/api/reports/640122-sj/${YEAR}`);
    expect(api.status()).toBe(200);
    expect(api.headers()["x-data-quality-notes"]).toBe("3");
    expect(api.headers()["link"]).toContain(`</api/reports/640122-sj/${YEAR}/quality-notes>; rel="describedby"`);
    const body = await api.json();
    expect(body.format).toBe("gov-info-disclosure-annual-report/v1");
    expect(body.applications.handledTotal.naturalPerson).toBe(7);
    expect(body.contact).toEqual({ address: "", phone: "", email: "" });

    const companion = await request.get(`/api/reports/640122-sj/${YEAR}/quality-notes`);
    expect(companion.status()).toBe(200);
    const { qualityNotes } = await companion.json();
    expect(qualityNotes.map((n: { id: string }) => n.id)).toEqual(["handledTotal", "balance", "balance"]);
    expect(qualityNotes[0].message).toContain("原报告印为 7，（一）至（六）各项办理结果之和为 13，相差 6");

    expect((await request.get(`/api/reports/640122-none/${YEAR}/quality-notes`)).status()).toBe(404);
  });
});

test("the browser check reports a negative cell and a broken sum at once, and the sum it cannot check", async ({ page }) => {
  const doc = JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"));
  doc.applications.received.commercial = -3;
  doc.reviewLitigation.reconsideration.upheld = 2; // its 总计 still 0
  await page.goto("/tools/validate");
  await page.getByLabel("报告文件（.json）").setInputFiles({ name: "two-problems.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });
  const status = page.getByRole("status", { name: "校验结果" });
  await expect(status).toContainText("实际为 -3（不能为负数）");
  const problems = page.getByRole("table", { name: "校验问题" });
  await expect(problems.getByRole("row", { name: /复议诉讼总计/ })).toContainText("相差 2");
  await expect(problems.getByRole("row", { name: /勾稽关系/ }).first()).toContainText("无法核对");
  await expect(problems.getByRole("row", { name: /勾稽关系/ }).first()).toContainText("一、本年新收政府信息公开申请数量 商业企业（-3）");
});
