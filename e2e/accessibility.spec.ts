// Every page type of every role, checked by axe-core (its WCAG 2.0/2.1/2.2 A and AA rules and
// its best practices). Every violation fails the test, whatever its impact (minor, moderate,
// serious, critical): none is left on these pages.
import { expect, test, type Page } from "@playwright/test";
import axe, { type AxeResults } from "axe-core";
import { agencyWithReport, PUBLIC_PAGES, settled, signIn } from "./helpers";

const YEAR = 2022;

// a fixture report per scenario: signing in, the fixture and a dozen pages on a busy machine
test.describe.configure({ timeout: 240_000 });

/**
 * Runs axe on the page as it stands (after hydration) and returns its findings, one line each.
 * axe-core (the engine @axe-core/playwright wrapped here before) runs in the page itself, as the
 * wrapper's legacy mode ran it (its other mode gathers each frame's results in a blank page it
 * opens: these pages have no frames), but injected once per document: the wrapper evaluated its
 * 580 KB source twice on every check, about a third of a check on a small page (this spec: 120
 * → 102 core-seconds). Every rule axe enables by default; violations only (axe then skips
 * collecting the passing and inapplicable nodes of every rule, most of its work on pages of a
 * thousand cells).
 */
async function violations(page: Page): Promise<string[]> {
  await settled(page);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const result = await page.evaluate((options) => (window as unknown as { axe: typeof axe }).axe.run(document, options), { resultTypes: ["violations"] } as axe.RunOptions);
  const found: string[] = [];
  for (const v of (result as AxeResults).violations) {
    const line = `${new URL(page.url()).pathname} [${v.impact}] ${v.id}: ${v.help} — ${v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(" "))
      .join(" | ")}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ""}`;
    found.push(line);
  }
  return found;
}

/** Visits each path (or runs each step that lands on a page) and checks every one. */
async function checkAll(page: Page, steps: (string | { name: string; go: () => Promise<unknown> })[]) {
  const found: string[] = [];
  for (const step of steps) {
    if (typeof step === "string") {
      const res = await page.goto(step);
      expect(res?.status(), step).toBe(200);
    } else {
      await step.go();
    }
    await expect(page.locator("html"), page.url()).toHaveAttribute("lang", "zh-CN");
    found.push(...(await violations(page)));
  }
  expect(found, found.join("\n")).toEqual([]);
}

test("公开页面：axe 无违规", async ({ page }) => {
  await checkAll(page, [...PUBLIC_PAGES, "/reports?q=%E4%B9%A0%E5%B2%97"]);
});

test("填报人：工作台、填报页、已发布报告与操作记录：axe 无违规", async ({ page }) => {
  await signIn(page, "clerk-xigang");
  await checkAll(page, [
    "/workspace",
    {
      name: "查看已发布的 2020 年报告",
      go: async () => {
        await page.getByRole("row", { name: /2020 年度/ }).getByRole("link", { name: "查看", exact: true }).click();
        await expect(page).toHaveURL(/\/workspace\/reports\/[^/]+$/);
      },
    },
    {
      name: "操作记录",
      go: async () => page.goto(`${new URL(page.url()).pathname}/audit`),
    },
    "/account/password",
  ]);
  // the editor, on a draft of a clerk of its own (the demo clerks' years stay as other tests expect)
  const draft = await agencyWithReport("a", "无障碍", "DRAFT", YEAR);
  await page.context().clearCookies();
  await signIn(page, draft.clerk);
  await checkAll(page, [`/workspace/reports/${draft.reportId}`, `/workspace/reports/${draft.reportId}/audit`, "/workspace"]);
});

test("审核人：审核台、审核页与操作记录：axe 无违规", async ({ page }) => {
  const submitted = await agencyWithReport("a", "无障碍", "SUBMITTED", YEAR);
  await signIn(page, "reviewer-helan");
  await checkAll(page, [
    "/review",
    `/review?year=${YEAR}`,
    `/review/reports/${submitted.reportId}`,
    {
      // a comment made on a figure, shown there, and the form open on a part
      name: "在报告中提出意见",
      go: async () => {
        const doc = page.locator("article.report-document");
        await doc.getByRole("button", { name: /^提意见：一、本年新收政府信息公开申请数量 自然人/ }).click();
        const form = page.getByRole("form", { name: /^对「/ });
        await form.getByRole("textbox", { name: "意见内容" }).fill("请核对");
        await form.getByRole("button", { name: "添加意见" }).click();
        await expect(page.getByRole("status", { name: "添加意见结果" })).toContainText("已添加意见");
        await doc.getByRole("button", { name: "提意见：一、总体情况" }).click();
        await expect(page.getByRole("form", { name: "对「一、总体情况」的意见" })).toBeVisible();
      },
    },
    `/review/reports/${submitted.reportId}/audit`,
    "/account/password",
  ]);
});

test("管理员：各管理页面与操作记录：axe 无违规", async ({ page }) => {
  await signIn(page, "admin");
  await checkAll(page, [
    "/admin",
    "/admin/regions",
    "/admin/agencies",
    {
      name: "一个单位",
      go: async () => {
        await page.getByRole("link", { name: /贺兰县习岗镇/ }).first().click();
        await expect(page).toHaveURL(/\/admin\/agencies\/[^/]+$/);
      },
    },
    "/admin/users",
    {
      name: "一个用户",
      go: async () => {
        await page.goto("/admin/users");
        await page.getByRole("link", { name: /clerk-xigang/ }).first().click();
        await expect(page).toHaveURL(/\/admin\/users\/[^/]+$/);
      },
    },
    {
      name: "范围的候选列表展开",
      go: async () => {
        const scope = page.getByRole("combobox", { name: "范围" });
        await scope.fill("贺兰");
        await expect(page.getByRole("listbox", { name: "候选单位" }).getByRole("option").first()).toBeVisible();
        await expect(scope).toHaveAttribute("aria-expanded", "true");
      },
    },
    "/admin/years",
    "/admin/import",
    "/admin/audit",
    "/account/password",
  ]);
});

test("手机 390 px：菜单展开时公开页面 axe 无违规", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const withMenuOpen = (path: string) => ({
    name: `${path}（菜单展开）`,
    go: async () => {
      await page.goto(path);
      await page.getByRole("button", { name: "菜单" }).click();
      await expect(page.getByRole("button", { name: "菜单" })).toHaveAttribute("aria-expanded", "true");
    },
  });
  await checkAll(page, [withMenuOpen("/"), withMenuOpen("/reports/640122-zrzy/2022"), withMenuOpen("/regions/640122")]);
  await context.close();
});
