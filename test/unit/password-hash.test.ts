// One hash at one cost for every password (argon2id): one-time and chosen passwords alike, and
// an onboarding's hundreds hashed a few at a time. (Sign-in against stored hashes, the upgrade of
// bcrypt ones and equal timing are integration tests: test/integration/password-hashing.test.ts.)
import { parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from "@/lib/server/auth/password-hash";
import { hashOneTimePassword, hashOneTimePasswords } from "@/lib/server/users/one-time-password";

const { algorithm, memoryCost, timeCost, parallelism } = ARGON2_OPTIONS;
const expected = { algorithm, memoryCost, timeCost, parallelism };

describe("one password hash", () => {
  it("hashes one-time and chosen passwords alike: argon2id at the same cost", async () => {
    const oneTime = await hashOneTimePassword("AbCd-EfGh-JkMn");
    const chosen = await hashPassword("Helan-Report-2026");
    expect(oneTime).toMatch(/^\$argon2id\$/);
    expect(chosen).toMatch(/^\$argon2id\$/);
    expect(parseOptions(oneTime)).toMatchObject(expected);
    expect(parseOptions(chosen)).toMatchObject(expected);
    expect((await verifyPassword("AbCd-EfGh-JkMn", oneTime)).ok).toBe(true);
    expect((await verifyPassword("AbCd-EfGh-JkMm", oneTime)).ok).toBe(false);
  });

  it("hashes an onboarding's 300 one-time passwords a few at a time, in seconds", async () => {
    const passwords = Array.from({ length: 300 }, (_, i) => `Pw-${i}-${Math.random().toString(36).slice(2)}`);
    const t = performance.now();
    const hashes = await hashOneTimePasswords(passwords);
    const seconds = (performance.now() - t) / 1000;
    expect(hashes).toHaveLength(300);
    expect(new Set(hashes).size).toBe(300);
    for (const i of [0, 150, 299]) expect((await verifyPassword(passwords[i], hashes[i])).ok).toBe(true);
    // about 3 s on an idle 2-core machine; the bound leaves room for a busy one
    expect(seconds).toBeLessThan(45);
  }, 120_000);
});
