// The review path in the browser: a clerk's submission is returned with a reason, the
// clerk sees it and resubmits, the reviewer approves and publishes, the public reads it;
// batch publish; a reviewer of another county sees nothing and can do nothing; a correction.
// Steps that belong to the clerk's editor (another part of the app) are made through the
// real operations by e2e/support/workflow-fixture.ts.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { workflowFixture as fixture, agencyWithReport, signedInPage } from "./helpers";

const YEAR = 2022;
const BASE = `http://localhost:${Number(process.env.E2E_PORT || 3210)}`;
// each scenario calls the fixture a few times and walks several pages: more than the default 30 s on a busy machine
test.describe.configure({ timeout: 240_000 }); // the whole review by two people in two browsers: ≈ 90 s on a loaded machine

/** GET on a connection of its own (the app's processes take new connections in turn). */
function onNewConnection(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, BASE), { agent: false, headers: { Connection: "close" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

test("提交 → 退回（理由）→ 填报人看到理由并重新提交 → 审核通过 → 发布 → 公开页面", async ({ browser }) => {
  const a = await agencyWithReport("e", "审核测试局", "SUBMITTED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");

  await reviewer.goto(`/review?year=${YEAR}&status=SUBMITTED`);
  const row = reviewer.getByRole("table", { name: "辖区单位报送情况" }).getByRole("row", { name: new RegExp(a.name) });
  await expect(row).toContainText("待审核");
  await row.getByRole("link", { name: "审核" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/review/reports/${a.reportId}$`));
  await expect(reviewer.getByRole("heading", { name: "规则检查" })).toBeVisible();
  await expect(reviewer.getByRole("heading", { level: 1, name: `${a.name}${YEAR}年政府信息公开工作年度报告` })).toBeVisible();

  // 退回 needs its reason: the browser refuses an empty one, the server would too
  await reviewer.getByRole("button", { name: "退回" }).click();
  await expect(reviewer.getByText("退回：已退回")).toHaveCount(0);
  await reviewer.getByLabel("退回理由").fill("第三表自然人申请数与正文不符，请核对");
  await reviewer.getByRole("button", { name: "退回" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已退回");
  await expect(reviewer.getByRole("heading", { level: 1, name: `${a.name} ${YEAR} 年度报告` })).toContainText("已退回");

  const clerk = await signedInPage(browser, a.clerk);
  await clerk.goto("/workspace");
  await expect(clerk.getByRole("row", { name: new RegExp(`${YEAR} 年度`) })).toContainText("退回理由：第三表自然人申请数与正文不符，请核对");

  await fixture("resubmit", a.code, String(YEAR));
  await reviewer.reload();
  const changes = reviewer.getByRole("table", { name: "自上次提交以来的变化" });
  await expect(changes.getByRole("row", { name: /一、本年新收政府信息公开申请数量 自然人/ })).toContainText(/5\s*6/);
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已审核通过");
  await reviewer.getByRole("button", { name: "发布", exact: true }).click();
  await reviewer.getByRole("button", { name: "确认发布" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已发布");

  const pub = await browser.newPage();
  await pub.goto(`/reports/${a.code}/${YEAR}`);
  await expect(pub.getByRole("heading", { level: 1 })).toHaveText(`${a.name}${YEAR}年政府信息公开工作年度报告`);

  // the clerk sees the whole story in the audit trail
  await clerk.goto(`/workspace/reports/${a.reportId}/audit`);
  const audit = clerk.getByRole("table", { name: "审计记录" });
  for (const step of ["提交审核", "退回", "审核通过", "发布"]) await expect(audit).toContainText(step);
  await expect(audit).toContainText("第三表自然人申请数与正文不符");
  await expect(audit).toContainText("一、本年新收政府信息公开申请数量 自然人");
});

test("一次发布两份已审核的报告 @smoke", async ({ browser }) => {
  const a = await agencyWithReport("e", "批量甲", "APPROVED", YEAR);
  const b = await agencyWithReport("e", "批量乙", "APPROVED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review?year=${YEAR}&status=APPROVED`);
  await reviewer.getByRole("checkbox", { name: `选择 ${a.name}` }).check();
  await reviewer.getByRole("checkbox", { name: `选择 ${b.name}` }).check();
  await reviewer.getByRole("button", { name: "发布所选报告" }).click();
  await reviewer.getByRole("button", { name: "确认发布" }).click();
  const status = reviewer.getByRole("status", { name: "批量发布结果" });
  await expect(status).toContainText(`${a.name} ${YEAR} 年度：已发布（第 1 版）`);
  await expect(status).toContainText(`${b.name} ${YEAR} 年度：已发布（第 1 版）`);
  for (const x of [a, b]) {
    const res = await reviewer.request.get(`/api/reports/${x.code}/${YEAR}`);
    expect(res.status()).toBe(200);
  }
});

test("其他县的审核人既看不到也不能处理本县报告", async ({ browser }) => {
  const a = await agencyWithReport("e", "越权测试局", "SUBMITTED", YEAR);
  const otherReviewer = `reviewer-e2e-${Date.now().toString(36)}`;
  await fixture("county", "640106", "金凤区", otherReviewer);

  // capture the real 审核通过 request of the county's own reviewer, without letting it through
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review/reports/${a.reportId}`);
  let captured: { headers: Record<string, string>; body: Buffer } | null = null;
  await reviewer.route(`**/review/reports/${a.reportId}`, async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = { headers: req.headers(), body: req.postDataBuffer()! };
      await route.abort();
    } else await route.continue();
  });
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await expect.poll(() => captured !== null).toBe(true);

  const other = await signedInPage(browser, otherReviewer);
  await other.goto(`/review?year=${YEAR}`);
  await expect(other.getByRole("table", { name: "辖区单位报送情况" })).not.toContainText(a.name);
  const page404 = await other.goto(`/review/reports/${a.reportId}`);
  expect(page404?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  const audit404 = await other.goto(`/review/reports/${a.reportId}/audit`);
  expect(audit404?.status()).toBe(404);

  // the same action posted with the other reviewer's session is refused and changes nothing
  const { cookie: _c, "content-length": _l, ...headers } = captured!.headers;
  const forged = await other.request.post(`/review/reports/${a.reportId}`, { headers, data: captured!.body });
  expect(await forged.text()).toContain("报告不存在");
  expect(await fixture("status", a.code, String(YEAR))).toMatchObject({ status: "SUBMITTED" });
});

test("发起更正 → 修改 → 审核 → 发布第 2 版（附更正说明），第 1 版仍可读", async ({ browser }) => {
  const a = await agencyWithReport("e", "更正测试局", "PUBLISHED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review/reports/${a.reportId}`);
  await reviewer.getByLabel("更正说明").fill("更正第三表自然人新收申请数");
  await reviewer.getByRole("button", { name: "发起更正" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已发起更正");

  // meanwhile the public keeps seeing version 1
  const api = await reviewer.request.get(`/api/reports/${a.code}/${YEAR}`);
  expect((await api.json()).applications.received.naturalPerson).toBe(5);

  await fixture("resubmit", a.code, String(YEAR));
  await reviewer.reload();
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已审核通过");

  // The app runs in two processes on one port (playwright.config.ts). Until the publication
  // commits, both keep being asked for the public page over new connections (handed to the
  // processes in turn), so both remember version 1 as current; the one that publishes must
  // make the other forget it too.
  const publicPath = `/reports/${a.code}/${YEAR}`;
  let priming = true;
  const primed = (async () => {
    let asked = 0;
    while (priming || asked < 4) {
      expect((await onNewConnection(publicPath)).status).toBe(200);
      asked++;
    }
    return asked;
  })();
  try {
    await reviewer.getByRole("button", { name: "发布", exact: true }).click();
    await reviewer.getByRole("button", { name: "确认发布" }).click();
    await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("公开版本第 2 版");
  } finally {
    priming = false;
  }
  expect(await primed).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < 6; i++) {
    const r = await onNewConnection(publicPath);
    expect(r.status).toBe(200);
    // (React separates the text's parts with empty comments in the HTML)
    expect(r.body.replaceAll("<!-- -->", ""), `request ${i + 1} right after publishing, whichever process answers`).toContain("（第 2 版）");
  }

  const pub = await browser.newPage();
  await pub.goto(`/reports/${a.code}/${YEAR}`);
  await expect(pub.getByText("（第 2 版）")).toBeVisible();
  const current = await pub.request.get(`/api/reports/${a.code}/${YEAR}`);
  expect((await current.json()).applications.received.naturalPerson).toBe(6);
  expect(await fixture("versions", a.code, String(YEAR))).toEqual([
    { versionNo: 1, changeNote: null, received: 5 },
    { versionNo: 2, changeNote: "更正第三表自然人新收申请数", received: 6 },
  ]);
});
