import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { ANSWER_MARK as FIXTURE_ANSWER_MARK } from "./support/fixture-host-protocol";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo#2026";

/** One page of each kind the public reads, on the demo data and the 2021-format fixture (global-setup.ts). */
export const PUBLIC_PAGES = [
  "/",
  "/reports",
  "/reports/640122100000/2020",
  "/reports/640122-zrzy/2022",
  "/reports/640122100000/2020/versions/1",
  "/regions/640122",
  "/agencies/640122100000",
  "/data",
  "/login",
  "/tools/validate",
] as const;

/** The demo accounts (scripts/lib/seed-demo.ts) whose sessions global-setup.ts keeps. */
/** The six parts of every report, in order, as the official format titles them (docs/product.md). */
export const PART_TITLES = [
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
] as const;

export const DEMO_ACCOUNTS = ["admin", "reviewer-helan", "clerk-xigang", "clerk-jingui", "clerk-zrzy"] as const;
export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

/**
 * Where global-setup.ts keeps each demo account's signed-in state (Playwright storageState):
 * one folder per app port, since scripts/test-suite.ts runs two Playwright runs at once.
 */
export const AUTH_DIR = path.join("test-results", `e2e-auth-${process.env.E2E_PORT || 3210}`);
export function authStateFile(username: DemoAccount) {
  return path.join(AUTH_DIR, `${username}.json`);
}

/**
 * Waits until the page has loaded and its requests have gone quiet: no resource (script, the
 * session, a prefetch) has finished arriving for half a second. Not Playwright's "networkidle",
 * which counts a response whose body the page never reads as still in flight: Next's router
 * leaves some prefetches unread, and networkidle waited 20 s and more on a page reached after
 * another (both workers idle, in the accessibility tour).
 */
export async function settled(page: Page, quietMs = 500) {
  await page.waitForLoadState("load");
  await page.evaluate(
    (quiet) =>
      new Promise<void>((resolve) => {
        let seen = performance.getEntriesByType("resource").length;
        let quietSince = performance.now();
        const check = () => {
          const now = performance.getEntriesByType("resource").length;
          if (now !== seen) {
            seen = now;
            quietSince = performance.now();
          }
          if (performance.now() - quietSince >= quiet) resolve();
          else setTimeout(check, 100);
        };
        check();
      }),
    quietMs,
  );
}

/**
 * Signs in through the real form and waits for next-auth's credentials callback. For tests of
 * signing in itself, of a fresh session, or of accounts the test makes; a test that only needs
 * to be signed in as a demo account uses signInAs().
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, path = "/login") {
  await page.goto(path);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  const callback = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  // exact: a header still showing a session (退出登录) must not make the name ambiguous
  await page.getByRole("button", { name: "登录", exact: true }).click();
  const response = await callback;
  return response;
}

/**
 * Starts `page` signed in as a demo account with the session global-setup.ts made, and opens
 * the account's home (/workspace, /review or /admin), where signing in through the form lands.
 * The session is shared by every test: never sign out of it or change that account's password,
 * role or state (those end every session of the account) — make an account for such a test
 * (e2e/security-helpers.ts ensureUser) and use signIn().
 */
export async function signInAs(page: Page, username: DemoAccount) {
  const state = JSON.parse(fs.readFileSync(authStateFile(username), "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
  await page.context().addCookies(state.cookies);
  await page.goto("/me");
  await expect(page).not.toHaveURL(/\/(me|login)(\?|$)/);
}

export async function expectSignedInAs(page: Page, text: string) {
  await expect(page.getByTestId("current-user")).toContainText(text);
}

/**
 * Runs a TypeScript script of the project against the database the e2e server uses, as one
 * Node process (`node --import tsx`: the tsx CLI would start a second one).
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, ...env },
  });
}

/**
 * `npm run cli -- ARGS` against the database the e2e server uses, run by the CLI's program in
 * this worker's fixture host (a process per call cost about 1.5 s of CPU). `output`: stdout then stderr.
 */
export function cli(...args: string[]): Promise<{ status: number; stdout: string; output: string }> {
  return callFixture("cli", args) as Promise<{ status: number; stdout: string; output: string }>;
}

/** Publishes a report file through the real CLI into the database the e2e server uses. */
export function publishWithCli(file: string) {
  return cli("import", file, "--publish");
}

/** The fixture host of this Playwright worker (e2e/support/fixture-host.ts), started on first use. */
let host: { child: ChildProcess; pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>; next: number } | null = null;

function fixtureHost() {
  if (host) return host;
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/support/fixture-host.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const h = { child, pending: new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>(), next: 1 };
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!line.startsWith(FIXTURE_ANSWER_MARK)) return;
    const answer = JSON.parse(line.slice(FIXTURE_ANSWER_MARK.length)) as { id: number; ok: boolean; result?: unknown; error?: string };
    const waiting = h.pending.get(answer.id);
    h.pending.delete(answer.id);
    if (answer.ok) waiting?.resolve(answer.result);
    else waiting?.reject(new Error(`fixture failed:\n${answer.error}`));
  });
  child.on("exit", (code) => {
    for (const w of h.pending.values()) w.reject(new Error(`the fixture host exited (${code})`));
    h.pending.clear();
    host = null;
  });
  // the worker may end while the host idles: stdin's end is the host's signal to go
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  host = h;
  return h;
}

function callFixture(fixture: "workflow" | "lateness" | "cli", args: string[]): Promise<unknown> {
  const h = fixtureHost();
  const id = h.next++;
  return new Promise((resolve, reject) => {
    h.pending.set(id, { resolve, reject });
    h.child.stdin!.write(JSON.stringify({ id, fixture, args }) + "\n");
  });
}

/**
 * Runs a command of e2e/support/workflow-fixture.ts (the real server operations) against the e2e
 * database, in this worker's fixture host, and returns its result.
 */
// `any`: each command answers its own shape
export function workflowFixture(...args: string[]): Promise<any> {
  return callFixture("workflow", args);
}

/** Sets when a published report was first published (e2e/support/lateness-fixture.ts). */
export async function setFirstPublished(code: string, year: number, at: string) {
  await callFixture("lateness", ["first-published", code, String(year), at]);
}

export type FixtureState = "DRAFT" | "SUBMITTED" | "APPROVED" | "PUBLISHED";

/**
 * A new agency of 贺兰县 (unique per call; `tag` keeps one spec's codes apart from another's) with
 * its report of `year` in `state` and a clerk of its own, made by the real server operations.
 */
export async function agencyWithReport(tag: string, label: string, state: FixtureState, year: number) {
  const code = `640122-${tag}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `贺兰县${label}${code.slice(-6)}`;
  const { reportId, clerk } = await workflowFixture("report", code, name, String(year), state);
  return { code, name, reportId: reportId as string, clerk: clerk as string };
}

/**
 * A page in a browser context of its own, signed in: a demo account by its shared session, any
 * other account (a fixture's clerk) through the form.
 */
export async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if ((DEMO_ACCOUNTS as readonly string[]).includes(username)) await signInAs(page, username as DemoAccount);
  else await signIn(page, username);
  return page;
}
