// Against the built app over real HTTP and in Chromium: no open redirect, sign-in
// throttling that a forged header cannot dodge, 429 under a burst, revocable sessions,
// sign-out on the same host, security headers on every page kind, clear 4xx for malformed input.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { apiSignIn, ensureUser, uniqueName, withDb } from "./security-helpers";

const PASSWORD = "Sec#Test-2026";
const port = Number(process.env.E2E_PORT || 3210);
const LOCALHOST = `http://localhost:${port}`;

test("登录后的跳转地址含制表符等技巧时仍停留在本站", async ({ page }) => {
  test.slow(); // five sign-ins in a row
  await signIn(page, "clerk-xigang", undefined, "/login?callbackUrl=%2F%09%2Fevil.example%2Fphish");
  await expect(page).toHaveURL(/\/workspace$/);
  expect(new URL(page.url()).host).toBe(`localhost:${port}`);
  for (const trick of ["%2F%0D%2Fevil.example", "%2F%0A%2Fevil.example", "%2F.%2F%2Fevil.example", "https%3Aevil.example"]) {
    await page.goto(`/login?callbackUrl=${trick}`);
    // already signed in: the form still signs in again and must land here, not elsewhere
    await page.getByLabel("用户名").fill("clerk-xigang");
    await page.getByLabel("密码").fill("Demo#2026");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(/\/workspace$/);
    expect(new URL(page.url()).host, trick).toBe(`localhost:${port}`);
  }
});

test("同一地址多次输错后该用户名在此地址被暂缓；伪造 X-Forwarded-For 无效；账号主人从另一地址仍可登录", async ({ playwright }) => {
  const username = uniqueName("sec-owner");
  await ensureUser({ username, password: PASSWORD, role: "CLERK", agencyCode: "640122102000" });
  const attacker = await playwright.request.newContext();
  for (let i = 0; i < 5; i++) {
    const r = await apiSignIn(attacker, LOCALHOST, username, "wrong", { "X-Forwarded-For": `198.51.100.${i + 1}` });
    expect(r.status()).toBe(401);
    const error = new URL((await r.json()).url).searchParams.get("error");
    expect(error).toContain("用户名或密码不正确");
  }
  // even the right password, with yet another forged address, is refused from this socket — with the same message
  const refused = await apiSignIn(attacker, LOCALHOST, username, PASSWORD, { "X-Forwarded-For": "203.0.113.77" });
  expect(refused.status()).toBe(401);
  expect(new URL((await refused.json()).url).searchParams.get("error")).toContain("用户名或密码不正确");
  // an unknown username gives exactly the same message
  const unknown = await apiSignIn(attacker, LOCALHOST, uniqueName("nobody"), PASSWORD);
  expect(new URL((await unknown.json()).url).searchParams.get("error")).toBe(new URL((await refused.json()).url).searchParams.get("error"));
  await attacker.dispose();

  // the owner, from another address (IPv6 loopback is another socket address), gets in
  const owner = await playwright.request.newContext();
  const ok = await apiSignIn(owner, `http://[::1]:${port}`, username, PASSWORD);
  expect(ok.status()).toBe(200);
  const session = await (await owner.get(`http://[::1]:${port}/api/auth/session`)).json();
  expect(session.user.username).toBe(username);
  await owner.dispose();
});

