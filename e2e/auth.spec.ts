import { expect, test } from "@playwright/test";
import { expectSignedInAs, signIn, signInAs } from "./helpers";
import { ensureUser, uniqueName } from "./security-helpers";

test.describe("未登录访问受保护页面", () => {
  for (const path of ["/workspace", "/review", "/admin"]) {
    test(`${path} 跳转到登录页`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login\?callbackUrl=/);
      expect(decodeURIComponent(page.url())).toContain(path);
      await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
    });
  }
});

const HOMES = [
  { username: "admin", home: "/admin", heading: "系统管理", who: "系统管理员" },
  { username: "reviewer-helan", home: "/review", heading: "审核工作台 · 贺兰县", who: "审核人" },
  { username: "clerk-xigang", home: "/workspace", heading: "填报工作台 · 贺兰县习岗镇", who: "习岗镇经办人" },
  { username: "clerk-jingui", home: "/workspace", heading: "填报工作台 · 贺兰县金贵镇", who: "金贵镇经办人" },
  { username: "clerk-zrzy", home: "/workspace", heading: "填报工作台 · 贺兰县自然资源局", who: "自然资源局经办人" },
];

for (const account of HOMES) {
  test(`${account.username} 登录后进入自己的工作台`, async ({ page }) => {
    const res = await signIn(page, account.username);
    expect(res.ok()).toBe(true);
    await expect(page).toHaveURL(new RegExp(`${account.home}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(account.heading);
    await expectSignedInAs(page, account.who);
  });
}

test("密码错误时给出中文提示并停留在登录页", async ({ page }) => {
  await signIn(page, "clerk-xigang", "wrong-password");
  await expect(page.getByRole("alert").filter({ hasText: "用户名" })).toContainText("用户名或密码不正确");
  await expect(page).toHaveURL(/\/login/);
});

test("空表单提交给出字段提示", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByText("请输入用户名")).toBeVisible();
  await expect(page.getByText("请输入密码")).toBeVisible();
});

test("登录后回到原先要访问的页面", async ({ page }) => {
  await page.goto("/review?year=2020");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("用户名").fill("reviewer-helan");
  await page.getByLabel("密码").fill("Demo#2026");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/review\?year=2020$/);
  await expect(page.getByRole("table", { name: "辖区单位报送情况" })).toContainText("贺兰县习岗镇");
});

test("填报人不能打开管理和审核页面", async ({ page }) => {
  await signInAs(page, "clerk-xigang");
  await expect(page).toHaveURL(/\/workspace$/);
  for (const path of ["/admin", "/review"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  }
});

test("退出登录后不能再进入工作台", async ({ page }) => {
  // sign-out ends every session of the account (revocable sessions): a dedicated account, so
  // tests running in parallel as a demo account are not signed out
  const username = uniqueName("signout");
  await ensureUser({ username, password: "Signout#2026", role: "CLERK", agencyCode: "640122101000" });
  await signIn(page, username, "Signout#2026");
  await expect(page).toHaveURL(/\/workspace$/);
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
  await page.goto("/workspace");
  await expect(page).toHaveURL(/\/login/);
});

test("登录后的跳转地址不能指向外站", async ({ page }) => {
  await signIn(page, "clerk-xigang", undefined, "/login?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
  await expect(page).toHaveURL(/\/workspace$/);
});
