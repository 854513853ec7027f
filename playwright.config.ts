import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium, never a downloaded browser (npx playwright install cannot work here): its
// headless shell (package chromium-headless-shell, what Playwright itself runs headless tests
// in) where installed — the full browser in headless mode took about a third more CPU for the
// same tests — else the browser. CHROMIUM_PATH names another.
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const chromiumPath = process.env.CHROMIUM_PATH || (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");
const port = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://localhost:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: run the e2e tests through `npm test` (scripts/test-suite.ts).");

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // two cores: the app, the browser and the test process share them (E2E_WORKERS to compare)
  workers: Number(process.env.E2E_WORKERS || 2),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json"]],
  // per port: scripts/test-suite.ts runs a second Playwright run (E2E_PORT + 2) beside the first
  outputDir: `test-results/playwright-${port}`,
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // no trace by default: recording one for every test (to keep it on failure) cost about a
    // fifth of the browser's CPU; E2E_TRACE=retain-on-failure records them to debug a failure
    trace: (process.env.E2E_TRACE as "off" | "retain-on-failure" | "on" | undefined) ?? "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // two app instances on one database: the second is for e2e/multi-instance.spec.ts (a
  // publication made through one must show on the other within a second). The first runs as
  // scripts/serve.ts runs the app, two processes on one port (scripts/lib/next-cluster.cjs): the
  // suite's publications must show on the next request whichever process answers it.
  webServer: [port, port + 1].map((p, i) => ({
    command:
      i === 0
        ? `node --require ./scripts/lib/trusted-client-address.cjs scripts/lib/next-cluster.cjs -p ${p}`
        : `node --require ./scripts/lib/trusted-client-address.cjs node_modules/next/dist/bin/next start -p ${p}`,
    url: `http://localhost:${p}/login`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://localhost:${p}`,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      WEB_CONCURRENCY: i === 0 ? "2" : "1",
    },
  })),
});
