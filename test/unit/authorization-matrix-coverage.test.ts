// Every page, route handler and server action must have its row in the authorization matrix
// (e2e/authorization-matrix.ts), which e2e/authorization-matrix.spec.ts runs against the app.
// A new page.tsx, route.ts or exported "use server" function without a row fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MATRIX } from "@/e2e/authorization-matrix";

const ROOT = process.cwd();
const SOURCE_DIRS = ["app", "lib", "components"];

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "generated" ? [] : walk(full);
    return [full];
  });
}

/** app/(group)/reports/[code]/page.tsx → /reports/[code]; parallel (@x) and private (_x) folders excluded. */
function routeOf(file: string): string | null {
  const rel = path.relative(path.join(ROOT, "app"), file).split(path.sep);
  const name = rel.pop()!;
  if (!/^(page|route)\.(tsx?|jsx?|mdx?)$/.test(name)) return null;
  if (rel.some((s) => s.startsWith("_"))) return null;
  const segments = rel.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

function enumerateRoutes() {
  const files = walk(path.join(ROOT, "app"));
  const pages = new Set<string>();
  const routes = new Set<string>();
  for (const f of files) {
    const r = routeOf(f);
    if (!r) continue;
    (path.basename(f).startsWith("page.") ? pages : routes).add(r);
  }
  return { pages, routes };
}

/** Files whose first statement is "use server", and their exported functions. */
function enumerateServerActions(): string[] {
  const actions: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(ROOT, dir)).filter((f) => /\.(ts|tsx|js|mjs)$/.test(f))) {
      const text = fs.readFileSync(file, "utf8");
      const firstStatement = text.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
      if (!/^["']use server["']/.test(firstStatement)) continue;
      const rel = path.relative(ROOT, file).split(path.sep).join("/");
      const names = new Set<string>();
      for (const m of text.matchAll(/export\s+(?:async\s+)?function\s+([A-Za-z0-9_$]+)/g)) names.add(m[1]);
      for (const m of text.matchAll(/export\s+const\s+([A-Za-z0-9_$]+)\s*=/g)) names.add(m[1]);
      for (const m of text.matchAll(/export\s*\{([^}]+)\}/g)) {
        for (const part of m[1].split(",")) {
          const name = part.trim().split(/\s+as\s+/).pop();
          if (name) names.add(name);
        }
      }
      if (/export\s+default/.test(text)) names.add("default");
      for (const n of names) actions.push(`action:${rel}#${n}`);
    }
  }
  return actions.sort();
}

describe("the authorization matrix lists every page, route handler and server action", () => {
  const { pages, routes } = enumerateRoutes();
  const actions = enumerateServerActions();
  const rows = new Map(MATRIX.map((r) => [r.route, r]));

  it("finds the app's routes (sanity: the enumeration itself works)", () => {
    expect(pages.has("/")).toBe(true);
    expect(pages.has("/reports/[code]/[year]")).toBe(true);
    expect(routes.has("/api/auth/[...nextauth]")).toBe(true);
  });

  it("every page.tsx has a row of kind page", () => {
    const missing = [...pages].filter((p) => rows.get(p)?.kind !== "page");
    expect(missing, "add these pages to e2e/authorization-matrix.ts").toEqual([]);
  });

  it("every route.ts has a row of kind route", () => {
    const missing = [...routes].filter((p) => rows.get(p)?.kind !== "route");
    expect(missing, "add these route handlers to e2e/authorization-matrix.ts").toEqual([]);
  });

  it('every exported function of a "use server" module has a row of kind action', () => {
    const missing = actions.filter((a) => rows.get(a)?.kind !== "action");
    expect(missing, "add these server actions to e2e/authorization-matrix.ts").toEqual([]);
  });

  it("no row names a route or action that no longer exists, each row has cases, no duplicates", () => {
    const known = new Set([...pages, ...routes, ...actions]);
    expect(MATRIX.map((r) => r.route).filter((r) => !known.has(r))).toEqual([]);
    expect(MATRIX.filter((r) => r.cases.length === 0).map((r) => r.route)).toEqual([]);
    expect(new Set(MATRIX.map((r) => r.route)).size).toBe(MATRIX.length);
  });

  it("a new page or action without a row would fail (the check is live)", () => {
    const withNew = new Set([...pages, "/matrix-probe/[id]"]);
    expect([...withNew].filter((p) => rows.get(p)?.kind !== "page")).toEqual(["/matrix-probe/[id]"]);
  });
});
