import { spawnSync } from "node:child_process";
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

/** Publishes a report file through the real CLI into the database the e2e server uses. */
export function publishWithCli(file: string) {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/cli.ts", "import", file, "--publish"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
