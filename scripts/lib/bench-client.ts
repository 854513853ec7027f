// The bench measurements that act as a clerk would: P4 and P4b save drafts over HTTP as the
// editor sends them (POST /api/drafts), P5 types in the 三 grid in
// Chromium and times each keystroke until the row total on screen has changed.
import http from "node:http";
import pg from "pg";
import { documentToFormValues, formValuesToEntries, type Entries } from "@/components/report-editor/model";
import { cellsToSections, EXCHANGE_FORMAT, type ReportDocument } from "@/lib/exchange";
import { signInCookie } from "./load";

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

interface DraftTarget {
  username: string;
  reportId: string;
  version: number;
  /** the report's 保存草稿 audit records before the bench's saves */
  audited: number;
  /** what the editor holds for the report as stored: it sends all of it with each save */
  entries: Entries;
}

/**
 * What the editor sends for a stored report (components/report-editor/model.ts: every cell of
 * its template, derived ones blank, text in a number cell as typed, the contact and narratives).
 */
function editorEntries(r: {
  template: string;
  year: number;
  issuedOn: string | null;
  contact: ReportDocument["contact"];
  narrative: ReportDocument["narrative"];
  cells: [string, string, string, string | null, string | null][];
}): Entries {
  const template = r.template as ReportDocument["template"];
  const texts: Record<string, string> = {};
  for (const [section, row, column, , text] of r.cells) if (text !== null) texts[`${section}/${row}/${column}`] = text;
  const doc = {
    format: EXCHANGE_FORMAT,
    template,
    agency: { code: "", name: "", region: { code: "", name: "" } },
    year: r.year,
    issuedOn: r.issuedOn,
    contact: r.contact,
    narrative: r.narrative,
    ...cellsToSections(
      template,
      r.cells.map(([section, row, column, value]) => ({ section, row, column, value: value === null ? null : Number(value) })),
    ),
  } as ReportDocument;
  return formValuesToEntries(documentToFormValues(doc, texts));
}

/** The bench clerks and their editable reports (draft or returned), by username. */
async function draftTargets(databaseUrl: string, count: number | null, offset = 0): Promise<DraftTarget[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<Omit<DraftTarget, "entries"> & Parameters<typeof editorEntries>[0]>(
      `SELECT u.username, r.id AS "reportId", r.version,
              (SELECT count(*)::int FROM "AuditEvent" e WHERE e."reportId" = r.id AND e.action = 'report.saved') AS audited,
              r."template"::text AS template, r."year", to_char(r."issuedOn", 'YYYY-MM-DD') AS "issuedOn",
              json_build_object('address', r."contactAddress", 'phone', r."contactPhone", 'email', r."contactEmail") AS contact,
              json_build_object('overview', r."overview", 'problems', r."problems", 'other', r."other") AS narrative,
              COALESCE((SELECT json_agg(json_build_array(c."section", c."row", c."column", c."value"::text, c."text"))
                          FROM "ReportCell" c WHERE c."reportId" = r.id), '[]') AS cells
         FROM "User" u JOIN "Report" r ON r."agencyId" = u."agencyId"
        WHERE u.username LIKE 'bench-clerk-%' AND r.status IN ('DRAFT', 'RETURNED') ORDER BY u.username OFFSET $2 LIMIT $1`,
      [count, offset],
    );
    if (rows.length < (count ?? 1)) throw new Error(`只有 ${rows.length} 份基准草稿，需要 ${count ?? 1} 份`);
    return rows.map(({ username, reportId, version, audited, ...stored }) => ({ username, reportId, version, audited, entries: editorEntries(stored) }));
  } finally {
    await c.end();
  }
}

/** The one cell the bench's clerks type in (an input cell of 二, never derived). */
const SAVED_CELL = { section: "applications", row: "received", column: "naturalPerson" } as const;
/** above every figure the bench's data holds, so that each save changes the cell (an unchanged save keeps its version) */
const SAVED_VALUES_FROM = 10_000_000;

/** The entries with the saved cell changed to `value`, the rest as loaded. */
function withValue(entries: Entries, value: number): Entries {
  const { section, row, column } = SAVED_CELL;
  return { ...entries, [section]: { ...entries[section], [row]: { ...entries[section]?.[row], [column]: value } } };
}

/**
 * Each clerk's browser: one keep-alive connection of its own (a clerk saves from one tab, one
 * save at a time). Through node:http rather than fetch: the bench runs on the two cores it
 * measures, and undici's fetch cost about 1.5 ms of them per save, charged to the app's latency
 * (README, Performance: P4).
 */
