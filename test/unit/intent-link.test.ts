// One way to link inside the app: components/layout/IntentLink.tsx, which prefetches a page only
// when the reader reaches for its link. A module importing next/link directly would bring back
// a prefetch request (a page rendered by the app) for every link on screen at every page view.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const WRAPPER = path.join("components", "layout", "IntentLink.tsx");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.(tsx?|jsx?)$/.test(e.name) ? [rel] : [];
  });
}

describe("links", () => {
  const files = ["app", "components", "lib"].flatMap(sources);

  it("finds the app's modules (the scan itself works)", () => {
    expect(files).toContain(WRAPPER);
    expect(files.filter((f) => fs.readFileSync(path.join(ROOT, f), "utf8").includes('from "@/components/layout/IntentLink"')).length).toBeGreaterThan(10);
  });

  it("only IntentLink imports next/link", () => {
    const direct = files.filter((f) => f !== WRAPPER && /from\s+["']next\/link["']/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(direct).toEqual([]);
  });
});
