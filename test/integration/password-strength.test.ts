// `abcabcabca` and `11111111112` once passed the password policy. The server now also asks
// zxcvbn how guessable a new password is; the form keeps the cheap rules and never loads zxcvbn.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/server/auth/password-hash";
import { passwordStrengthProblem } from "@/lib/server/auth/password-strength";
import { changeOwnPassword } from "@/lib/server/users/change-own-password";
import { freshDatabase } from "./db-helpers";

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let userId: string;

beforeAll(async () => {
  ctx = await freshDatabase("govreports_strength");
  const u = await ctx.db.user.create({
    data: { username: "clerk-strength", displayName: "经办人", role: "ADMIN", passwordHash: await hashPassword("Otp-Abcd-Efgh"), mustChangePassword: true },
  });
  userId = u.id;
});
afterAll(async () => ctx?.drop());

const change = (pw: string) => changeOwnPassword(ctx.db, { id: userId }, { currentPassword: "", newPassword: pw, confirmPassword: pw });

describe("password strength", () => {
  it("refuses repetitive and sequential passwords of full length, with a Chinese reason", async () => {
    for (const pw of ["abcabcabca", "11111111112", "1234567890a", "qwertyuiop12", "clerk-strength1"]) {
      const r = await change(pw);
      expect(r, pw).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.stringMatching(/[\u4e00-\u9fff]/) } });
    }
    expect((await change("abcabcabca")) as { fieldErrors: Record<string, string> }).toMatchObject({ fieldErrors: { newPassword: expect.stringContaining("重复") } });
    // nothing was stored
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: userId } })).mustChangePassword).toBe(true);
  });

  it("accepts a password that is long and irregular enough", async () => {
    expect(passwordStrengthProblem("Helan-Report-2026", { username: "clerk-strength" })).toBeNull();
    expect(await change("Helan-Report-2026")).toEqual({ ok: true });
  });

  it("keeps zxcvbn's dictionaries out of every client component's imports", () => {
    // every module reachable from a "use client" file, following relative and @/ imports (the
    // built bundle checked by hand too: no chunk under .next/static holds zxcvbn's dictionary)
    const root = process.cwd();
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        ["node_modules", ".next", ".git", "test", "e2e", "lib/generated"].some((skip) => path.join(dir, e.name) === path.join(root, skip))
          ? []
          : e.isDirectory()
            ? files(path.join(dir, e.name))
            : /\.(ts|tsx)$/.test(e.name)
              ? [path.join(dir, e.name)]
              : [],
      );
    const resolve = (from: string, spec: string): string | null => {
      const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
      if (!base) return null;
      for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
      return null;
    };
    const clientEntries = files(root).filter((f) => /^\s*["']use client["']/m.test(fs.readFileSync(f, "utf8").slice(0, 200)));
    expect(clientEntries.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    const reachesZxcvbn: string[] = [];
    const stack = [...clientEntries];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const source = fs.readFileSync(f, "utf8");
      // a server action module reaches the browser as a reference only, never its code
      if (/^\s*["']use server["']/m.test(source.slice(0, 200))) continue;
      for (const m of source.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']/g)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith("@zxcvbn-ts/")) reachesZxcvbn.push(path.relative(root, f));
        const next = resolve(f, spec);
        if (next) stack.push(next);
      }
    }
    expect(seen.has(path.join(root, "lib/admin/schemas.ts"))).toBe(true); // the form's schema is among them
    expect(reachesZxcvbn).toEqual([]);
  });
});