const browsers = new Map<string, http.Agent>();
const browserOf = (username: string) => browsers.get(username) ?? browsers.set(username, new http.Agent({ keepAlive: true, maxSockets: 1 })).get(username)!;
/**
 * Each clerk signs in once for the whole run (P4's warm-up and P4b share clerks): the app lets
 * one address sign in 120 times a minute, and the bench's clerks all come from this one.
 */
const sessions = new Map<string, Promise<string>>();
const signedIn = (base: string, username: string, password: string) =>
  sessions.get(username) ?? sessions.set(username, signInCookie(base, username, password)).get(username)!;

/** Closes the clerks' connections (the app's processes would otherwise keep them until their idle timeout). */
function closeBrowsers() {
  for (const agent of browsers.values()) agent.destroy();
  browsers.clear();
}

/** A request over a clerk's connection (a POST of `body`, or a GET); the answer's status and text. */
function send(url: string, agent: http.Agent, headers: Record<string, string>, body: string | null, retried = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sized = body === null ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) };
    const req = http.request(url, { method: body === null ? "GET" : "POST", agent, headers: sized }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", (e: NodeJS.ErrnoException) => {
      // a kept connection the app closed while idle: the request never arrived (as fetchFresh)
      if (req.reusedSocket && !retried && (e.code === "ECONNRESET" || e.code === "EPIPE")) send(url, agent, headers, body, true).then(resolve, reject);
      else reject(e);
    });
    req.end(body ?? undefined);
  });
}

/** How long the clerks type after opening the editor: the pages' rendering (and its garbage) is not the saves' to pay, and the app keeps an idle connection 5 s. */
const TYPING_MS = 1000;

/**
 * Each clerk opens the report in the editor, over the connection its saves then take (a clerk
 * saves from the page it loaded; the connection the page came over is still open), then types
 * for a moment. One after another, as clerks open their pages at different moments: the
 * cluster's primary hands a new connection to a process that is free, and twenty page renders
 * asked for in the same millisecond left one process with two thirds of the connections for
 * the whole measurement.
 */
async function openEditors(base: string, targets: DraftTarget[], cookies: string[]) {
  for (const [i, t] of targets.entries()) {
    const r = await send(`${base}/workspace/reports/${encodeURIComponent(t.reportId)}`, browserOf(t.username), { Cookie: cookies[i]! }, null);
    if (r.status !== 200) throw new Error(`${t.username} 打开报告失败（HTTP ${r.status}）`);
  }
  await new Promise((r) => setTimeout(r, TYPING_MS));
}

/**
 * One save as the editor sends it (components/report-editor: POST /api/drafts, JSON): the
 * whole report's entries with one cell changed, and beside them the entries as loaded (`base`,
 * which names the cells changed elsewhere on a conflict). Each clerk saves from an address of its
 * own (a county's agencies are not behind one address: the app's write limit per address would
 * otherwise count them together). Returns the new version; `t.entries` becomes what was saved.
 */
async function saveOnce(base: string, t: DraftTarget, o: { cookie: string; address: string; version: number; value: number }): Promise<number> {
  const entries = withValue(t.entries, o.value);
  const r = await send(
    `${base}/api/drafts`,
    browserOf(t.username),
    { "Content-Type": "application/json", Cookie: o.cookie, "X-Forwarded-For": o.address },
    JSON.stringify({ reportId: t.reportId, expectedVersion: o.version, entries, base: t.entries }),
  );
  const saved = /"ok":true,"status":200,.*"version":(\d+)/.exec(r.text);
  if (r.status !== 200 || !saved) throw new Error(`保存草稿失败（HTTP ${r.status}）: ${r.text.slice(0, 300)}`);
  t.entries = entries;
  return Number(saved[1]);
}

/** After the saves: how many reports do not hold their clerk's last value, or did not move by exactly one version per save. */
async function lostUpdates(databaseUrl: string, expected: { target: DraftTarget; value: number; saves: number }[]) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  let lost = 0;
  try {
    for (const { target: t, value, saves } of expected) {
      const { rows } = await c.query<{ value: string; version: number; audited: number }>(
        `SELECT c.value::text AS value, r.version,
                (SELECT count(*)::int FROM "AuditEvent" e WHERE e."reportId" = r.id AND e.action = 'report.saved') AS audited
           FROM "ReportCell" c JOIN "Report" r ON r.id = c."reportId"
          WHERE c."reportId" = $1 AND c.section = 'applications' AND c.row = 'received' AND c."column" = 'naturalPerson'`,
        [t.reportId],
      );
      const row = rows[0];
      // the last value, one version and one audit record per save
      if (!row || Number(row.value) !== value || row.version !== t.version + saves || row.audited !== t.audited + saves) lost++;
    }
  } finally {
    await c.end();
  }
  return lost;
}

