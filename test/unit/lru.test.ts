// The one least-recently-used store behind every in-memory cache (lib/server/cache/lru.cjs).
import { describe, expect, it } from "vitest";
import { Lru } from "@/lib/server/cache/lru.cjs";

describe("Lru", () => {
  it("drops the least recently used entries beyond its size, a read counting as a use", () => {
    const lru = new Lru<string>({ maxSize: 10 });
    lru.set("a", "A", 4);
    lru.set("b", "B", 4);
    expect(lru.get("a")).toBe("A"); // a is now the most recently used
    lru.set("c", "C", 4); // 12 > 10: b goes, not a
    expect(lru.peek("b")).toBeUndefined();
    expect([lru.peek("a"), lru.peek("c")]).toEqual(["A", "C"]);
    expect(lru.totalSize).toBe(8);
  });

  it("replaces an entry under the same key with its new size, and keeps nothing larger than itself", () => {
    const lru = new Lru<string>({ maxSize: 10 });
    lru.set("a", "A", 6);
    lru.set("a", "A2", 3);
    expect(lru.totalSize).toBe(3);
    lru.set("huge", "H", 11);
    expect(lru.peek("huge")).toBeUndefined();
    expect(lru.peek("a")).toBe("A2");
    expect(lru.delete("a")).toBe(true);
    expect([lru.size, lru.totalSize]).toEqual([0, 0]);
  });

  it("counts entries when no size is given", () => {
    const lru = new Lru<number>({ maxSize: 2 });
    for (const [i, k] of ["x", "y", "z"].entries()) lru.set(k, i);
    expect([lru.peek("x"), lru.peek("y"), lru.peek("z")]).toEqual([undefined, 1, 2]);
  });
});
