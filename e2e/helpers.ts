import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo#2026";

/** Signs in through the real form and waits for next-auth's credentials callback. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, path = "/login") {
  await page.goto(path);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  const callback = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "登录" }).click();
  const response = await callback;
  return response;
}

export async function expectSignedInAs(page: Page, text: string) {
  await expect(page.getByTestId("current-user")).toContainText(text);
}
