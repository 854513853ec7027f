// Runs once per Playwright run, after playwright.config.ts has started the app:
// - publishes a 2021-format report through the real CLI besides the demo data (seeded by
//   scripts/test-suite.ts), so both official formats are read back by the browser tests;
// - signs each demo account in once (over HTTP, as next-auth's client does) and keeps its
//   session for signInAs() (e2e/helpers.ts): tests that are not about signing in start signed
//   in, instead of filling the form again.
import fs from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import { AUTH_DIR, authStateFile, DEMO_ACCOUNTS, DEMO_PASSWORD, runScript } from "./helpers";
import { apiSignIn } from "./security-helpers";

export const FORMAT_2021_FIXTURE = "test/fixtures/zrzy-2022-format2021.json";

export default async function globalSetup(config: FullConfig) {
  // a process of its own: the fixture hosts belong to the workers
  const r = runScript("scripts/cli.ts", ["import", FORMAT_2021_FIXTURE, "--publish"]);
  if (r.status !== 0) throw new Error(`importing ${FORMAT_2021_FIXTURE} failed:\n${r.stdout}${r.stderr}`);

  const baseURL = config.projects[0]!.use.baseURL!;
  fs.rmSync(AUTH_DIR, { recursive: true, force: true });
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  await Promise.all(
    DEMO_ACCOUNTS.map(async (username) => {
      const context = await request.newContext({ baseURL });
      try {
        const res = await apiSignIn(context, baseURL, username, DEMO_PASSWORD);
        if (res.status() !== 200) throw new Error(`${username} could not sign in: HTTP ${res.status()} ${await res.text()}`);
        await context.storageState({ path: authStateFile(username) });
      } finally {
        await context.dispose();
      }
    }),
  );
}
