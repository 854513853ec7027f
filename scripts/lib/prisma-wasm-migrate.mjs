#!/usr/bin/env node
// @ts-check
// Offline Prisma Migrate for PostgreSQL: runs Prisma's WASM schema engine
// (@prisma/schema-engine-wasm) through @prisma/adapter-pg, so no native
// `schema-engine` binary (which cannot be downloaded on our machines) is needed.
// Run it through `npm run db:migrate | db:new -- NAME | db:check` (scripts/db.ts), which
// chooses the database (DATABASE_URL, or the embedded server) and sets DATABASE_URL for it.
//
//   node scripts/lib/prisma-wasm-migrate.mjs deploy                 # = prisma migrate deploy
//   node scripts/lib/prisma-wasm-migrate.mjs create --name add_x    # = prisma migrate dev --create-only --name add_x
//   node scripts/lib/prisma-wasm-migrate.mjs dev --name add_x       # = create + deploy (no reset prompt; aborts instead)
//   node scripts/lib/prisma-wasm-migrate.mjs diff [--from-empty] [--exit-code]
//                                       # = prisma migrate diff --from-migrations <dir> --to-schema <schema> --script
//   node scripts/lib/prisma-wasm-migrate.mjs check                  # drift: schema vs migrations, migrations vs database
//   node scripts/lib/prisma-wasm-migrate.mjs status                 # = prisma migrate status
//
// Reads prisma.config.ts (schema, migrations.path, datasource.url, datasource.shadowDatabaseUrl,
// migrations.initShadowDb, tables.external, enums.external) via @prisma/config.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum, DriverAdapterError } from "@prisma/driver-adapter-utils";
import { loadConfigFromFile } from "@prisma/config";

const require = createRequire(import.meta.url);

/** @typedef {import("@prisma/schema-engine-wasm").MigrationList} MigrationList */
/** @typedef {{ message: string, get(): string, set_message(m: string): void }} PanicRegistry */
/** the wasm glue's global for Rust panics, as Prisma's CLI sets it up */
const panics = /** @type {{ PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }} */ (globalThis);

// ---------------------------------------------------------------- wasm engine
async function loadSchemaEngine() {
  // the wasm glue reports Rust panics through this global (as Prisma's CLI sets it up)
  panics.PRISMA_WASM_PANIC_REGISTRY ??= { message: "", get() { return this.message; }, set_message(m) { this.message = `RuntimeError: ${m}`; } };
  // Same instantiation as Prisma 6.19's CLI (node can't `import` .wasm without a flag).
  /** @type {typeof import("@prisma/schema-engine-wasm") & { __wbg_set_wasm(exports: WebAssembly.Exports): void }} */
  const glue = /** @type {any} */ (await import("@prisma/schema-engine-wasm/schema_engine_bg"));
  const wasmFile =
    process.env.PRISMA_SCHEMA_ENGINE_WASM ||
    path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  /** @type {{ __wbindgen_start(): void }} */ (/** @type {unknown} */ (instance.exports)).__wbindgen_start();
  return glue;
}

// ---------------------------------------------------------------- pg adapter
// adapter-pg 7.10 rejects the catalog type "char" (oid 18), which the engine's schema describer
// selects (pg_class.relkind, pg_constraint.contype, ...):
//   "Column type 'char' could not be deserialized from the database."
// and the describer reads those columns as a Rust `char`, so they must arrive as
// ColumnType.Character (reporting them as text panics on the first CHECK / PG18 NOT NULL constraint).
/** @type {WeakMap<object, number[]>} pg result rows array -> indexes of "char" columns */
const charColumns = new WeakMap();
class CatalogSafeClient extends pg.Client {
  /**
   * pg.Client#query with every overload (callback or promise), the "char" columns marked.
   * @param {any[]} args
   * @returns {any}
   */
  query(...args) {
    /** @type {<R>(res: R) => R} */
    const fix = (res) => {
      for (const r of /** @type {(pg.QueryResult | undefined)[]} */ (Array.isArray(res) ? res : [res])) {
        /** @type {number[]} */
        const idx = [];
        r?.fields?.forEach((f, i) => f.dataTypeID === 18 && (f.dataTypeID = 25, idx.push(i)));
        if (r && idx.length && r.rows) charColumns.set(r.rows, idx);
      }
      return res;
    };
    const cb = typeof args.at(-1) === "function" ? args.pop() : null;
    const query = /** @type {(...a: any[]) => any} */ (super.query.bind(this));
    if (cb) return query(...args, (/** @type {Error | null} */ err, /** @type {pg.QueryResult} */ res) => cb(err, err ? res : fix(res)));
    const ret = query(...args);
    return ret && typeof ret.then === "function" ? ret.then(fix) : ret;
  }
}
/**
 * @template {import("@prisma/driver-adapter-utils").SqlQueryable} Q
 * @param {Q} queryable
 * @returns {Q}
 */
