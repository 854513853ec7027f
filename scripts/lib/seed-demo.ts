// The demo data of README command 1: 宁夏 → 银川 → 贺兰县, its towns and one department,
// five demo accounts, the reporting years, and 习岗镇's published 2020 report.
// Idempotent: a second run creates only what is missing and changes nothing it made before.
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/server/auth/password-hash";
import { createPrismaClient } from "@/lib/server/prisma";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { importReport } from "@/lib/server/reports/import-report";
import { parseReportDocument } from "@/lib/exchange";
import { templateIdForYear } from "@/lib/templates";
import { PROJECT_ROOT } from "./database";

export const DEMO_PASSWORD = "Demo#2026";

const REGIONS = [
  { code: "640000", name: "宁夏回族自治区" },
  { code: "640100", name: "银川市" },
  { code: "640122", name: "贺兰县" },
];

const AGENCIES = [
  { code: "640122100000", name: "贺兰县习岗镇", kind: "TOWNSHIP" },
  { code: "640122101000", name: "贺兰县金贵镇", kind: "TOWNSHIP" },
  { code: "640122102000", name: "贺兰县立岗镇", kind: "TOWNSHIP" },
  { code: "640122103000", name: "贺兰县洪广镇", kind: "TOWNSHIP" },
  { code: "640122200000", name: "贺兰县常信乡", kind: "TOWNSHIP" },
  { code: "640122-zrzy", name: "贺兰县自然资源局", kind: "DEPARTMENT" },
] as const;

const USERS = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN" },
  { username: "reviewer-helan", displayName: "贺兰县政务公开办", role: "REVIEWER", regionCode: "640122" },
  { username: "clerk-xigang", displayName: "习岗镇经办人", role: "CLERK", agencyCode: "640122100000" },
  { username: "clerk-jingui", displayName: "金贵镇经办人", role: "CLERK", agencyCode: "640122101000" },
  { username: "clerk-zrzy", displayName: "自然资源局经办人", role: "CLERK", agencyCode: "640122-zrzy" },
] as const;

export const SEED_REPORT_FILE = path.join(PROJECT_ROOT, "data/fixtures/xigang-2020.json");

export async function seedDemo(url: string, { log = (_: string) => {} } = {}) {
  const db = createPrismaClient(url);
  try {
    for (const r of REGIONS) await ensureRegion(db, r);

    const agencyIds = new Map<string, string>();
    for (const a of AGENCIES) {
      const agency = await db.agency.upsert({
        where: { code: a.code },
        create: { code: a.code, name: a.name, kind: a.kind, regionCode: "640122" },
        update: {},
      });
      agencyIds.set(a.code, agency.id);
    }

    // Reporting years: the template follows the year; reports are due by 31 January of the next year.
    const thisYear = new Date().getFullYear();
    for (let year = 2019; year <= thisYear; year++) {
      const template = templateIdForYear(year) === "2019" ? "T2019" : "T2021";
      await db.reportingYear.upsert({
        where: { year },
        create: { year, template, deadline: new Date(Date.UTC(year + 1, 0, 31)) },
        update: {},
      });
    }

    // the one password hash (argon2id), as for any account made in the app
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let created = 0;
    for (const u of USERS) {
      const exists = await db.user.findUnique({ where: { username: u.username } });
      if (exists) continue;
      await db.user.create({
        data: {
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          passwordHash,
          regionCode: "regionCode" in u ? u.regionCode : null,
          agencyId: "agencyCode" in u ? agencyIds.get(u.agencyCode) : null,
        },
      });
      created++;
    }

    const parsed = parseReportDocument(JSON.parse(fs.readFileSync(SEED_REPORT_FILE, "utf8")));
    if (!parsed.ok) throw new Error(`种子报告无效:\n${parsed.errors.join("\n")}`);
    const result = await importReport(db, parsed.doc, { publish: true, actor: { label: "seed" } });
    if (!result.ok) throw new Error(`种子报告导入失败:\n${result.errors.join("\n")}`);
    log(`演示数据就绪：${AGENCIES.length} 个单位，新建账号 ${created} 个，习岗镇 2020 年报告（${result.outcome}）`);
  } finally {
    await db.$disconnect();
  }
}
