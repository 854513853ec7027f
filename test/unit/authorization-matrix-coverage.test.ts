// Every page, route handler and server action must have its row in the authorization matrix
// (e2e/authorization-matrix.ts), which e2e/authorization-matrix.spec.ts runs against the app.
// A new page.tsx, route.ts or exported "use server" function without a row fails here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MATRIX, type MatrixRow } from "@/e2e/authorization-matrix";

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
function routeOf(root: string, file: string): string | null {
  const rel = path.relative(path.join(root, "app"), file).split(path.sep);
  const name = rel.pop()!;
  if (!/^(page|route)\.(tsx?|jsx?|mdx?)$/.test(name)) return null;
  if (rel.some((s) => s.startsWith("_"))) return null;
  const segments = rel.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

function enumerateRoutes(root: string) {
  const files = walk(path.join(root, "app"));
  const pages = new Set<string>();
  const routes = new Set<string>();
  for (const f of files) {
    const r = routeOf(root, f);
    if (!r) continue;
    (path.basename(f).startsWith("page.") ? pages : routes).add(r);
  }
  return { pages, routes };
}

/** Files whose first statement is "use server", and their exported functions. */
function enumerateServerActions(root: string): string[] {
  const actions: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(root, dir)).filter((f) => /\.(ts|tsx|js|mjs)$/.test(f))) {
      const text = fs.readFileSync(file, "utf8");
      const firstStatement = text.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
      if (!/^["']use server["']/.test(firstStatement)) continue;
      const rel = path.relative(root, file).split(path.sep).join("/");
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

/** The check itself: what in the tree under `root` has no row in `matrix`, and which rows name nothing there. */
function coverage(root: string, matrix: readonly MatrixRow[]) {
  const { pages, routes } = enumerateRoutes(root);
  const actions = enumerateServerActions(root);
  const rows = new Map(matrix.map((r) => [r.route, r]));
  const known = new Set([...pages, ...routes, ...actions]);
  return {
    pages,
    routes,
    actions,
    pagesWithoutRow: [...pages].filter((p) => rows.get(p)?.kind !== "page"),
    routesWithoutRow: [...routes].filter((p) => rows.get(p)?.kind !== "route"),
    actionsWithoutRow: actions.filter((a) => rows.get(a)?.kind !== "action"),
    // a write row names its route handler after "write:"
    rowsNamingNothing: matrix.map((r) => r.route).filter((r) => !known.has(r.startsWith("write:") ? r.slice("write:".length) : r)),
  };
}

describe("the authorization matrix lists every page, route handler and server action", () => {
  const c = coverage(ROOT, MATRIX);

  it("finds the app's routes (sanity: the enumeration itself works)", () => {
    expect(c.pages.has("/")).toBe(true);
    expect(c.pages.has("/reports/[code]/[year]")).toBe(true);
    expect(c.routes.has("/api/auth/[...nextauth]")).toBe(true);
  });

  it("every page.tsx has a row of kind page", () => {
    expect(c.pagesWithoutRow, "add these pages to e2e/authorization-matrix.ts").toEqual([]);
  });

  it("every route.ts has a row of kind route", () => {
    expect(c.routesWithoutRow, "add these route handlers to e2e/authorization-matrix.ts").toEqual([]);
  });

  it('every exported function of a "use server" module has a row of kind action', () => {
    expect(c.actionsWithoutRow, "add these server actions to e2e/authorization-matrix.ts").toEqual([]);
  });

  it("no row names a route or action that no longer exists, each row has cases, no duplicates", () => {
    expect(c.rowsNamingNothing).toEqual([]);
    expect(MATRIX.filter((r) => r.cases.length === 0).map((r) => r.route)).toEqual([]);
    expect(new Set(MATRIX.map((r) => r.route)).size).toBe(MATRIX.length);
  });

  it("a new page, route handler or action without a row fails, and passes once it has one (the check is live)", () => {
    // the same check as above, on a small tree made here: what it must report, it reports
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "matrix-probe-"));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    try {
      write("app/(public)/matrix-probe/[id]/page.tsx", "export default function Page() { return null; }\n");
      write("app/_private/page.tsx", "export default function Hidden() { return null; }\n"); // not a route
      write("app/api/matrix-probe/route.ts", "export async function GET() { return new Response(); }\n");
      write("lib/matrix-probe.ts", '// a comment first\n"use server";\nexport async function probeAction() {}\nexport const other = async () => {};\n');
      write("lib/not-an-action.ts", "export async function helper() {}\n");
      const probe = coverage(root, MATRIX);
      expect(probe.pagesWithoutRow).toEqual(["/matrix-probe/[id]"]);
      expect(probe.routesWithoutRow).toEqual(["/api/matrix-probe"]);
      expect(probe.actionsWithoutRow).toEqual(["action:lib/matrix-probe.ts#other", "action:lib/matrix-probe.ts#probeAction"]);
      // and every real row names nothing in this tree
      expect(probe.rowsNamingNothing).toEqual(MATRIX.map((r) => r.route));

      const everyone = { anonymous: "ok", clerkOwn: "ok", clerkOther: "ok", reviewerOwn: "ok", reviewerOther: "ok", admin: "ok" } as const;
      const rows: MatrixRow[] = [
        { route: "/matrix-probe/[id]", kind: "page", cases: [{ label: "x", path: "/matrix-probe/1", expect: everyone }] },
        { route: "/api/matrix-probe", kind: "route", cases: [{ label: "x", path: "/api/matrix-probe", expect: everyone }] },
        ...(["probeAction", "other"] as const).map((n): MatrixRow => ({ route: `action:lib/matrix-probe.ts#${n}` as const, kind: "action", cases: [{ label: "x", page: "/", args: [], snapshot: async () => null, expect: everyone }] })),
      ];
      expect(coverage(root, rows)).toMatchObject({ pagesWithoutRow: [], routesWithoutRow: [], actionsWithoutRow: [], rowsNamingNothing: [] });
      // a row of the wrong kind is no row
      expect(coverage(root, rows.map((r) => (r.route === "/api/matrix-probe" ? { ...r, kind: "page" } : r)) as MatrixRow[]).routesWithoutRow).toEqual(["/api/matrix-probe"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
