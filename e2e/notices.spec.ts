// Notices in the app: a reviewer's 退回 and 催报 (from the dashboard, once a day) reach the
// agency's clerk as `通知 2` in the header and notices on /notifications, newest first, naming
// what happened, the reason and the report.
import { expect, test } from "@playwright/test";
import { signIn, workflowFixture as fixture } from "./helpers";

const YEAR = 2022;
test.describe.configure({ timeout: 180_000 });

test("退回、催报 → 填报人看到「通知 2」，通知列表中有退回理由和报告", async ({ browser }) => {
  const code = `640122-n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `贺兰县通知测试局${code.slice(-6)}`;
  const { reportId, clerk } = await fixture("report", code, name, String(YEAR), "SUBMITTED") as { reportId: string; clerk: string };

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer-helan");
  await reviewer.goto(`/review/reports/${reportId}`);
  await reviewer.getByLabel("退回理由").fill("第二表数字与正文不一致，请核对");
  await reviewer.getByRole("button", { name: "退回" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已退回");

  // 催报 from the dashboard: the returned report is not submitted; a second press the same day is refused
  await reviewer.goto(`/review?year=${YEAR}`);
  const row = reviewer.getByRole("table", { name: "辖区单位报送情况" }).getByRole("row", { name: new RegExp(name) });
  await row.getByRole("button", { name: /^催报/ }).click();
  await expect(reviewer.getByRole("status", { name: "催报结果" })).toContainText(`已催报${name}`);
  await row.getByRole("button", { name: /^催报/ }).click();
  await expect(reviewer.getByRole("status", { name: "催报结果" })).toContainText("每个单位每天只能催报一次");

  const page = await (await browser.newContext()).newPage();
  await signIn(page, clerk);
  await page.goto("/workspace");
  const link = page.getByRole("banner").getByRole("link", { name: /^通知/ });
  await expect(link).toHaveAccessibleName(/^通知 2/);
  await link.click();
  await expect(page).toHaveURL(/\/notifications$/);
  // newest first: 催报, then 退回
  const items = page.getByRole("list", { name: "通知列表" }).getByRole("listitem");
  await expect(items.first()).toContainText("催报");
  const notice = items.nth(1);
  await expect(notice).toContainText("退回");
  await expect(notice).toContainText("第二表数字与正文不一致，请核对");
  await expect(notice).toContainText(`${name}${YEAR}年度报告`);
  await notice.getByRole("link", { name: "查看报告" }).click();
  await expect(page).toHaveURL(new RegExp(`/workspace/reports/${reportId}$`));
  // opened: nothing unread any more
  await expect(page.getByRole("banner").getByRole("link", { name: /^通知/ })).toHaveAccessibleName("通知");
});
