// The review page: "第 N 次提交" counts submissions (not saves); the narratives'
// changes since the last submission as a character diff; comment threads (the clerk's 回复,
// the reviewer's 标记已解决), unresolved comments named before 审核通过, closed on publication.
import { expect, test } from "@playwright/test";
import { workflowFixture as fixture, agencyWithReport, signedInPage } from "./helpers";

const YEAR = 2022;
test.describe.configure({ timeout: 240_000 });

test("第 N 次提交只数提交；正文的修改按字标出新增与删除", async ({ browser }) => {
  const a = await agencyWithReport("p", "逐字比较局", "SUBMITTED", YEAR);
  const before = `${YEAR}年，本单位认真落实政府信息公开工作。`;
  const added = "新增政策解读专栏，";
  await fixture("revise", a.code, String(YEAR), `${YEAR}年，本单位${added}认真落实政府信息公开工作。`);
  const { version } = await fixture("status", a.code, String(YEAR)) as { version: number };
  expect(version).toBeGreaterThan(4); // submit, return, two saves, submit

  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review/reports/${a.reportId}`);
  await expect(reviewer.getByText(/第 2 次提交 · 最近提交/)).toBeVisible();
  await expect(reviewer.getByText(/次修订/)).toHaveCount(0);

  const changes = reviewer.getByRole("table", { name: "自上次提交以来的变化" });
  const overview = changes.getByRole("row", { name: /一、总体情况/ });
  await expect(overview.locator("ins")).toHaveText(`［新增：${added}］`);
  await expect(overview.locator("del")).toHaveCount(0);
  // the unchanged text stays around the insertion, once
  await expect(overview).toContainText(`${YEAR}年，本单位［新增：${added}］认真落实政府信息公开工作。`);
  expect(before).not.toContain(added);

  // internal versions are on the audit page
  await reviewer.getByRole("link", { name: "审计记录" }).click();
  await expect(reviewer.getByText(`内部版本号 ${version}`)).toBeVisible();
  const audit = reviewer.getByRole("table", { name: "审计记录" });
  await expect(audit).toContainText("提交审核（第 1 次提交）");
  await expect(audit).toContainText("提交审核（第 2 次提交）");
});

test("填报人回复意见，审核人标记已解决；审核通过前列出未解决的意见；发布时关闭其余意见", async ({ browser }) => {
  const a = await agencyWithReport("p", "意见往来局", "SUBMITTED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review/reports/${a.reportId}`);
  await reviewer.getByLabel("意见针对").selectOption({ label: "一、总体情况" });
  await reviewer.getByLabel("意见内容").fill("请补充政策解读情况");
  await reviewer.getByRole("button", { name: "添加意见" }).click();
  await expect(reviewer.getByText("已添加意见")).toBeVisible();

  // the clerk answers on the report's page in the workspace
  const clerk = await signedInPage(browser, a.clerk);
  await clerk.goto(`/workspace/reports/${a.reportId}`);
  const threads = clerk.getByRole("region", { name: "审核意见与回复" });
  const thread = threads.getByRole("listitem", { name: "「一、总体情况」的意见：请补充政策解读情况" });
  await expect(thread).toContainText("未解决");
  await expect(thread.getByRole("button", { name: "标记已解决" })).toHaveCount(0);
  await thread.getByRole("textbox", { name: "回复「一、总体情况」的意见" }).fill("已在正文第二段补充");
  await thread.getByRole("button", { name: "回复" }).click();
  await expect(thread.getByRole("status")).toHaveText("已回复。");
  await expect(thread.getByRole("list", { name: "「一、总体情况」的意见的回复" })).toContainText("已在正文第二段补充");

  // 审核通过 names the open comment first; 取消 changes nothing
  await reviewer.reload();
  const reviewerThread = reviewer.getByRole("listitem", { name: "「一、总体情况」的意见：请补充政策解读情况" });
  await expect(reviewerThread).toContainText("已在正文第二段补充");
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  const confirm = reviewer.getByRole("group", { name: /还有 1 条审核意见未解决/ });
  await expect(confirm).toContainText("一、总体情况：请补充政策解读情况");
  await confirm.getByRole("button", { name: "取消" }).click();
  expect(await fixture("status", a.code, String(YEAR))).toMatchObject({ status: "SUBMITTED" });

  // resolved, 审核通过 acts at once
  await reviewerThread.getByRole("button", { name: "标记已解决" }).click();
  await expect(reviewerThread).toContainText("已解决（");
  await reviewer.getByRole("button", { name: "审核通过" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已审核通过");

  // a comment still open at publication is closed with it
  await reviewer.getByLabel("意见针对").selectOption({ label: "联系方式" });
  await reviewer.getByLabel("意见内容").fill("下一年度请更新电话");
  await reviewer.getByRole("button", { name: "添加意见" }).click();
  await expect(reviewer.getByRole("listitem", { name: "「联系方式」的意见：下一年度请更新电话" })).toContainText("未解决");
  await reviewer.getByRole("button", { name: "发布", exact: true }).click();
  await reviewer.getByRole("button", { name: "确认发布" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已发布");
  await reviewer.reload();
  await expect(reviewer.getByRole("listitem", { name: "「联系方式」的意见：下一年度请更新电话" })).toContainText("已随发布关闭");

  await clerk.reload();
  const closed = clerk.getByRole("listitem", { name: "「联系方式」的意见：下一年度请更新电话" });
  await expect(closed).toContainText("已随发布关闭");
  await expect(closed.getByRole("button", { name: "回复" })).toHaveCount(0);
});

test("审核操作在阅读报告全文时仍在视野内", async ({ browser }) => {
  const a = await agencyWithReport("p", "置顶操作局", "SUBMITTED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review/reports/${a.reportId}`);
  await reviewer.getByRole("navigation", { name: "本页内容" }).getByRole("link", { name: "报告全文" }).click();
  await expect(reviewer.getByRole("heading", { name: "报告全文（发布后的样式）" })).toBeInViewport();
  await expect(reviewer.getByRole("button", { name: "审核通过" })).toBeInViewport();
  await expect(reviewer.getByRole("button", { name: "退回" })).toBeInViewport();
});
