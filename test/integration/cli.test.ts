// The CLI of docs/product.md on a real database: in-process through the program scripts/cli.ts
// runs (test/support/cli.ts), and as a user runs it (a child process) for its entry point.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, spawnCli } from "../support/cli";
import { consistentReport2021 } from "../support/report-2021";
import { freshDatabase } from "./db-helpers";

const FIXTURE = "data/fixtures/xigang-2020.json";
let ctx: Awaited<ReturnType<typeof freshDatabase>>;
let tmp: string;

function cli(...args: string[]) {
  return runCliInProcess(ctx.url, ...args);
}

function fixture() {
  return JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
}

function writeJson(name: string, data: unknown) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data, null, 2));
  return file;
}

/** A consistent 2021-format report with non-zero figures and its derived cells left out. */
async function report2021() {
  const doc = await consistentReport2021(
    { code: "640122-zrzy", name: "贺兰县自然资源局" },
    { received: [5, 2, 0, 0, 1, 0], carriedOver: [1, 0, 0, 0, 0, 0], granted: [3, 1, 0, 0, 1, 0], "unavailable.notHeld": [2, 0, 0, 0, 0, 0], carriedForward: [1, 1, 0, 0, 0, 0] },
  );
  doc.reviewLitigation.reconsideration = { upheld: 1, corrected: 0, other: 0, pending: 1 };
  return doc;
}