test("登录请求突发时返回 429 和中文提示", async ({ playwright }) => {
  const client = await playwright.request.newContext();
  // the counters are fixed one-minute windows (rate-limit-store.ts): a burst that crossed into
  // the next minute would rightly start counting again. So each try uses a new username (its
  // own counter), and a try that crossed a minute's end (each request is answered between the
  // two clock readings around the burst) is made again at once: it cannot cross again so soon.
  let burst: { statuses: number[]; message: string; retryAfter: number[] } | null = null;
  for (let attempt = 0; attempt < 3 && !burst; attempt++) {
    const username = uniqueName("sec-burst");
    const statuses: number[] = [];
    const retryAfter: number[] = [];
    let message = "";
    const start = Date.now();
    for (let i = 0; i < 14; i++) {
      const r = await apiSignIn(client, LOCALHOST, username, "wrong");
      statuses.push(r.status());
      if (r.status() === 429) {
        message = (await r.json()).message;
        retryAfter.push(Number(r.headers()["retry-after"]));
      }
    }
    if (Math.floor(start / 60_000) === Math.floor(Date.now() / 60_000)) burst = { statuses, message, retryAfter };
  }
  expect(burst, "three bursts each crossed a minute's end").not.toBeNull();
  expect(burst!.statuses).toEqual([...Array(10).fill(401), ...Array(4).fill(429)]);
  // the very message of a wrong password: a limited attempt says nothing of the account
  expect(burst!.message).toContain("用户名或密码不正确");
  expect(burst!.retryAfter.every((s) => s > 0 && s <= 60)).toBe(true);
  await client.dispose();
});

test("一个地址一分钟内输错 11 次以上，不妨碍账号主人从另一地址用正确密码登录", async ({ playwright }) => {
  const username = uniqueName("sec-lockout");
  await ensureUser({ username, password: PASSWORD, role: "CLERK", agencyCode: "640122102000" });
  const attacker = await playwright.request.newContext();
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await apiSignIn(attacker, LOCALHOST, username, "wrong")).status());
  // the attacker's address is slowed (401 from the pair's delay, 429 past the per-minute limit) …
  expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  expect((await apiSignIn(attacker, LOCALHOST, username, PASSWORD)).status()).not.toBe(200);
  await attacker.dispose();
  // … while the owner, from another address (IPv6 loopback is another socket address), gets in at once
  const owner = await playwright.request.newContext();
  const ok = await apiSignIn(owner, `http://[::1]:${port}`, username, PASSWORD);
  expect(ok.status()).toBe(200);
  expect((await (await owner.get(`http://[::1]:${port}/api/auth/session`)).json()).user.username).toBe(username);
  await owner.dispose();
});

