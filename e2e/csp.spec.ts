// No page's Content-Security-Policy lets inline script run without a nonce or a
// hash. The public pages served from the route cache (home, report, region, agency) carry the
// sha256 of exactly the inline scripts in their HTML — on the first render, from the response
// cache in front of Next, and from a plain `next start` (the second instance) — and every other
// page a per-request nonce. In Chromium each page hydrates with no CSP violation.
import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const port = Number(process.env.E2E_PORT || 3210);
const REPORT = "/reports/640122100000/2020";
/** served from the route cache under their stamp-keyed paths (proxy.ts) */
const STORED = ["/", REPORT, "/regions/640122", "/agencies/640122100000"];
/** rendered per request */
const RENDERED = ["/reports?q=%E4%B9%A0%E5%B2%97", "/data", "/tools/validate", "/forbidden", "/no-such-page", "/reports/999999999999/2020", "/login"];

const scriptSrc = (csp: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src ")) ?? "";

function inlineScripts(html: string) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs]) => !/\bsrc=/i.test(attrs!)).map(([, , body]) => body!);
}

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** What a stored page's policy must be: strict, and naming every inline script of these very bytes. */
function expectStoredPolicy(path: string, csp: string, html: string) {
  const policy = scriptSrc(csp);
  expect(csp.split(",").length, `${path}: one policy`).toBe(1);
  expect(policy, path).not.toContain("unsafe-inline");
  expect(policy, path).not.toContain("nonce-");
  const scripts = inlineScripts(html);
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const s of scripts) expect(policy, `${path}: ${s.slice(0, 60)}`).toContain(sha(s));
}

// zod 4 probes once whether it may compile parsers with `new Function("")` and catches the
// refusal: the browser reports that refused eval (on the forms that validate with zod), and
// nothing runs. Every other violation counts.
const EVAL_PROBE = /unsafe-eval|^script-src eval\b/;

/** CSP violations the page reports, from the browser console and the DOM event. */
function watchViolations(page: Page) {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text()) && !EVAL_PROBE.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => seen.push(`${page.url()}: ${e.message}`));
  return seen;
}

/** Keeps every `securitypolicyviolation` event of each document the page loads. */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
}

test.beforeEach(async ({ page }) => recordViolations(page));

async function domViolations(page: Page) {
  const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return seen.filter((v) => !EVAL_PROBE.test(v));
}

test("缓存的公开页面带本页内联脚本的哈希、不允许 unsafe-inline；其他页面带每次不同的 nonce", async ({ request }) => {
  for (const path of STORED) {
    // the first request may render the page; the second is answered from the response cache
    for (const round of [1, 2]) {
      const r = await request.get(path);
      expect(r.status(), path).toBe(200);
      expectStoredPolicy(`${path} #${round}`, r.headers()["content-security-policy"] ?? "", await r.text());
    }
    // a 304 never brings a weaker policy for the copy a browser keeps
    const first = await request.get(path);
    const notModified = await request.get(path, { headers: { "If-None-Match": first.headers()["etag"]! } });
    expect(notModified.status(), path).toBe(304);
    expect(scriptSrc(notModified.headers()["content-security-policy"] ?? "script-src 'self'"), path).not.toContain("unsafe-inline");
  }
  for (const path of RENDERED) {
    const [a, b] = [await request.get(path), await request.get(path)];
    const nonces = [a, b].map((r) => /'nonce-([^']+)'/.exec(scriptSrc(r.headers()["content-security-policy"] ?? ""))?.[1]);
    expect(nonces[0], path).toBeTruthy();
    expect(nonces[0], path).not.toBe(nonces[1]);
    expect(scriptSrc(a.headers()["content-security-policy"]!), path).not.toContain("unsafe-inline");
    // every inline script Next rendered carries that request's nonce
    const html = await a.text();
    expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/g)?.every((tag) => tag.includes(`nonce="${nonces[0]}"`)), path).toBe(true);
  }
});

test("一个进程的 next start（无响应缓存）也为缓存页面发送哈希策略", async ({ playwright }) => {
  const plain = await playwright.request.newContext({ baseURL: `http://localhost:${port + 1}` });
  for (const path of STORED) {
    for (const round of [1, 2]) {
      const r = await plain.get(path);
      expect(r.status(), path).toBe(200);
      expectStoredPolicy(`${path} (next start) #${round}`, r.headers()["content-security-policy"] ?? "", await r.text());
    }
  }
  await plain.dispose();
});

test("浏览器中：公开页面在严格的 CSP 下加载、交互，没有任何 CSP 违规", async ({ page }) => {
  test.slow();
  const violations = watchViolations(page);
  for (const base of ["", `http://localhost:${port + 1}`]) {
    for (const path of [...STORED, ...RENDERED.filter((p) => p !== "/login")]) {
      const res = await page.goto(base + path);
      expect(scriptSrc(res!.headers()["content-security-policy"] ?? ""), path).not.toContain("unsafe-inline");
      // the account corner is a client component: it shows 登录 only once the page has hydrated
      await expect(page.getByRole("banner").getByRole("link", { name: "登录" }), base + path).toBeVisible();
      expect(await domViolations(page), base + path).toEqual([]);
    }
  }

  // client-side navigation from a stored page keeps working (the router's own requests and chunks)
  await page.goto(REPORT);
  await page.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "开放数据" }).click();
  await expect(page).toHaveURL(/\/data$/);
  expect(await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "首页" }).click();
  await expect(page).toHaveURL(new RegExp(`localhost:${port}/$`));
  expect(await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);

  // the search form on the stored home page
  await page.getByLabel("在报告正文中查找").fill("管好用好微信公众号新平台");
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page.getByRole("table", { name: "已公开的年度报告" }).getByRole("link", { name: "贺兰县习岗镇2020年政府信息公开工作年度报告" })).toBeVisible();

  // the validator reads a file in the browser
  await page.goto("/tools/validate");
  await page.getByLabel("报告文件（.json）").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("这不是 JSON") });
  await expect(page.getByRole("status")).toContainText("notes.json：不是有效的 JSON 文件");

  expect(await domViolations(page)).toEqual([]);
  expect(violations).toEqual([]);
});

test("登录后的每类页面：nonce 策略，无 unsafe-inline，无 CSP 违规", async ({ browser }) => {
  test.slow();
  const cases: [string, string[]][] = [
    ["clerk-xigang", ["/workspace", "/me", "/account/password", REPORT, "/"]],
    ["reviewer-helan", ["/review", "/regions/640122"]],
    ["admin", ["/admin", "/admin/users", "/admin/agencies", "/forbidden"]],
  ];
  for (const [username, paths] of cases) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await recordViolations(page);
    const violations = watchViolations(page);
    await signIn(page, username);
    for (const path of paths) {
      const res = await page.goto(path);
      const policy = scriptSrc(res!.headers()["content-security-policy"] ?? "");
      expect(policy, `${username} ${path}`).toMatch(/'(nonce|sha256)-/);
      expect(policy, `${username} ${path}`).not.toContain("unsafe-inline");
      await expect(page.getByTestId("current-user"), `${username} ${path}`).toBeVisible();
      expect(await domViolations(page), `${username} ${path}`).toEqual([]);
    }
    expect(violations, username).toEqual([]);
    await context.close();
  }
});