beforeAll(async () => {
  ctx = await freshDatabase("govreports_cli");
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
});
afterAll(async () => {
  await ctx?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("npm run cli -- validate", () => {
  it("prints ok and exits 0 for the seed report", async () => {
    const r = await cli("validate", FIXTURE);
    expect(r.stdout.trim()).toBe("ok");
    expect(r.status).toBe(0);
  });

  it("prints one line per violated rule with its id, the cells and the amounts, and exits 1", async () => {
    const doc = fixture();
    doc.applications.received.naturalPerson = 5; // total still 0 and nothing handled: rowTotal + balance break
    const r = await cli("validate", writeJson("broken.json", doc));
    expect(r.status).toBe(1);
    const rowTotal = r.lines.filter((l) => l.startsWith("rowTotal "));
    expect(rowTotal).toHaveLength(1);
    expect(rowTotal[0]).toContain("applications/received/total");
    expect(rowTotal[0]).toMatch(/5/);
    expect(r.lines.some((l) => l.startsWith("balance ") && l.includes("naturalPerson"))).toBe(true);
    expect(r.stdout).not.toMatch(/^ok$/m);
  });

  it("a broken or non-JSON file gets one clear line, never a stack trace", async () => {
    for (const [name, content] of [
      ["trunc.json", '{"format": "gov-info'],
      ["words.json", "这不是 JSON"],
    ] as const) {
      const r = await cli("validate", writeJson(name, content));
      expect(r.status).toBe(1);
      expect(r.lines).toHaveLength(1);
      expect(r.lines[0]).toContain("不是有效的 JSON");
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await cli("validate", path.join(tmp, "nope.json"));
    expect(missing.status).toBe(1);
    expect(missing.lines).toEqual([`file ${path.join(tmp, "nope.json")}: 文件不存在`]);
  });

  it("a 2021 report with a procurement row is an error that says so", async () => {
    const doc = await report2021();
    (doc.proactive as Record<string, unknown>).procurement = { projects: 0, amount: 0 };
    const r = await cli("validate", writeJson("procurement.json", doc));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("procurement");
  });

});

describe("npm run cli -- import / export", () => {
  it("imports the seed report as published, exports it equal to the file, and re-import changes nothing", async () => {
    const first = await cli("import", FIXTURE, "--publish");
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("已导入并发布");

    const exported = await cli("export", "640122100000", "2020");
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(fixture());

    const again = await cli("import", FIXTURE, "--publish");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("内容未变化");
  });

  it("refuses a changed file over a published report and stores nothing", async () => {
    const doc = fixture();
    doc.narrative.other = "改动过的内容";
    const r = await cli("import", writeJson("changed.json", doc));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("更正流程");
    expect(JSON.parse((await cli("export", "640122100000", "2020")).stdout)).toEqual(fixture());
    expect(await ctx.db.publishedVersion.count()).toBe(1);
  });

  it("stores nothing from a file that fails validation", async () => {
    const doc = await report2021();
    doc.year = 2023;
    doc.reviewLitigation.reconsideration = { upheld: 1, corrected: 0, other: 0, pending: 1, total: 3 } as never;
    const r = await cli("import", writeJson("bad-2023.json", doc));
    expect(r.status).toBe(1);
    expect(r.lines.some((l) => l.includes("groupTotal"))).toBe(true);
    expect(await ctx.db.report.count({ where: { year: 2023 } })).toBe(0);
  });

  it("creates unknown regions and agencies, keeps drafts editable, and exports derived cells filled in", async () => {
    const doc = await report2021();
    doc.agency = { code: "640181-ga", name: "灵武市公安局", region: { code: "640181", name: "灵武市" } };
    const file = writeJson("lingwu.json", doc);
    const r = await cli("import", file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("已导入为草稿");
    const agency = await ctx.db.agency.findUniqueOrThrow({ where: { code: "640181-ga" }, include: { region: true } });
    expect(agency.region.path).toBe("640000/640100/640181/");
    const report = await ctx.db.report.findFirstOrThrow({ where: { agencyId: agency.id } });
    expect(report.status).toBe("DRAFT");

    const exported = JSON.parse((await cli("export", "640181-ga", "2022")).stdout);
    expect(exported.applications.received.total).toBe(8);
    expect(exported.applications.handledTotal.naturalPerson).toBe(5);
    expect(exported.reviewLitigation.reconsideration.total).toBe(2);
    expect(exported.proactive.fees.amount).toBe(7539.443252);

    // a draft may be replaced by a changed file; the audit trail records the changed cells
    doc.applications.granted.naturalPerson = 2;
    doc.applications["unavailable.needsCreation"].naturalPerson = 1;
    expect((await cli("import", writeJson("lingwu-2.json", doc))).stdout).toContain("已更新草稿");
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { reportId: report.id, action: "report.imported" }, orderBy: { at: "desc" } });
    expect(JSON.stringify(audit.details)).toContain("applications/granted/naturalPerson");
  });

  it("checks 上年结转 against last year's report in the system: a warning that prints but does not fail", async () => {
    const lastYear = await report2021();
    expect((await cli("import", writeJson("zrzy-2022.json", lastYear))).status).toBe(0);
    const doc = await report2021();
    doc.year = 2023;
    doc.issuedOn = "2024-01-20";
    // 2022 carried forward naturalPerson 1 and commercial 1; this file carries over naturalPerson 1 and commercial 0
    const r = await cli("import", writeJson("zrzy-2023.json", doc));
    expect(r.status).toBe(0);
    const warnings = r.lines.filter((l) => l.includes("carryOverMatchesLastYear"));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join("\n")).toContain("applications/carriedOver/commercial");
    expect(warnings.join("\n")).not.toContain("applications/carriedOver/naturalPerson");
    expect(r.stdout).toContain("已导入为草稿");
  });

  it("export of an unknown report exits 1 with a clear message", async () => {
    const r = await cli("export", "640122101000", "2020");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("没有找到单位 640122101000 的 2020 年度报告");
  });
});

describe("npm run cli as a user runs it (a child process)", () => {
  it("validates a file and exports from the database DATABASE_URL names", async () => {
    const validated = spawnCli({}, "validate", FIXTURE);
    expect(validated.stdout.trim()).toBe("ok");
    expect(validated.status).toBe(0);
    await cli("import", FIXTURE, "--publish");
    const exported = spawnCli({ DATABASE_URL: ctx.url }, "export", "640122100000", "2020");
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(fixture());
  });
  // with an unreachable database: test/integration/without-server.test.ts
});

