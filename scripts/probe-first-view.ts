// Where a first view's time goes, measured independently of the machine's load: starts the built
// app on a database that holds published reports nobody has viewed (e.g. one kept by
// `npm run bench -- --only=P1c --keep`), forgets every shared render, asks for N report pages
// once each, one at a time, and prints the app's CPU milliseconds per page (/proc ticks of its
// processes), the SQL transactions per page (pg_stat_database; JOBS=off so the queue's polling
// is not counted) and the latencies.
// usage: tsx scripts/probe-first-view.ts DATABASE_URL [--pages=100] [--port=3340] [--prefix=940101-] [--concurrency=1]
//   --keep-rendered: the pages' stored renders are left in RenderedPage
//   PROBE_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" WEB_CONCURRENCY=1 … for a profile of the one process
import fs from "node:fs";
import pg from "pg";
import { fetchFresh, startApp } from "./lib/load";

const url = process.argv[2]!;
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const pages = Number(arg("pages", "100"));
const port = Number(arg("port", "3340"));
const prefix = arg("prefix", "940101-");
const concurrency = Number(arg("concurrency", "1"));
const TICK_MS = 10; // CLK_TCK 100

function ticks(pid: number): number {
  const kids = (p: number): number[] => {
    try {
      const c = fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      return [p, ...c.flatMap(kids)];
    } catch {
      return [p];
    }
  };
  let sum = 0;
  for (const p of kids(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return sum;
}

async function main() {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const dbName = new URL(url).pathname.slice(1);
  const xacts = async () =>
    Number((await c.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`, [dbName])).rows[0].n);
  const { rows } = await c.query<{ code: string; year: number }>(
    `SELECT a.code, r.year FROM "Report" r JOIN "Agency" a ON a.id = r."agencyId"
      WHERE a.code LIKE $1 || '%' AND EXISTS (SELECT 1 FROM "PublishedVersion" v WHERE v."reportId" = r.id) ORDER BY a.code LIMIT $2`,
    [prefix, pages],
  );
  // --keep-rendered: what a first view costs when the page was rendered before (another process, or at publish): a stored-bytes read
  if (!process.argv.includes("--keep-rendered")) await c.query(`DELETE FROM "RenderedPage"`);
  const env: Record<string, string> = { JOBS: "off" };
  if (process.env.PROBE_NODE_OPTIONS) env.NODE_OPTIONS = process.env.PROBE_NODE_OPTIONS;
  const app = await startApp(url, port, env);
  const pid = (app as unknown as { pid?: number }).pid;
  const base = `http://127.0.0.1:${port}`;
  try {
    // warm the code (one report outside the measured set, and the login page)
    const warm = await fetchFresh(`${base}/reports/${rows[0]!.code}/${rows[0]!.year}`, { headers: { "accept-encoding": "gzip" } });
    await warm.arrayBuffer();
    const measured = rows.slice(1);
    await new Promise((r) => setTimeout(r, 500));
    const procPid = Number(fs.readFileSync(`/proc/self/task/${process.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number).at(-1));
    const t0 = ticks(procPid);
    const x0 = await xacts();
    const lat: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < measured.length) {
          const r = measured[next++]!;
          const s = performance.now();
          const res = await fetchFresh(`${base}/reports/${r.code}/${r.year}`, { headers: { "accept-encoding": "gzip" } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${r.code} ${res.status}`);
          lat.push(performance.now() - s);
        }
      }),
    );
    const wall = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000)); // the stores after the answers
    const cpu = (ticks(procPid) - t0) * TICK_MS;
    const x = (await xacts()) - x0 - 2; // this script's own two reads
    lat.sort((a, b) => a - b);
    const q = (p: number) => lat[Math.ceil(p * lat.length) - 1]!.toFixed(1);
    console.log(
      `pages ${measured.length} (concurrency ${concurrency}): CPU ${(cpu / measured.length).toFixed(1)} ms/page, SQL transactions ${(x / measured.length).toFixed(2)}/page, ` +
        `latency p50 ${q(0.5)} p95 ${q(0.95)} max ${q(1)} ms, wall ${(wall / 1000).toFixed(1)} s; pid ${pid ?? procPid}`,
    );
  } finally {
    await app.stop();
    await c.end();
  }
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
