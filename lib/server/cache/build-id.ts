import fs from "node:fs";
import path from "node:path";

let cached: string | undefined;

/**
 * This build's id (`.next/BUILD_ID`, written by `next build`; "development" under `next dev`).
 * A cached page's HTML names this build's assets, so its validator must change with the build
 * as well as with the data.
 */
export function buildId(): string {
  if (cached === undefined) {
    try {
      cached = fs.readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
    } catch {
      cached = "development";
    }
  }
  return cached;
}
