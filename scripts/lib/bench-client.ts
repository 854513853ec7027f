// The two bench measurements that act as a clerk would: P4 saves drafts over HTTP through
// the editor's own server action (as the browser sends it), P5 types in the 三 grid in
// Chromium and times each keystroke until the row total on screen has changed.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PROJECT_ROOT } from "./database";
import { fetchFresh, signInCookie } from "./load";

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/** The id under which `next build` registered a server action exported as `name` from `file`. */
function serverActionId(file: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, ".next/server/server-reference-manifest.json"), "utf8"));
  for (const [id, entry] of Object.entries<Record<string, unknown>>(manifest.node ?? {})) {
    const filename = String(entry.filename ?? "");
    if (entry.exportedName === name && filename.endsWith(file)) return id;
  }
  throw new Error(`找不到服务器操作 ${file}#${name}（.next/server/server-reference-manifest.json）`);
}

interface DraftTarget {
  username: string;
  reportId: string;
  version: number;
}

async function draftTargets(databaseUrl: string, count: number): Promise<DraftTarget[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<DraftTarget>(
      `SELECT u.username, r.id AS "reportId", r.version FROM "User" u JOIN "Report" r ON r."agencyId" = u."agencyId"
        WHERE u.username LIKE 'bench-clerk-%' AND r.status = 'DRAFT' ORDER BY u.username LIMIT $1`,
      [count],
    );
    if (rows.length < count) throw new Error(`只有 ${rows.length} 份基准草稿，需要 ${count} 份`);
    return rows;
  } finally {
    await c.end();
  }
}

/**
 * P4: `clerks` clerks save their own drafts at the same time, `savesPerClerk` times each,
 * every save naming the version it read (optimistic locking). Afterwards each report must
 * hold the last value its clerk saved and have moved by exactly one version per save.
 */
export async function measureDraftSaves(base: string, o: { clerks: number; savesPerClerk: number; password: string; databaseUrl: string }) {
  const actionId = serverActionId("app/workspace/actions.ts", "saveDraftAction");
  const targets = await draftTargets(o.databaseUrl, o.clerks);
  const cookies = await Promise.all(targets.map((t) => signInCookie(base, t.username, o.password)));
  const latencies: number[] = [];
  const lastSaved = new Map<string, number>();
  await Promise.all(
    targets.map(async (t, i) => {
      let version = t.version;
      for (let n = 1; n <= o.savesPerClerk; n++) {
        const value = i * 1000 + n;
        const body = JSON.stringify([
          { reportId: t.reportId, expectedVersion: version, entries: { applications: { received: { naturalPerson: value } } } },
        ]);
        const started = performance.now();
        const r = await fetchFresh(`${base}/workspace/reports/${t.reportId}`, {
          method: "POST",
          headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Cookie: cookies[i]! },
          body,
        });
        const text = await r.text();
        latencies.push(performance.now() - started);
        const saved = /"ok":true,"version":(\d+)/.exec(text);
        if (r.status !== 200 || !saved) throw new Error(`保存草稿失败（HTTP ${r.status}）: ${text.slice(0, 300)}`);
        version = Number(saved[1]);
        lastSaved.set(t.reportId, value);
      }
    }),
  );
  const c = new pg.Client({ connectionString: o.databaseUrl });
  await c.connect();
  let lostUpdates = 0;
  try {
    for (const t of targets) {
      const { rows } = await c.query<{ value: string; version: number }>(
        `SELECT c.value::text AS value, r.version FROM "ReportCell" c JOIN "Report" r ON r.id = c."reportId"
          WHERE c."reportId" = $1 AND c.section = 'applications' AND c.row = 'received' AND c."column" = 'naturalPerson'`,
        [t.reportId],
      );
      const row = rows[0];
      if (!row || Number(row.value) !== lastSaved.get(t.reportId) || row.version !== t.version + o.savesPerClerk) lostUpdates++;
    }
  } finally {
    await c.end();
  }
  return { p95: percentile(latencies, 95), saves: latencies.length, lostUpdates };
}

/**
 * P5: in Debian Chromium, a clerk's draft open in the editor; each keystroke in the 三 grid
 * is timed from the keydown event to the frame after the row's 总计 output changed.
 */
export async function measureKeystrokes(base: string, o: { keystrokes: number; password: string; databaseUrl: string }) {
  const { chromium } = await import("@playwright/test");
  const [target] = await draftTargets(o.databaseUrl, 1);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ locale: "zh-CN" });
    const cookie = await signInCookie(base, target!.username, o.password);
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const i = pair.indexOf("=");
        return { name: pair.slice(0, i), value: pair.slice(i + 1), url: base };
      }),
    );
    const page = await context.newPage();
    await page.goto(`${base}/workspace/reports/${target!.reportId}`);
    const input = page.getByRole("textbox", { name: "一、本年新收政府信息公开申请数量 自然人", exact: true });
    // derived cells are <output> elements named like the inputs (docs/product.md "Accessible names")
    const total = page.locator(`output[aria-label="一、本年新收政府信息公开申请数量 总计"]`);
    // the total is blank while any cell of its row is blank (P4 may have left only 自然人 filled):
    // give every other cell of the row a figure first
    const row = page.locator(`input[data-grid="applications"][data-r="${await input.getAttribute("data-r")}"]`);
    for (const cell of await row.all()) await cell.fill("0");
    await input.click();
    await input.fill("");
    await total.waitFor({ state: "attached" }); // blank (so "hidden") while 自然人 is blank
    const handle = await total.elementHandle();
    await page.evaluate((out) => {
      const w = window as unknown as { __keyTimes: number[]; __t0: number | null };
      w.__keyTimes = [];
      w.__t0 = null;
      document.addEventListener("keydown", () => (w.__t0 = performance.now()), true);
      new MutationObserver(() => {
        const t0 = w.__t0;
        if (t0 === null) return;
        w.__t0 = null;
        requestAnimationFrame(() => w.__keyTimes.push(performance.now() - t0));
      }).observe(out!, { childList: true, characterData: true, subtree: true });
    }, handle);
    for (let i = 0; i < o.keystrokes; i++) {
      // alternate between appending a digit and deleting it, so the total changes every time
      await page.keyboard.press(i % 2 === 0 ? String((i % 9) + 1) : "Backspace");
      await page.waitForTimeout(250); // let each keystroke show before the next
    }
    const times = await page.evaluate(() => (window as unknown as { __keyTimes: number[] }).__keyTimes);
    if (times.length < o.keystrokes * 0.9) throw new Error(`只测到 ${times.length}/${o.keystrokes} 次合计更新`);
    return { p95: percentile(times, 95), samples: times.length };
  } finally {
    await browser.close();
  }
}