function withCharColumns(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (q) => {
    const res = await queryRaw(q);
    for (const i of charColumns.get(res.rows) ?? []) res.columnTypes[i] = ColumnTypeEnum.Character;
    return res;
  };
  return queryable;
}

/** @param {any} e an error pg threw */
function pgError(e) {
  return new DriverAdapterError(
    typeof e?.code === "string" && typeof e?.severity === "string"
      ? { kind: "postgres", code: e.code, severity: e.severity, message: e.message, detail: e.detail, column: e.column, hint: e.hint }
      : { kind: "GenericJs", id: 0 },
  );
}

/** @type {Set<import("@prisma/driver-adapter-utils").SqlDriverAdapter>} */
const openAdapters = new Set();
/**
 * @param {string} url
 * @param {() => Promise<unknown>} [release] run after the adapter is disposed (a shadow database dropped)
 */
async function connectAdapter(url, release) {
  const adapter = await new PrismaPg({ connectionString: url, Client: CatalogSafeClient }).connect();
  openAdapters.add(adapter);
  withCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...a) => withCharColumns(await startTransaction(...a));
  // adapter-pg's executeScript splits on every ';' (breaks $$ bodies / string literals) and runs the
  // pieces one by one. Send the script as ONE simple-protocol query, like the native engine does
  // (multi-statement simple query = one implicit transaction).
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (e) {
      throw pgError(e);
    }
  };
  if (release) {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      openAdapters.delete(adapter);
      await dispose();
      await release();
    };
  }
  return adapter;
}

/**
 * @param {string} url
 * @param {string} db
 */
function withDatabase(url, db) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

/**
 * @param {string} url
 * @param {string} sql
 */
