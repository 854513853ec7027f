// The PDF download of a published report, through real HTTP against the e2e database: the seed
// report (习岗镇 2020, template 2019) and the 2021-format report that global-setup publishes
// (自然资源局 2022). Read back with poppler's pdftotext, as a reader's tools read it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { exportDocument, type ReportDocument } from "@/lib/exchange";
import { cellsOf, getTemplate } from "@/lib/templates";
import { formatFigure } from "@/lib/documents/figures";
import { FORMAT_2021_FIXTURE } from "./global-setup";

const SEED: ReportDocument = JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"));
const ZRZY: ReportDocument = exportDocument(JSON.parse(fs.readFileSync(FORMAT_2021_FIXTURE, "utf8")));

function pdfText(body: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-pdf-")), "report.pdf");
  fs.writeFileSync(file, body);
  const r = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

test("the report page links 下载 PDF beside Word, Excel, CSV and JSON, for the current and an earlier version", async ({ page }) => {
  await page.goto("/reports/640122100000/2020");
  const downloads = page.getByRole("navigation", { name: "下载" });
  await expect(downloads.getByRole("link", { name: "下载 PDF" })).toHaveAttribute("href", "/api/reports/640122100000/2020/pdf");
  await expect(downloads.getByRole("link")).toHaveCount(5);
  await page.goto("/reports/640122100000/2020/versions/1");
  await expect(page.getByRole("navigation", { name: "下载" }).getByRole("link", { name: "下载 PDF" })).toHaveAttribute("href", /\/api\/reports\/640122100000\/2020\/pdf(\?version=1)?$/);
});

for (const [name, doc] of [["the seed report (2019 format)", SEED], ["the 2021-format report", ZRZY]] as const) {
  const url = `/api/reports/${doc.agency.code}/${doc.year}/pdf`;

  test(`${name}: the PDF download is an A4 PDF whose text holds the title and every non-zero figure; 304 to its ETag`, async ({ request }) => {
    test.setTimeout(90_000); // the first PDF of a process parses the CJK fonts
    const res = await request.get(url);
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers["content-type"]).toBe("application/pdf");
    expect(headers["cache-control"]).toBe("public, max-age=60, s-maxage=60, stale-while-revalidate=300");
    const disposition = headers["content-disposition"]!;
    expect(disposition).toContain(`filename="${doc.agency.code}-${doc.year}.pdf"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${doc.agency.name}${doc.year}年政府信息公开工作年度报告.pdf`)}`);
    const etag = headers["etag"]!;
    expect(etag).toMatch(/^"[\w-]+"$/); // strong: no W/
    const body = await res.body();
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const text = pdfText(body);
    expect(text.replace(/\s+/g, "")).toContain(`${doc.agency.name}${doc.year}年政府信息公开工作年度报告`);
    const tokens = text.match(/-?\d+(?:\.\d+)?/g) ?? [];
    const figures = cellsOf(getTemplate(doc.template))
      .map((c) => ({ value: doc[c.section][c.row]?.[c.column], kind: c.kind }))
      .filter((f) => typeof f.value === "number" && f.value !== 0)
      .map((f) => formatFigure(f.value, f.kind));
    for (const figure of figures) expect(tokens, `figure ${figure}`).toContain(figure);

    const again = await request.get(url, { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    expect(again.headers()["etag"]).toBe(etag);
    // kept per version: the same bytes on the next request, and another validator than Word's
    const second = await request.get(url);
    expect((await second.body()).equals(body)).toBe(true);
    expect((await request.get(url.replace(/pdf$/, "docx"))).headers()["etag"]).not.toBe(etag);
  });
}

test("the PDF of an unknown version or an unpublished report is 404 with a Chinese message", async ({ request }) => {
  for (const url of ["/api/reports/640122100000/2020/pdf?version=99", "/api/reports/640122100000/1999/pdf"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(404);
    expect((await res.json()).error).toMatch(/版本|报告/);
  }
});