const clerkAddress = (i: number) => `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`;

/** Started when the measured saves start and stopped when they end (the bench counts CPU time with it). */
export interface SaveMeter<T> {
  start(): void;
  stop(saves: number): T;
}

/**
 * P4: `clerks` clerks (from the `offset`th) save their own drafts at the same time,
 * `savesPerClerk` times each, every save naming the version it read (optimistic locking), each
 * one cell changed. Afterwards each report must hold the last value its clerk saved and have
 * moved by exactly one version and one audit record per save. `meter` runs around the saves
 * alone (not the sign-ins).
 */
export async function measureDraftSaves<T = undefined>(
  base: string,
  o: { clerks: number; savesPerClerk: number; password: string; databaseUrl: string; offset?: number; meter?: SaveMeter<T> },
) {
  const offset = o.offset ?? 0;
  const targets = await draftTargets(o.databaseUrl, o.clerks, offset);
  const cookies = await Promise.all(targets.map((t) => signedIn(base, t.username, o.password)));
  const latencies: number[] = [];
  /** each clerk's first save (of a report the app has not yet read for a save) apart from the rest */
  const first: number[] = [];
  const lastSaved = new Map<string, number>();
  let started = 0;
  try {
    await openEditors(base, targets, cookies);
    o.meter?.start();
    started = performance.now();
    // every save is measured, each clerk's first included (a report this app process has not yet read for a save)
    await Promise.all(
      targets.map(async (t, i) => {
        let version = t.version;
        for (let n = 1; n <= o.savesPerClerk; n++) {
          const value = SAVED_VALUES_FROM + (offset + i) * 1000 + n;
          const t0 = performance.now();
          version = await saveOnce(base, t, { cookie: cookies[i]!, address: clerkAddress(offset + i), version, value });
          latencies.push(performance.now() - t0);
          if (n === 1) first.push(performance.now() - t0);
          lastSaved.set(t.reportId, value);
        }
      }),
    );
  } finally {
    closeBrowsers();
  }
  const seconds = (performance.now() - started) / 1000;
  const metered = o.meter?.stop(latencies.length);
  const lost = await lostUpdates(
    o.databaseUrl,
    targets.map((t) => ({ target: t, value: lastSaved.get(t.reportId)!, saves: o.savesPerClerk })),
  );
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: percentile(latencies, 100),
    firstP95: percentile(first, 95),
    saves: latencies.length,
    perSecond: latencies.length / seconds,
    lostUpdates: lost,
    metered: metered as T,
  };
}

/**
 * P4b: the saves per second this machine sustains with p95 ≤ `goalMs`. Open loop, as saves
 * arrive in January: at each rate the saves are scheduled evenly over `seconds`, round robin
 * over the clerks (each clerk's saves in order, a save waiting for the clerk's previous one),
 * and each is timed from when it was due, so a server that falls behind is charged the wait.
 * The rate rises step by step until the p95 passes the goal; the last rate within it is the
 * answer. Every save is checked afterwards as in P4.
 */
export async function measureSaveThroughput(
  base: string,
  o: { rates: number[]; seconds: number; goalMs: number; offset: number; clerks?: number | null; password: string; databaseUrl: string },
) {
  // the clerks not used by P4, every one unless `clerks` says how many (a clerk may save at most 120 times a minute)
  const targets = await draftTargets(o.databaseUrl, o.clerks ?? null, o.offset);
  const cookies = await Promise.all(targets.map((t) => signedIn(base, t.username, o.password)));
  const versions = targets.map((t) => t.version);
  const saves = targets.map(() => 0);
  const last = targets.map(() => 0);
  const chains: Promise<unknown>[] = targets.map(() => Promise.resolve());
  const steps: { rate: number; achieved: number; p95: number; saves: number }[] = [];
  let value = SAVED_VALUES_FROM;
  try {
    await openEditors(base, targets, cookies);
    for (const rate of o.rates) {
      const count = Math.max(1, Math.round(rate * o.seconds));
      const latencies: number[] = [];
      const start = performance.now() + 20;
      const all: Promise<unknown>[] = [];
      for (let n = 0; n < count; n++) {
        const due = start + (n * 1000) / rate;
        const i = n % targets.length;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const v = ++value;
        const run = chains[i]!.then(async () => {
          versions[i] = await saveOnce(base, targets[i]!, { cookie: cookies[i]!, address: clerkAddress(o.offset + i), version: versions[i]!, value: v });
          latencies.push(performance.now() - due);
          saves[i]!++;
          last[i] = v;
        });
        chains[i] = run;
        all.push(run);
      }
      await Promise.all(all);
      const elapsed = (performance.now() - start) / 1000;
      steps.push({ rate, achieved: latencies.length / elapsed, p95: percentile(latencies, 95), saves: latencies.length });
      if (percentile(latencies, 95) > o.goalMs) break;
    }
  } finally {
    closeBrowsers();
  }
  const lost = await lostUpdates(
    o.databaseUrl,
    targets.map((t, i) => ({ target: t, value: last[i]!, saves: saves[i]! })).filter((e) => e.saves > 0),
  );
  const within = steps.filter((s) => s.p95 <= o.goalMs);
  const best = within.length ? within[within.length - 1]! : null;
  return { best, steps, lostUpdates: lost };
}