async function adminQuery(url, sql) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/** @param {{ url: string, shadowUrl?: string }} databases */
function adapterFactory({ url, shadowUrl }) {
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectAdapter(url),
    // Note: PrismaPg#connectToShadowDb with a connectionString silently connects to the MAIN
    // database (pg lets connectionString override `database`), so it is not used.
    async connectToShadowDb() {
      if (shadowUrl) {
        // like the native engine with shadowDatabaseUrl: wipe it first
        await adminQuery(shadowUrl, 'DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public";');
        return connectAdapter(shadowUrl);
      }
      const db = `prisma_migrate_shadow_db_${randomUUID()}`;
      await adminQuery(url, `CREATE DATABASE "${db}"`);
      return connectAdapter(withDatabase(url, db), () => adminQuery(url, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`));
    },
  });
}

// ---------------------------------------------------------------- project files
/** @param {string} schemaPath a .prisma file or a folder of them */
function loadSchemaFiles(schemaPath) {
  const st = fs.statSync(schemaPath);
  /** @type {string[]} */
  const files = [];
  /** @param {string} p */
  const walk = (p) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(p, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".prisma")) files.push(full);
    }
  };
  st.isDirectory() ? walk(schemaPath) : files.push(schemaPath);
  return files.map((f) => ({ path: f, content: fs.readFileSync(f, "utf8") }));
}

// Mirrors the Prisma 7.10 CLI's listMigrations(): what `prisma migrate *` hands the engine.
/**
 * @param {string} dir
 * @returns {MigrationList}
 */
function listMigrations(dir, shadowDbInitScript = "") {
  const lockPath = "migration_lock.toml";
  let lock = null;
  try { lock = fs.readFileSync(path.join(dir, lockPath), "utf8"); } catch {}
  /** @type {fs.Dirent[]} */
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch {}
  const migrationDirectories = entries
    .filter((d) => d.isDirectory())
    .map((d) => {
      /** @type {MigrationList["migrationDirectories"][number]["migrationFile"]["content"]} */
      let content;
      try { content = { tag: "ok", value: fs.readFileSync(path.join(dir, d.name, "migration.sql"), "utf8") }; }
      catch (e) { content = { tag: "error", value: e instanceof Error ? e.message : String(e) }; }
      return { path: d.name, migrationFile: { path: "migration.sql", content } };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir: dir, lockfile: { path: lockPath, content: lock }, migrationDirectories, shadowDbInitScript };
}

// ---------------------------------------------------------------- main
const args = process.argv.slice(2);
const cmd = args[0];
/** @param {string} n */
const flag = (n) => args.includes(n);
/** @param {string} n */
const opt = (n) => (args.indexOf(n) >= 0 ? args[args.indexOf(n) + 1] : undefined);
/** @param {unknown[]} m */
const log = (...m) => console.error(...m);
/** @param {any} e @returns {never} */
const fail = (e) => {
  const panic = panics.PRISMA_WASM_PANIC_REGISTRY?.get();
  log(`Error: ${e?.message ?? e}${e?.code ? ` (${e.code})` : ""}${panic ? `\n[schema engine panic] ${panic}` : ""}`);
  process.exit(1);
};
// engine errors/panics can surface outside the awaited promise chain
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const { config, error } = await loadConfigFromFile({ configFile: opt("--config") });
if (error && error._tag !== "ConfigFileNotFound") fail(error.error ?? error._tag);
const root = config?.loadedFromFile ? path.dirname(config.loadedFromFile) : process.cwd();
const schemaPath = path.resolve(root, opt("--schema") ?? config?.schema ?? "prisma/schema.prisma");
const migrationsDir = path.resolve(root, config?.migrations?.path ?? path.join(path.dirname(schemaPath), "migrations"));
const givenUrl = opt("--url") ?? config?.datasource?.url ?? process.env.DATABASE_URL;
const shadowUrl = config?.datasource?.shadowDatabaseUrl ?? process.env.SHADOW_DATABASE_URL;
const initShadowDb = config?.migrations?.initShadowDb ?? "";
const filters = { externalTables: config?.tables?.external ?? [], externalEnums: config?.enums?.external ?? [] };
/** @type {string} */
const url = givenUrl ?? fail("No datasource url: set datasource.url in prisma.config.ts or DATABASE_URL");
const files = loadSchemaFiles(schemaPath);
const schema = { files };
const migrations = () => listMigrations(migrationsDir, initShadowDb);

// like `prisma migrate deploy/dev`: create the database if it does not exist yet
async function ensureDatabase() {
  try {
    await adminQuery(url, "SELECT 1");
  } catch (e) {
    if (/** @type {{ code?: string }} */ (e).code !== "3D000") throw e;
    const db = decodeURIComponent(new URL(url).pathname.slice(1));
    await adminQuery(withDatabase(url, "postgres"), `CREATE DATABASE "${db.replaceAll('"', '""')}"`);
    log(`PostgreSQL database "${db}" created`);
  }
}
if (cmd === "deploy" || cmd === "dev") await ensureDatabase();

const se = await loadSchemaEngine();
const engine = await se.SchemaEngine.new(
  { datamodels: files.map((f) => [f.path, f.content]) },
  (/** @type {string} */ line) => void (process.env.DEBUG_SCHEMA_ENGINE && log("[schema-engine]", line)),
  adapterFactory({ url, shadowUrl }),
);

/**
 * @param {string | undefined} name
 * @param {boolean} draft
 */
async function create(name, draft) {
  // `migrate dev` first asks the engine whether the dev database must be reset (drift, edited/failed migrations)
  const dd = await engine.devDiagnostic({ migrationsList: migrations(), filters });
  if (dd.action.tag === "reset") {
    log(`The database needs a reset (prisma migrate dev would prompt):\n${dd.action.reason}`);
    process.exit(2);
  }
  const list = migrations();
  const r = await engine.createMigration({ draft, migrationName: name ?? "", migrationsList: list, schema, filters });
  if (r.migrationScript === null) {
    log("Already in sync, no schema change or pending migration was found.");
    return null;
  }
  const dir = path.join(migrationsDir, r.generatedMigrationName);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `migration.${r.extension}`), r.migrationScript);
  fs.writeFileSync(
    path.join(migrationsDir, list.lockfile.path),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${r.connectorType}"\n`,
  );
  log(`Created ${path.relative(process.cwd(), dir)}/migration.${r.extension}`);
  return r.generatedMigrationName;
}

