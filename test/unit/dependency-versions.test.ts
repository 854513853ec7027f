// `npm audit` cannot reach its service here, so the security-relevant packages are checked
// against a list kept in the repository (security/known-good-versions.json): every copy of each
// package in package-lock.json must be at least its minimum and outside every known-bad range.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

interface Range {
  introduced: string;
  fixed: string;
  advisory: string;
}
interface Policy {
  minimum: string;
  knownBad: Range[];
}

const policy: Record<string, Policy> = JSON.parse(fs.readFileSync("security/known-good-versions.json", "utf8")).packages;
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string }> };

/** Compares semantic versions (major.minor.patch, a pre-release sorts before its release). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.replace(/^v/, "").split("-", 2);
    return { nums: core.split(".").map((n) => Number(n) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre.localeCompare(y.pre, "en", { numeric: true });
}

/** Why `version` is refused by `p`, or null. */
function refusal(version: string, p: Policy): string | null {
  const bad = p.knownBad.find((r) => compareVersions(version, r.introduced) >= 0 && compareVersions(version, r.fixed) < 0);
  if (bad) return `${version} is in a known-bad range [${bad.introduced}, ${bad.fixed}): ${bad.advisory}`;
  if (compareVersions(version, p.minimum) < 0) return `${version} is below the minimum ${p.minimum}`;
  return null;
}

/** Every installed copy of a package in the lockfile (hoisted and nested). */
function lockedVersions(name: string): Array<{ where: string; version: string }> {
  return Object.entries(lock.packages)
    .filter(([where, entry]) => (where === `node_modules/${name}` || where.endsWith(`/node_modules/${name}`)) && entry.version)
    .map(([where, entry]) => ({ where, version: entry.version! }));
}

describe("security-relevant dependency versions (package-lock.json vs security/known-good-versions.json)", () => {
  it("lists the packages the issue names", () => {
    expect(Object.keys(policy)).toEqual(expect.arrayContaining(["next", "next-auth", "jose", "react", "pg", "bcryptjs"]));
  });

  for (const [name, p] of Object.entries(policy)) {
    it(`${name}: every locked copy is at or above ${p.minimum} and outside known-bad ranges`, () => {
      const copies = lockedVersions(name);
      expect(copies.length, `${name} is not in package-lock.json`).toBeGreaterThan(0);
      for (const c of copies) expect(refusal(c.version, p), c.where).toBeNull();
    });
  }

  it("would refuse a downgrade into a known-bad range", () => {
    expect(refusal("16.0.6", policy.next)).toMatch(/CVE-2025-66478/);
    expect(refusal("15.2.2", policy.next)).toMatch(/CVE-2025-29927/);
    expect(refusal("4.24.4", policy["next-auth"])).toMatch(/CVE-2023-48309/);
    expect(refusal("4.15.4", policy.jose)).toMatch(/CVE-2024-28176/);
    expect(refusal("19.2.0", policy.react)).toMatch(/CVE-2025-55182/);
    expect(refusal("7.0.0", policy.pg)).not.toBeNull();
    expect(refusal("2.4.3", policy.bcryptjs)).not.toBeNull();
    expect(compareVersions("5.0.0-beta.29", "5.0.0-beta.30")).toBeLessThan(0);
    expect(compareVersions("5.0.0-beta.30", "5.0.0")).toBeLessThan(0);
  });
});
