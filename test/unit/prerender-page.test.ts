// The render of a report's page queued at publication (lib/server/public/prerender-page.ts): the app
// asks itself for the public page, and the job is tried again when the answer is not yet the
// version just published.
import { beforeEach, describe, expect, it, vi } from "vitest";

const current = { versionNo: 2 as number | null, forgotten: 0 };
vi.mock("@/lib/server/cache/published-ref", () => ({
  currentVersionNo: async () => current.versionNo,
  forgetPublicRefs: () => current.forgotten++,
}));

const { renderPublishedPage } = await import("@/lib/server/public/prerender-page");
const { publicPageEtag } = await import("@/lib/server/cache/public-routes");
const { setLocalOrigin } = await import("@/lib/server/cache/process-wiring.cjs");

const job = { code: "640122100000", year: 2020, versionNo: 2 };
const answer = (status: number, version: number) => async () =>
  new Response("<html></html>", { status, headers: { etag: publicPageEtag(`/published/640122100000/2020/${version}`) } });

beforeEach(() => {
  current.versionNo = 2;
  current.forgotten = 0;
  setLocalOrigin("http://127.0.0.1:3999");
});

describe("the page render queued at publication", () => {
  it("asks the app itself for the public page, as a browser does", async () => {
    const fetchPage = vi.fn(answer(200, 2));
    await renderPublishedPage(job, fetchPage as unknown as typeof fetch);
    expect(fetchPage).toHaveBeenCalledTimes(1);
    const [url, init] = fetchPage.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("http://127.0.0.1:3999/reports/640122100000/2020");
    expect(init.headers).toEqual({ "accept-encoding": "gzip" });
    expect(current.forgotten).toBe(0);
  });

  it("fails (to be tried again) while the app still answers with the previous version, and forgets its remembered version", async () => {
    await expect(renderPublishedPage(job, answer(200, 1) as unknown as typeof fetch)).rejects.toThrow(/第 2 版/);
    expect(current.forgotten).toBe(1);
    await expect(renderPublishedPage(job, answer(500, 2) as unknown as typeof fetch)).rejects.toThrow(/500/);
  });

  it("has nothing left to do once a later version is published", async () => {
    current.versionNo = 3;
    await expect(renderPublishedPage(job, answer(200, 3) as unknown as typeof fetch)).resolves.toBeUndefined();
  });
});