/**
 * Times keystrokes on a page: from the keydown event to the DOM change of `out` (`dom`: the
 * page's own work), to the frame after it (`total`: the P5 measure, which includes the wait
 * for the display's next frame: the requestAnimationFrame callback, which runs before that
 * frame's style, layout and paint) and to the end of that frame's work on the main thread
 * (`painted`: a task posted from the requestAnimationFrame callback runs after the frame's
 * style, layout, paint and commit; for reference, it is not the goal's measure).
 */
async function timeKeystrokes(page: import("@playwright/test").Page, out: import("@playwright/test").ElementHandle, keystrokes: number) {
  await page.evaluate((o) => {
    const w = window as unknown as { __keyTimes: { total: number; dom: number; painted: number }[]; __t0: number | null };
    w.__keyTimes = [];
    w.__t0 = null;
    document.addEventListener("keydown", () => (w.__t0 = performance.now()), true);
    new MutationObserver(() => {
      const t0 = w.__t0;
      if (t0 === null) return;
      w.__t0 = null;
      const dom = performance.now() - t0;
      requestAnimationFrame(() => {
        const total = performance.now() - t0;
        const after = new MessageChannel();
        after.port1.onmessage = () => w.__keyTimes.push({ total, dom, painted: performance.now() - t0 });
        after.port2.postMessage(null);
      });
    }).observe(o!, { childList: true, characterData: true, subtree: true });
  }, out);
  // the main thread's CPU time (not wall time: other work on the machine does not count)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  const threadTime = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime")?.value ?? NaN;
  const cpu0 = await threadTime();
  for (let i = 0; i < keystrokes; i++) {
    // alternate between appending a digit and deleting it, so the output changes every time
    await page.keyboard.press(i % 2 === 0 ? String((i % 9) + 1) : "Backspace");
    await page.waitForTimeout(250); // let each keystroke show before the next
  }
  const cpuMs = ((await threadTime()) - cpu0) * 1000 / keystrokes;
  await cdp.detach();
  const times = await page.evaluate(() => (window as unknown as { __keyTimes: { total: number; dom: number; painted: number }[] }).__keyTimes);
  return { total: times.map((t) => t.total), dom: times.map((t) => t.dom), painted: times.map((t) => t.painted), cpuMs };
}

/**
 * P5: in Debian Chromium, a clerk's draft open in the editor; each keystroke in the 三 grid
 * is timed from the keydown event to the frame after the row's 总计 output changed. Beside it,
 * for reading it: the same keystrokes to the DOM change alone, the main thread's CPU time per
 * keystroke (load-independent), and the floor: the same measure on a page that only writes
 * the keystroke's output (what waiting for the next frame costs on this machine's display clock).
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
    const editor = await timeKeystrokes(page, (await total.elementHandle())!, o.keystrokes);
    if (editor.total.length < o.keystrokes * 0.9) throw new Error(`只测到 ${editor.total.length}/${o.keystrokes} 次合计更新`);

    await page.setContent(`<input id="i" aria-label="i"><output id="o"></output>`);
    await page.evaluate(() => {
      const i = document.getElementById("i") as HTMLInputElement;
      i.addEventListener("input", () => (document.getElementById("o")!.textContent = String(i.value.length)));
    });
    await page.locator("#i").click();
    const floor = await timeKeystrokes(page, (await page.locator("#o").elementHandle())!, o.keystrokes);
    return {
      p95: percentile(editor.total, 95),
      samples: editor.total.length,
      domP95: percentile(editor.dom, 95),
      paintedP95: percentile(editor.painted, 95),
      cpuMs: editor.cpuMs,
      floorP95: percentile(floor.total, 95),
      floorPaintedP95: percentile(floor.painted, 95),
      floorCpuMs: floor.cpuMs,
    };
  } finally {
    await browser.close();
  }
}
