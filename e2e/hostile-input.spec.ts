// Hostile input over real HTTP: malformed percent-escapes and NUL in any dynamic route answer a
// 4xx (the site's Chinese not-found page for a page), never a plain 500; a NUL in the sign-in
// form is an ordinary refusal.
import { expect, test } from "@playwright/test";
import { apiSignIn } from "./security-helpers";

// %ff and %E4%B8 are not UTF-8; %00 decodes to NUL, which PostgreSQL cannot take as text
const BAD_SEGMENTS = ["%ff", "%E4%B8", "%00", "640122%00"];

const PAGES = (s: string) => [
  `/agencies/${s}`,
  `/regions/${s}`,
  `/reports/${s}/2020`,
  `/reports/640122100000/${s}`,
  `/reports/640122100000/2020/versions/${s}`,
];
const API = (s: string) => [
  `/api/reports/${s}/2020`,
  `/api/reports/640122100000/${s}/csv`,
  `/api/reports/${s}/2020/docx`,
  `/api/reports/${s}/2020/quality-notes`,
  `/api/regions/${s}/2020`,
  `/api/regions/640122/${s}/figures.csv`,
];

test("a public page with a malformed escape or NUL in its path is the Chinese not-found page (404)", async ({ request }) => {
  for (const s of BAD_SEGMENTS) {
    for (const path of PAGES(s)) {
      const r = await request.get(path);
      expect(r.status(), path).toBe(404);
      expect(await r.text(), path).toContain("页面不存在");
    }
  }
});

test("a signed-in area's path with a malformed escape is never a 500", async ({ request }) => {
  for (const s of BAD_SEGMENTS) {
    for (const path of [`/workspace/reports/${s}`, `/review/reports/${s}/audit`, `/admin/agencies/${s}`]) {
      const r = await request.get(path, { maxRedirects: 0 });
      expect(r.status(), path).toBeGreaterThanOrEqual(300);
      expect(r.status(), path).toBeLessThan(500);
    }
  }
});

test("an API path with a malformed escape or NUL answers 400 with a Chinese message", async ({ request }) => {
  for (const s of BAD_SEGMENTS) {
    for (const path of API(s)) {
      const r = await request.get(path);
      expect([400, 404], path).toContain(r.status());
      expect((await r.json()).error, path).toMatch(/[\u4e00-\u9fff]/);
    }
  }
});

test("a NUL or a lone surrogate in the sign-in form is refused like a wrong password, not a 500", async ({ request, baseURL }) => {
  for (const username of ["admin\u0000", "\uD800admin"]) {
    const r = await apiSignIn(request, baseURL!, username, "Demo#2026");
    expect(r.status(), JSON.stringify(username)).toBeLessThan(500);
    expect(String((await r.json()).url)).toContain("error=");
  }
});