async function deploy() {
  const list = migrations();
  log(`${list.migrationDirectories.length} migrations found in ${path.relative(process.cwd(), migrationsDir) || "."}`);
  const { appliedMigrationNames: applied } = await engine.applyMigrations({ migrationsList: list, filters });
  log(applied.length ? `Applied:\n${applied.map((n) => `  ${n}`).join("\n")}` : "No pending migrations to apply.");
}

try {
  switch (cmd) {
    case "deploy":
      await deploy();
      break;
    case "create":
      await create(opt("--name"), true);
      break;
    case "dev":
      if (await create(opt("--name"), false)) await deploy();
      break;
    case "diff": {
      // = prisma migrate diff --from-migrations <dir> (or --from-empty) --to-schema <schema> --script [--exit-code]
      /** @type {import("@prisma/schema-engine-wasm").DiffTarget} */
      const from = flag("--from-empty") ? { tag: "empty" } : { tag: "migrations", ...migrations() };
      const r = await engine.diff({ from, to: { tag: "schemaDatamodel", ...schema }, script: !flag("--summary"), exitCode: flag("--exit-code"), filters });
      process.stdout.write(r.stdout ?? "");
      process.exitCode = r.exitCode;
      break;
    }
    case "status": {
      const h = await engine.diagnoseMigrationHistory({ migrationsList: migrations(), optInToShadowDatabase: false, filters });
      console.log(JSON.stringify(h, null, 2));
      process.exitCode = h.history || h.failedMigrationNames.length || h.editedMigrationNames.length ? 1 : 0;
      break;
    }
    case "check": {
      // 1) schema.prisma vs migrations (replayed in a shadow database)
      const d = await engine.diff({ from: { tag: "migrations", ...migrations() }, to: { tag: "schemaDatamodel", ...schema }, script: true, exitCode: true, filters });
      if (d.exitCode === 2) log(`DRIFT: schema.prisma differs from the migrations; missing migration SQL:\n${d.stdout}`);
      else log("OK: migrations reproduce schema.prisma");
      // 2) database vs migrations (history + schema drift, as `migrate dev` sees it)
      const h = await engine.diagnoseMigrationHistory({ migrationsList: migrations(), optInToShadowDatabase: false, filters });
      const dd = await engine.devDiagnostic({ migrationsList: migrations(), filters });
      if (h.history) log(`DB history: ${JSON.stringify(h.history)}`);
      if (dd.action.tag === "reset") log(`DB DRIFT: ${dd.action.reason}`);
      else if (!h.history) log("OK: database matches migrations");
      process.exitCode = d.exitCode === 2 || h.history || dd.action.tag === "reset" ? 2 : 0;
      break;
    }
    default:
      log("usage: prisma-wasm-migrate.mjs deploy | create --name N | dev --name N | diff [--from-empty] [--exit-code] | status | check");
      process.exitCode = 64;
  }
} catch (e) {
  fail(e);
} finally {
  engine.free();
  // the engine never disposes the main connection pool; close it (and any shadow db) so node can exit
  for (const a of openAdapters) await a.dispose().catch(() => {});
}
// the wasm engine leaves a 10 s timer behind (advisory-lock timeout); don't wait for it
process.exit(process.exitCode ?? 0);
