// One render of a stamp-keyed page for every process asking at once (lib/server/cache/shared-render.mjs):
// two handers on one database stand for two processes (each has its own pool and its own waiting list).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSharedRender } from "@/lib/server/cache/shared-render.mjs";
import { freshDatabase } from "./db-helpers";

type Shared = {
  claim(key: string): Promise<{ render: boolean; value?: unknown }>;
  store(key: string, value: unknown): Promise<void>;
  abandon(key: string): void;
  close(): Promise<void>;
};

let ctx: Awaited<ReturnType<typeof freshDatabase>>;
const made: Shared[] = [];
function processOf(buildId = "build-1", staleMs = 2000): Shared {
  const s = createSharedRender({ url: ctx.url, buildId, staleMs, maxRenderMs: 10_000 }) as Shared;
  made.push(s);
  return s;
}
const page = (n: number) => ({ value: { kind: "APP_PAGE", html: Buffer.from(`<p>第 ${n} 版</p>`), segmentData: new Map([["/_tree", Buffer.from("t")]]) }, tags: [] });
const renders = async (key: string) =>
  (await ctx.db.$queryRaw<{ renders: number }[]>`SELECT "renders" FROM "RenderedPage" WHERE "key" LIKE ${"%:" + key}`).reduce((a, r) => a + r.renders, 0);

beforeAll(async () => {
  ctx = await freshDatabase("govreports_sharedrender");
});
afterAll(async () => {
  for (const s of made) await s.close();
  await ctx?.drop();
});

describe("shared render", () => {
  it("lets one of many processes asking at once render a page; the others get what it stored", async () => {
    const procs = [processOf("build-1", 10_000), processOf("build-1", 10_000), processOf("build-1", 10_000), processOf("build-1", 10_000)];
    const key = "/published/640122100000/2020/1";
    const claims = procs.map((p) => p.claim(key));
    // the first answer is the one told to render; the others wait for what it stores
    const first = await Promise.race(claims.map((c, i) => c.then((g) => ({ i, g }))));
    expect(first.g).toEqual({ render: true });
    await procs[first.i]!.store(key, page(1));
    const all = await Promise.all(claims);
    expect(all.filter((g) => g.render)).toHaveLength(1);
    const got = all.filter((g) => !g.render);
    expect(got).toHaveLength(3);
    for (const g of got) {
      expect(g.render).toBe(false);
      const v = g.value as ReturnType<typeof page>;
      expect(Buffer.isBuffer(v.value.html)).toBe(true);
      expect(v.value.html.toString()).toBe("<p>第 1 版</p>");
      expect(v.value.segmentData.get("/_tree")!.toString()).toBe("t");
    }
    expect(await renders(key)).toBe(1);
    // asked again later: taken from the stored copy, not rendered
    expect(await processOf().claim(key)).toMatchObject({ render: false });
    expect(await renders(key)).toBe(1);
  });

  it("single-flights requests within one process", async () => {
    const p = processOf();
    const key = "/published/640122100000/2020/2";
    const first = await p.claim(key);
    expect(first).toEqual({ render: true });
    const second = p.claim(key);
    await p.store(key, page(2));
    expect(await second).toMatchObject({ render: false, value: { value: { kind: "APP_PAGE" } } });
    expect(await renders(key)).toBe(1);
  });

  it("keeps a slow render's claim while its process renews it, and lets another take over a claim no longer renewed", async () => {
    const [a, b] = [processOf("build-1", 1500), processOf("build-1", 1500)];
    const key = "/published/640122100000/2020/3";
    expect(await a.claim(key)).toEqual({ render: true });
    // rendering for longer than the claim would last unrenewed: b still waits for it
    const waiting = b.claim(key);
    const early = await Promise.race([waiting, new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 3500))]);
    expect(early).toBe("waiting");
    // a gives up without storing (its render failed): the claim is no longer renewed, and b renders
    a.abandon(key);
    expect(await waiting).toEqual({ render: true });
  });

  it("never hands a page to another build (its HTML names that build's assets)", async () => {
    const key = "/published/640122100000/2020/4";
    const old = processOf("build-1");
    expect(await old.claim(key)).toEqual({ render: true });
    await old.store(key, page(4));
    expect(await processOf("build-2").claim(key)).toEqual({ render: true });
  });
});
