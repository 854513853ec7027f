// Confirmation steps (docs/product.md "Accessible names": 发布 asks 确认发布 naming what becomes public,
// 停用 asks 确认停用): 取消 changes nothing, the confirm button acts.
import { expect, test } from "@playwright/test";
import { agencyWithReport, signedInPage, workflowFixture as fixture } from "./helpers";

const YEAR = 2022;
test.describe.configure({ timeout: 240_000 });

test("发布先询问确认发布，说明哪个单位哪一年度的第几版将公开；取消不发布", async ({ browser }) => {
  const a = await agencyWithReport("c", "确认发布局", "APPROVED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review/reports/${a.reportId}`);

  const publish = reviewer.getByRole("button", { name: "发布", exact: true });
  await publish.click();
  const confirm = reviewer.getByRole("group", { name: /发布后/ });
  await expect(confirm).toContainText(`${a.name} ${YEAR} 年度报告（公开版本第 1 版）将立即向公众公开`);
  await expect(confirm.getByRole("button", { name: "确认发布" })).toBeFocused();
  await confirm.getByRole("button", { name: "取消" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(publish).toBeFocused();
  expect(await fixture("status", a.code, String(YEAR))).toMatchObject({ status: "APPROVED" });
  expect((await reviewer.request.get(`/api/reports/${a.code}/${YEAR}`)).status()).toBe(404);

  await publish.click();
  await reviewer.getByRole("button", { name: "确认发布" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已发布");
  expect(await fixture("status", a.code, String(YEAR))).toMatchObject({ status: "PUBLISHED" });
  expect((await reviewer.request.get(`/api/reports/${a.code}/${YEAR}`)).status()).toBe(200);
});

test("批量发布先询问确认发布，说明将公开几份报告；取消不发布", async ({ browser }) => {
  const a = await agencyWithReport("c", "批量确认甲", "APPROVED", YEAR);
  const b = await agencyWithReport("c", "批量确认乙", "APPROVED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review?year=${YEAR}&status=APPROVED`);
  const publish = reviewer.getByRole("button", { name: "发布所选报告" });
  // nothing chosen: said so, nothing asked
  await publish.click();
  await expect(reviewer.getByRole("status", { name: "批量发布结果" })).toHaveText("请先勾选要发布的报告。");
  await expect(reviewer.getByRole("button", { name: "确认发布" })).toHaveCount(0);

  await reviewer.getByRole("checkbox", { name: `选择 ${a.name}` }).check();
  await reviewer.getByRole("checkbox", { name: `选择 ${b.name}` }).check();
  await publish.click();
  const confirm = reviewer.getByRole("group", { name: /^发布后，所选的 2 份报告将立即向公众公开/ });
  await expect(confirm).toContainText(`${a.name} ${YEAR} 年度报告`);
  await expect(confirm).toContainText(`${b.name} ${YEAR} 年度报告`);
  await expect(confirm.getByRole("button", { name: "确认发布" })).toBeFocused();
  await confirm.getByRole("button", { name: "取消" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(publish).toBeFocused();
  for (const x of [a, b]) {
    expect(await fixture("status", x.code, String(YEAR))).toMatchObject({ status: "APPROVED" });
    expect((await reviewer.request.get(`/api/reports/${x.code}/${YEAR}`)).status()).toBe(404);
  }

  await publish.click();
  await reviewer.getByRole("button", { name: "确认发布" }).click();
  const status = reviewer.getByRole("status", { name: "批量发布结果" });
  await expect(status).toContainText("已发布 2 份");
  for (const x of [a, b]) expect(await fixture("status", x.code, String(YEAR))).toMatchObject({ status: "PUBLISHED" });
});

test("停用单位先询问确认停用；取消不停用", async ({ browser }) => {
  const a = await agencyWithReport("c", "确认停用局", "SUBMITTED", YEAR);
  const admin = await signedInPage(browser, "admin");
  await admin.goto(`/admin/agencies?q=${encodeURIComponent(a.code)}`);
  await admin.getByRole("table", { name: "单位列表" }).getByRole("link", { name: a.name }).click();
  const form = admin.getByRole("form", { name: "编辑单位" });
  await form.getByLabel(/启用/).uncheck();
  await form.getByRole("button", { name: "保存" }).click();
  const confirm = form.getByRole("group", { name: "确认停用单位" });
  await expect(confirm).toContainText(`停用后 ${a.name} 不再出现在审核工作台`);
  await confirm.getByRole("button", { name: "取消" }).click();
  await expect(confirm).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByRole("form", { name: "编辑单位" }).getByLabel(/启用/)).toBeChecked();

  await form.getByLabel(/启用/).uncheck();
  await form.getByRole("button", { name: "保存" }).click();
  await form.getByRole("button", { name: "确认停用" }).click();
  await expect(form.getByText("已保存。")).toBeVisible();
  await admin.goto(`/admin/agencies?q=${encodeURIComponent(a.code)}`);
  await expect(admin.getByRole("table", { name: "单位列表" }).getByRole("row", { name: new RegExp(a.name) })).toContainText("停用");
});
