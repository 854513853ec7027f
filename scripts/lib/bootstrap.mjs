// @ts-check
// Plain-Node helpers for the two README commands, usable before `npm ci` has run:
// they install what the project's own files declare, and nothing else.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/**
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 * @returns {number} the exit status
 */
export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/**
 * `run`, exiting this process when the command fails.
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 */
export function mustRun(cmd, args, options = {}) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${[cmd, ...args].join(" ")} 失败（退出码 ${status}）`);
    process.exit(status);
  }
}

/** @param {string} file */
function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * What an installed node_modules was made from: the lockfile, Node's version and the platform
 * (install scripts build for them).
 */
function installKey() {
  const lock = fs.readFileSync(path.join(ROOT, "package-lock.json"));
  return createHash("sha256").update(lock).update(`\0${process.version}\0${process.platform}\0${process.arch}`).digest("hex").slice(0, 24);
}

/** node_modules/.installed-key: the installKey() it was installed or restored for. */
const INSTALLED_KEY = path.join(ROOT, "node_modules/.installed-key");

/**
 * Writes a file as a new one (never through a hard link a kept tree shares).
 * @param {string} file
 * @param {string} text
 */
function writeNew(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * Where installed trees are kept between clones, one per installKey(), as CI systems keep
 * node_modules by lockfile: NODE_MODULES_CACHE, else ~/.cache/gov-disclosure-reports/node_modules;
 * NODE_MODULES_CACHE=off keeps none. A clone restores its tree as hard links (under a second,
 * where `npm ci` took 40–50 s of two cores here): tools add files to node_modules but never
 * rewrite an installed one, and `npm ci` and `npm install` replace what they change.
 */
function installCacheRoot() {
  const setting = process.env.NODE_MODULES_CACHE;
  if (setting === "off") return null;
  return setting || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "gov-disclosure-reports", "node_modules");
}

/**
 * Hard-links a directory tree (GNU cp); false when it cannot (another file system, no cp).
 * @param {string} from
 * @param {string} to
 */
function linkTree(from, to) {
  return spawnSync("cp", ["-al", from, to], { stdio: "ignore" }).status === 0;
}

/**
 * node_modules from the kept tree for this key, when there is one.
 * @param {string} root
 * @param {string} key
 */
function restoreNodeModules(root, key) {
  const kept = path.join(root, key);
  if (!fs.existsSync(path.join(kept, "complete"))) return false;
  const target = path.join(ROOT, "node_modules");
  fs.rmSync(target, { recursive: true, force: true });
  if (!linkTree(path.join(kept, "node_modules"), target)) {
    fs.rmSync(target, { recursive: true, force: true });
    return false;
  }
  writeNew(INSTALLED_KEY, key);
  console.log(`▶ 依赖：沿用本机为同一 package-lock.json 安装过的 node_modules（${kept}；NODE_MODULES_CACHE=off 则重新 npm ci）`);
  return true;
}

/**
 * Keeps the fresh install for the next clone (the two newest keys stay).
 * @param {string} root
 * @param {string} key
 */
function keepNodeModules(root, key) {
  const kept = path.join(root, key);
  if (fs.existsSync(path.join(kept, "complete"))) return;
  const tmp = path.join(root, `.tmp-${process.pid}`);
  try {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    if (!linkTree(path.join(ROOT, "node_modules"), path.join(tmp, "node_modules"))) return;
    fs.writeFileSync(path.join(tmp, "complete"), new Date().toISOString());
    fs.rmSync(kept, { recursive: true, force: true });
    fs.renameSync(tmp, kept);
    const others = fs
      .readdirSync(root)
      .filter((d) => d !== key && !d.startsWith("."))
      .map((d) => ({ d, t: mtime(path.join(root, d, "complete")) }))
      .sort((a, b) => b.t - a.t);
    for (const { d } of others.slice(1)) fs.rmSync(path.join(root, d), { recursive: true, force: true });
  } catch {
    // nothing kept: the next clone runs npm ci
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** node_modules for this lockfile: as installed, else the kept tree, else `npm ci` (then kept). */
export function ensureNodeModules() {
  const key = installKey();
  let current = "";
  try {
    current = fs.readFileSync(INSTALLED_KEY, "utf8");
  } catch {
    // not installed by this script, or not at all
  }
  const installed = mtime(path.join(ROOT, "node_modules/.package-lock.json"));
  // npm itself installed after the lockfile last changed (`npm install` by hand) also counts
  if (current === key || (installed && installed >= mtime(path.join(ROOT, "package-lock.json")))) return;
  const root = installCacheRoot();
  if (root && restoreNodeModules(root, key)) return;
  console.log("▶ 安装依赖: npm ci");
  mustRun("npm", ["ci", "--no-audit", "--no-fund"]);
  writeNew(INSTALLED_KEY, key);
  if (root) keepNodeModules(root, key);
}

/**
 * Newest modification time of any file under the given paths.
 * @param {readonly string[]} paths relative to the repository
 */
export function newestMtime(paths) {
  let newest = 0;
  /** @param {string} p */
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== "node_modules" && e !== "generated") walk(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(path.join(ROOT, p));
  return newest;
}

/** Prisma Client is generated code (git-ignored): make it when missing or older than the schema. */
export function ensurePrismaClient() {
  const generated = mtime(path.join(ROOT, "lib/generated/prisma/client.ts"));
  if (generated && generated >= mtime(path.join(ROOT, "prisma/schema.prisma"))) return;
  console.log("▶ 生成 Prisma Client");
  mustRun(process.execPath, ["scripts/prisma-generate.mjs"]);
}

const BUILD_INPUTS = ["app", "components", "lib", "types", "proxy.ts", "next.config.ts", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];

/** Whether `.next` is missing or older than any build input. */
export function buildIsStale() {
  const built = mtime(path.join(ROOT, ".next/BUILD_ID"));
  return !built || built < newestMtime(BUILD_INPUTS);
}

/**
 * The environment of `next build`. `typesChecked`: the caller runs `tsc --noEmit` on this tree
 * in the same run and fails when it fails (the test suite, which builds beside tsc), so the
 * build skips its own second type check (next.config.ts); every other build checks the types.
 */
export function buildEnv({ typesChecked = false } = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (typesChecked) env.NEXT_BUILD_TYPES_CHECKED = "1";
  else delete env.NEXT_BUILD_TYPES_CHECKED;
  return env;
}

export const NEXT_BUILD_ARGS = ["node_modules/next/dist/bin/next", "build"];

/** `next build` when there is no build or any source is newer than it (see buildEnv). */
export function ensureBuild({ force = false, typesChecked = false } = {}) {
  ensurePrismaClient(); // the build imports the generated client
  if (!force && !buildIsStale()) return;
  console.log("▶ 构建: next build");
  mustRun(process.execPath, NEXT_BUILD_ARGS, { env: buildEnv({ typesChecked }) });
}

/**
 * apt-get as root, or through sudo otherwise; returns the exit status of the first failing step (0 when all pass).
 * @param {readonly string[]} packages
 * @param {{ fatal?: boolean }} [options]
 */
function aptInstall(packages, { fatal = true } = {}) {
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  /** @param {string[]} args */
  const step = (args) => {
    const [cmd, ...rest] = sudo.length ? ["sudo", "apt-get", ...args] : ["apt-get", ...args];
    if (fatal) return mustRun(cmd, rest, { env }), 0;
    try {
      return run(cmd, rest, { env });
    } catch {
      return 1; // no sudo on this machine
    }
  };
  return step(["update", "-qq"]) || step(["install", "-y", "-qq", "--no-install-recommends", ...packages]);
}

const haveNotoCjk = () => spawnSync("dpkg-query", ["-W", "-f=${Status}", "fonts-noto-cjk"], { encoding: "utf8" }).stdout?.includes("install ok installed");

/** Debian's chromium and CJK fonts, for Playwright (never a downloaded browser). */
export function ensureBrowser() {
  // the browser tests run in the headless shell (playwright.config.ts); the bench's keystroke
  // line and the PDF tools use the browser
  const missing = [
    ["chromium", fs.existsSync("/usr/bin/chromium")],
    ["chromium-headless-shell", fs.existsSync("/usr/lib/chromium/chromium-headless-shell")],
    ["fonts-noto-cjk", haveNotoCjk()],
  ].flatMap(([name, present]) => (present ? [] : [String(name)]));
  if (!missing.length) return;
  console.log(`▶ 安装 Chromium 与中文字体: apt-get install ${missing.join(" ")}`);
  aptInstall(missing);
}

/**
 * The CJK fonts the PDF download embeds (lib/documents/pdf-fonts.ts): Debian's fonts-noto-cjk,
 * unless PDF_FONT_DIR names a directory that has them. Without them the app still runs and the
 * PDF download answers 503, so a failed install only warns.
 */
export function ensurePdfFonts() {
  const dir = process.env.PDF_FONT_DIR;
  if (dir ? fs.existsSync(path.join(dir, "NotoSerifCJK-Regular.ttc")) : haveNotoCjk()) return;
  console.log("▶ 安装 PDF 所需中文字体: apt-get install fonts-noto-cjk");
  if (aptInstall(["fonts-noto-cjk"], { fatal: false }) !== 0)
    console.warn("⚠ 未能安装 fonts-noto-cjk（需要 root 或 sudo）：PDF 下载将暂不可用，其他功能不受影响。");
}
