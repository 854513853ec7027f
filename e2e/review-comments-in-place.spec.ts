// Comments made where they point (docs/product.md "Accessible names": 提意见：…): on the review
// page a figure of the report, or a part, opens a comment form right there, by mouse or by
// keyboard; the comment then shows at that place, and the clerk sees it at the same cell or
// part in the editor.
import { expect, test } from "@playwright/test";
import { getTemplate } from "@/lib/templates";
import { agencyWithReport, signedInPage } from "./helpers";

const YEAR = 2022;
test.describe.configure({ timeout: 240_000 });

const CELL = "一、本年新收政府信息公开申请数量 自然人";
const APPLICATIONS = getTemplate("2021").sections.applications.title;

test("点击数字或按 Enter 即在该处提出意见；意见显示在该处，填报人在编辑器的同一格、同一部分看到", async ({ browser }) => {
  const a = await agencyWithReport("k", "就地意见局", "SUBMITTED", YEAR);
  const reviewer = await signedInPage(browser, "reviewer-helan");
  await reviewer.goto(`/review/reports/${a.reportId}`);
  const doc = reviewer.locator("article.report-document");

  // a figure, clicked: the form opens under it, the focus in its text box; Escape closes it and the focus returns
  const cell = doc.getByRole("button", { name: `提意见：${CELL}（5）` });
  await cell.click();
  const cellForm = reviewer.getByRole("form", { name: `对「${CELL}」的意见` });
  await expect(cellForm.getByRole("textbox", { name: "意见内容" })).toBeFocused();
  const formBox = (await cellForm.boundingBox())!;
  const cellBox = (await cell.boundingBox())!;
  // anchored there: just below the figure, not somewhere else on the page
  expect(formBox.y).toBeGreaterThanOrEqual(cellBox.y + cellBox.height - 1);
  expect(formBox.y).toBeLessThan(cellBox.y + cellBox.height + 40);
  await reviewer.keyboard.press("Escape");
  await expect(cellForm).toHaveCount(0);
  await expect(cell).toBeFocused();

  // the same figure by keyboard: Enter opens, the comment is added to that cell
  await reviewer.keyboard.press("Enter");
  await cellForm.getByRole("textbox", { name: "意见内容" }).fill("自然人申请数与上年差异较大，请核对");
  await cellForm.getByRole("button", { name: "添加意见" }).click();
  await expect(reviewer.getByRole("status", { name: "添加意见结果" })).toContainText("已添加意见");
  await expect(cellForm).toHaveCount(0);
  await expect(cell).toHaveAccessibleDescription("审核意见：自然人申请数与上年差异较大，请核对");
  const tableComments = doc.getByRole("region", { name: APPLICATIONS }).getByRole("list", { name: `${APPLICATIONS} 的审核意见` });
  await expect(tableComments).toContainText(`${CELL}：自然人申请数与上年差异较大，请核对`);
  // and in the threads, with what it is about
  await expect(reviewer.getByRole("listitem", { name: `「${CELL}」的意见：自然人申请数与上年差异较大，请核对` })).toContainText("未解决");

  // a part: a click in its text opens the form for it; its 提意见 button by keyboard adds the comment
  const overview = doc.getByRole("region", { name: "一、总体情况" });
  await overview.locator(".narrative").click();
  const partForm = reviewer.getByRole("form", { name: "对「一、总体情况」的意见" });
  await expect(partForm.getByRole("textbox", { name: "意见内容" })).toBeFocused();
  await partForm.getByRole("button", { name: "取消" }).click();
  await expect(partForm).toHaveCount(0);
  await overview.getByRole("button", { name: "提意见：一、总体情况" }).focus();
  await reviewer.keyboard.press("Enter");
  await partForm.getByRole("textbox", { name: "意见内容" }).fill("请补充政策解读工作情况");
  await partForm.getByRole("button", { name: "添加意见" }).click();
  await expect(overview.getByRole("list", { name: "一、总体情况 的审核意见" })).toContainText("请补充政策解读工作情况");
  // nothing else was commented on
  await expect(doc.getByRole("list", { name: /的审核意见$/ })).toHaveCount(2);

  // the clerk, once the report is returned, sees each comment at its cell and its part in the editor
  await reviewer.getByLabel("退回理由").fill("请按审核意见修改");
  await reviewer.getByRole("button", { name: "退回" }).click();
  await expect(reviewer.getByRole("status", { name: "审核操作结果" })).toContainText("已退回");
  const clerk = await signedInPage(browser, a.clerk);
  await clerk.goto(`/workspace/reports/${a.reportId}`);
  await expect(clerk.getByRole("textbox", { name: CELL, exact: true })).toHaveAccessibleDescription(/审核意见：自然人申请数与上年差异较大，请核对/);
  await expect(clerk.getByRole("list", { name: "一、总体情况 的审核意见" })).toContainText("请补充政策解读工作情况");
  await expect(clerk.getByRole("textbox", { name: "一、本年新收政府信息公开申请数量 商业企业", exact: true })).not.toHaveAccessibleDescription(/审核意见/);
});

test("管理员只读：报告中没有提意见的按钮", async ({ browser }) => {
  const a = await agencyWithReport("k", "只读意见局", "SUBMITTED", YEAR);
  const admin = await signedInPage(browser, "admin");
  await admin.goto(`/review/reports/${a.reportId}`);
  await expect(admin.locator("article.report-document").getByRole("heading", { name: "一、总体情况" })).toBeVisible();
  await expect(admin.locator("article.report-document").getByRole("button", { name: /^提意见/ })).toHaveCount(0);
});