test("退出登录后，复制的旧 Cookie 不能再使用 @smoke", async ({ browser }) => {
  const username = uniqueName("sec-revoke");
  await ensureUser({ username, password: PASSWORD, role: "CLERK", agencyCode: "640122103000" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username, PASSWORD);
  await expect(page).toHaveURL(/\/workspace$/);
  const copied = await context.cookies();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible({ timeout: 60_000 });

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/workspace");
  await expect(thiefPage).toHaveURL(/\/login/);
  const session = await thief.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await thief.close();
  await context.close();
});

test("停用账号后其会话立即失效，重新启用也不会让旧令牌复活", async ({ playwright }) => {
  const username = uniqueName("sec-deact");
  const id = await ensureUser({ username, password: PASSWORD, role: "CLERK", agencyCode: "640122103000" });
  const client = await playwright.request.newContext();
  expect((await apiSignIn(client, LOCALHOST, username, PASSWORD)).status()).toBe(200);
  expect((await (await client.get(`${LOCALHOST}/api/auth/session`)).json()).user.username).toBe(username);
  const cookies = (await client.storageState()).cookies;
  await withDb((c) => c.query(`UPDATE "User" SET active = false WHERE id = $1`, [id]));
  expect(await (await client.get(`${LOCALHOST}/api/auth/session`)).json()).toEqual({});
  await withDb((c) => c.query(`UPDATE "User" SET active = true WHERE id = $1`, [id]));
  const replay = await playwright.request.newContext({ storageState: { cookies, origins: [] } });
  expect(await (await replay.get(`${LOCALHOST}/api/auth/session`)).json()).toEqual({});
  const page = await replay.get(`${LOCALHOST}/workspace`);
  expect(new URL(page.url()).pathname).toBe("/login");
  await replay.dispose();
  await client.dispose();
});

test("从 127.0.0.1 访问时，退出登录后仍停留在 127.0.0.1", async ({ page }) => {
  // sign-out ends every session of the account: a dedicated one, so no other test is signed out
  const username = uniqueName("sec-host");
  await ensureUser({ username, password: PASSWORD, role: "CLERK", agencyCode: "640122101000" });
  const base = `http://127.0.0.1:${port}`;
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(`${base}/workspace`);
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible({ timeout: 60_000 });
  expect(new URL(page.url()).host).toBe(`127.0.0.1:${port}`);
});

test.describe("安全响应头", () => {
  const directives = ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "img-src 'self' data:", "form-action 'self'"];

  test("每类页面都有 CSP；缓存的公开页带其内联脚本的哈希，其他页面带每次不同的 nonce", async ({ page, request }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;

    for (const path of ["/", "/reports/640122100000/2020", "/tools/validate", "/forbidden", "/no-such-page"]) {
      const r = await request.get(path);
      const csp = r.headers()["content-security-policy"] ?? "";
      for (const d of directives) expect(csp, `${path}: ${d}`).toContain(d);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // the pages served from the route cache name their scripts by hash (e2e/csp.spec.ts)
      if (["/", "/reports/640122100000/2020"].includes(path)) expect(nonceOf(csp), path).toBeNull();
      else expect(nonceOf(csp), path).toBeTruthy();
      expect(r.headers()["x-content-type-options"]).toBe("nosniff");
      expect(r.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(r.headers()["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
    }

    const first = await request.get("/login");
    const second = await request.get("/login");
    const n1 = nonceOf(first.headers()["content-security-policy"] ?? "");
    const n2 = nonceOf(second.headers()["content-security-policy"] ?? "");
    expect(n1).toBeTruthy();
    expect(n2).toBeTruthy();
    expect(n1).not.toBe(n2);
    expect(await first.text()).toContain(`nonce="${n1}"`);

    // the pages still work under their policy: the form hydrates, signs in, the workspace renders
    await signIn(page, "clerk-zrzy");
    await expect(page).toHaveURL(/\/workspace$/);
    for (const path of ["/workspace", "/me"]) {
      const res = await page.goto(path);
      const csp = res?.headers()["content-security-policy"] ?? "";
      for (const d of directives) expect(csp, `${path}: ${d}`).toContain(d);
      expect(nonceOf(csp), path).toBeTruthy();
      expect(await res!.text()).toContain(`nonce="${nonceOf(csp)}"`);
    }
    await page.goto("/reports/640122100000/2020");
    await expect(page.getByTestId("current-user")).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("经可信代理以 https 访问时发送 HSTS；未配置代理时伪造的 X-Forwarded-Proto 无效", async ({ request }) => {
    const r = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(r.headers()["strict-transport-security"]).toBeUndefined();
  });
});

test.describe("畸形请求得到明确的 4xx 和中文说明，而不是空的 500", () => {
  test("JSON 格式错误的登录请求", async ({ request }) => {
    const r = await request.post("/api/auth/callback/credentials", { headers: { "Content-Type": "application/json" }, data: "{bad" });
    expect(r.status()).toBe(400);
    expect(await r.json()).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("请求格式不正确") });
  });

  test("损坏的 next-auth.callback-url Cookie", async ({ playwright }) => {
    const client = await playwright.request.newContext({
      extraHTTPHeaders: { Cookie: "next-auth.callback-url=%E0%A4%A; next-auth.csrf-token=%%%" },
    });
    for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers"]) {
      const r = await client.get(path);
      expect(r.status(), path).toBeLessThan(500);
      expect((await r.text()).length, path).toBeGreaterThan(0);
    }
    const csrf = await client.get("/api/auth/csrf");
    const post = await client.post("/api/auth/callback/credentials", {
      form: { username: "x", password: "y", csrfToken: (await csrf.json()).csrfToken ?? "", json: "true" },
      maxRedirects: 0,
    });
    expect(post.status()).toBeLessThan(500);
    expect((await post.text()).length).toBeGreaterThan(0);
    await client.dispose();
  });
});
