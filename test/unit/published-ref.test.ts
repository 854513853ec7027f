// The remembered page keys (lib/server/cache/published-ref.ts): at most a second old, one query at
// a time per key, and under steady load no request waits for that query.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type Deferred = { resolve: (v: number | null) => void; reject: (e: Error) => void };
const queries: Deferred[] = [];
const pool = {
  query: () =>
    new Promise((resolve, reject) => {
      queries.push({ resolve: (v) => resolve({ rows: [{ v }] }), reject });
    }),
};
const settled = async <T>(p: Promise<T>) => {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
};

let refs: typeof import("@/lib/server/cache/published-ref");
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(0);
  (globalThis as unknown as { __govreportsRefPool?: unknown }).__govreportsRefPool = pool;
  refs = await import("@/lib/server/cache/published-ref");
  refs.forgetPublicRefs();
  queries.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the remembered current version", () => {
  it("looks the key up again half-way through its second, answering with the current value meanwhile", async () => {
    const first = refs.currentVersionNo("640122100000", 2020);
    expect(queries).toHaveLength(1);
    queries[0]!.resolve(1);
    expect(await first).toBe(1);

    vi.setSystemTime(600);
    // answered at once with version 1 while the next lookup runs
    const during = refs.currentVersionNo("640122100000", 2020);
    expect(await settled(during)).toBe(true);
    expect(await during).toBe(1);
    expect(queries).toHaveLength(2);
    vi.setSystemTime(700);
    expect(await refs.currentVersionNo("640122100000", 2020)).toBe(1);
    expect(queries).toHaveLength(2);

    // the new lookup's answer is the value from then on
    queries[1]!.resolve(2);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    vi.setSystemTime(800);
    expect(await refs.currentVersionNo("640122100000", 2020)).toBe(2);
    expect(queries).toHaveLength(2);
  });

  it("never answers with a value older than a second: past it, callers wait for the lookup already running", async () => {
    const first = refs.currentVersionNo("640122100001", 2020);
    queries[0]!.resolve(1);
    await first;
    vi.setSystemTime(600);
    await refs.currentVersionNo("640122100001", 2020);
    expect(queries).toHaveLength(2);
    vi.setSystemTime(1100);
    const late = refs.currentVersionNo("640122100001", 2020);
    expect(await settled(late)).toBe(false);
    expect(queries).toHaveLength(2);
    queries[1]!.resolve(2);
    expect(await late).toBe(2);
  });

  it("forgets at once on forgetPublicRefs, and keeps no 'not published' answer", async () => {
    const none = refs.currentVersionNo("640122100002", 2020);
    queries[0]!.resolve(null);
    expect(await none).toBeNull();
    const again = refs.currentVersionNo("640122100002", 2020);
    expect(queries).toHaveLength(2);
    queries[1]!.resolve(1);
    expect(await again).toBe(1);
    refs.forgetPublicRefs();
    const after = refs.currentVersionNo("640122100002", 2020);
    expect(queries).toHaveLength(3);
    queries[2]!.resolve(2);
    expect(await after).toBe(2);
  });
});
