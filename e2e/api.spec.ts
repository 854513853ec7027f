import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { exportDocument, parseReportDocument } from "@/lib/exchange";
import { FORMAT_2021_FIXTURE } from "./global-setup";

const fixture = JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"));

test("GET /api/reports/CODE/YEAR returns the published report in the exchange format", async ({ request }) => {
  const res = await request.get("/api/reports/640122100000/2020");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(await res.json()).toEqual(fixture);
});

test("a 2021-format report published with its totals left out comes back with every cell, totals filled in", async ({ request }) => {
  const parsed = parseReportDocument(JSON.parse(fs.readFileSync(FORMAT_2021_FIXTURE, "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const res = await request.get("/api/reports/640122-zrzy/2022");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toEqual(exportDocument(parsed.doc));
  expect(body.applications.handledTotal.total).toBe(19);
  expect(body.proactive.fees.amount).toBe(125.6789);
  // the exchange format's key order, not the database's
  expect(Object.keys(body)).toEqual(["format", "template", "agency", "year", "issuedOn", "contact", "narrative", "proactive", "applications", "reviewLitigation"]);
});

test("the API answers 404 for anything unpublished or unknown", async ({ request }) => {
  for (const path of ["/api/reports/640122101000/2020", "/api/reports/640122100000/2021", "/api/reports/nope!/2020", "/api/reports/640122100000/20x0"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect((await res.json()).error).toBe("报告不存在或尚未公开发布。");
  }
});
