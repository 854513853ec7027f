import fs from "node:fs";
import { expect, test } from "@playwright/test";

const fixture = JSON.parse(fs.readFileSync("data/fixtures/xigang-2020.json", "utf8"));

test("GET /api/reports/CODE/YEAR returns the published report in the exchange format", async ({ request }) => {
  const res = await request.get("/api/reports/640122100000/2020");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(await res.json()).toEqual(fixture);
});

test("the API answers 404 for anything unpublished or unknown", async ({ request }) => {
  for (const path of ["/api/reports/640122101000/2020", "/api/reports/640122100000/2021", "/api/reports/nope!/2020", "/api/reports/640122100000/20x0"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect((await res.json()).error).toBe("报告不存在或尚未公开发布。");
  }
});
