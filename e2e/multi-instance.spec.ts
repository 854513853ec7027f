// Two app instances on one database (playwright.config.ts starts both): a publication or a
// correction made through one shows on the other within a second — the public report page is
// cached under a key that includes the published version, never invalidated per instance.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { workflowFixture as fixture } from "./helpers";

test.describe.configure({ timeout: 120_000 }); // four fixture runs (each a Node process) and a dozen requests: 30 s on a loaded machine

const FIRST = `http://localhost:${Number(process.env.E2E_PORT || 3210)}`;
const SECOND = `http://localhost:${Number(process.env.E2E_PORT || 3210) + 1}`;
const YEAR = 2023;

async function page(request: APIRequestContext, base: string, path: string) {
  const r = await request.get(base + path);
  return { status: r.status(), text: await r.text() };
}

test("a publication and a correction made through one instance show on both within a second @smoke", async ({ request }) => {
  const code = `640122-m${Date.now().toString(36)}`;
  const path = `/reports/${code}/${YEAR}`;
  const { reportId } = await fixture("report", code, `贺兰县多实例${code.slice(-5)}`, String(YEAR), "APPROVED");
  expect(reportId).toBeTruthy();

  // not yet published: 404 on both, and that 404 is not kept anywhere
  for (const base of [FIRST, SECOND]) expect((await page(request, base, path)).status).toBe(404);
  await fixture("publish", code, String(YEAR));
  for (const base of [FIRST, SECOND]) {
    const r = await page(request, base, path);
    expect(r.status, base).toBe(200);
    expect(r.text).toContain(code);
  }
  // the page's validator names the published version: the same on both instances
  const etag = (await request.get(FIRST + path)).headers()["etag"]!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect((await request.get(SECOND + path, { headers: { "If-None-Match": etag } })).status()).toBe(304);

  // both instances now hold version 1 in their caches; correct it through the workflow
  const note = `多实例更正说明 ${Date.now()}`;
  await fixture("correct", code, String(YEAR), note);
  for (const base of [FIRST, SECOND]) {
    // each instance remembers which version is current for at most a second
    // (lib/server/cache/published-ref.ts): asked until then, it must show version 2 (the bound
    // is that second plus the requests' own time on a busy machine)
    await expect
      .poll(async () => (await page(request, base, path)).text, { message: `${base} shows version 2 a second after the correction`, timeout: 3_000 })
      .toContain(note);
  }
  for (const base of [FIRST, SECOND]) {
    // a client holding version 1 gets version 2, not 304
    const revalidated = await request.get(base + path, { headers: { "If-None-Match": etag } });
    expect(revalidated.status(), base).toBe(200);
    expect(revalidated.headers()["etag"], base).not.toBe(etag);
    expect(await revalidated.text(), base).toContain(note);
  }
  // and the API and the downloads agree
  for (const base of [FIRST, SECOND]) {
    const api = await request.get(`${base}/api/reports/${code}/${YEAR}`);
    expect(api.status()).toBe(200);
    expect((await api.json()).applications.received.naturalPerson).toBe(6);
  }
});
