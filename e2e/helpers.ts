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

/** Runs a TypeScript script of the project against the database the e2e server uses. */
function runScript(script: string, args: string[]) {
  return spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
}

/** Publishes a report file through the real CLI into the database the e2e server uses. */
export function publishWithCli(file: string) {
  const r = runScript("scripts/cli.ts", ["import", file, "--publish"]);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/**
 * Runs e2e/support/workflow-fixture.ts (the real server operations) against the e2e database
 * and returns the JSON it prints last.
 */
export function workflowFixture(...args: string[]) {
  const r = runScript("e2e/support/workflow-fixture.ts", args);
  if (r.status !== 0) throw new Error(`fixture ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}
