// Sets up review scenarios in the e2e database through the real operations (import as a
// draft, then the workflow transitions as the clerk and the reviewer would make them), for
// steps the browser tests do not drive themselves. Run in the fixture host
// (e2e/support/fixture-host.ts, one tsx process per Playwright worker) through
// workflowFixture() in e2e/helpers.ts; the commands:
//   county CODE NAME REVIEWER          a county region and its reviewer
//   report AGENCY_CODE NAME YEAR STATE a new agency of 贺兰县 with a clerk (clerk-AGENCY_CODE) and its report in STATE
//   resubmit AGENCY_CODE YEAR          the clerk corrects 自然人 新收 (+1) and submits
//   versions AGENCY_CODE YEAR          the published versions with their notes and 自然人 新收
//   publish AGENCY_CODE YEAR           an approved report published by reviewer-helan
//   advance AGENCY_CODE YEAR           the clerk's saved draft submitted, approved and published as it stands
//   correct AGENCY_CODE YEAR NOTE      a published report corrected: 发起更正 (NOTE), the clerk adds 1 to 自然人 新收, submit, approve, publish
//   revise AGENCY_CODE YEAR OVERVIEW   a submitted report returned by reviewer-helan; the clerk saves twice, the second time with 一、总体情况 = OVERVIEW, and submits
import type { CurrentUser } from "@/lib/auth/guard";
import { exportDocument, type ReportDocument } from "@/lib/exchange";
import { hashPassword } from "@/lib/server/auth/password-hash";
import { createPrismaClient } from "@/lib/server/prisma";
import { ensureRegion } from "@/lib/server/regions/ensure-region";
import { importReport } from "@/lib/server/reports/import-report";
import { reportToDocument, reportWithContent } from "@/lib/server/reports/report-document";
import { transitionReport } from "@/lib/server/reports/transition-report";
import { cellsOf, emptySections, getTemplate } from "@/lib/templates";
import type { TransitionAction } from "@/lib/workflow/transitions";

const DEMO_PASSWORD = "Demo#2026";
const db = createPrismaClient(process.env.DATABASE_URL);
/** Closes the database connections (the fixture host, when its worker ends). */
export const disconnectWorkflowFixture = () => db.$disconnect();

function documentFor(code: string, name: string, year: number, received: number): ReportDocument {
  const t = getTemplate("2021");
  const sections = emptySections(t, 0);
  const applicants = ["naturalPerson", "commercial", "research", "publicInterest", "legal", "otherOrg"];
  const set = (row: string, values: number[]) => applicants.forEach((c, i) => (sections.applications[row]![c] = values[i]!));
  set("received", [received, 1, 0, 0, 0, 0]);
  set("granted", [received, 1, 0, 0, 0, 0]);
  for (const cell of cellsOf(t)) if (cell.derived) delete sections[cell.section][cell.row]![cell.column];
  return exportDocument({
    format: "gov-info-disclosure-annual-report/v1",
    template: "2021",
    agency: { code, name, region: { code: "640122", name: "贺兰县" } },
    year,
    issuedOn: `${year + 1}-01-15`,
    contact: { address: "贺兰县测试路 1 号", phone: "0951-0000000", email: "e2e@example.cn" },
    narrative: { overview: `${year}年，本单位认真落实政府信息公开工作。`, problems: "存在问题及改进情况。", other: "无" },
    ...sections,
  } as ReportDocument);
}

async function userOf(username: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({ where: { username } });
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, regionCode: u.regionCode, agencyId: u.agencyId, mustChangePassword: u.mustChangePassword };
}

async function act(username: string, reportId: string, action: TransitionAction, reason?: string) {
  const report = await db.report.findUniqueOrThrow({ where: { id: reportId } });
  const r = await transitionReport(db, await userOf(username), { reportId, action, expectedVersion: report.version, reason });
  if (!r.ok) throw new Error(`${action}: ${r.message}`);
}

/** The clerk submits, reviewer-helan approves and publishes. */
async function submitToPublished(clerk: string, reportId: string) {
  await act(clerk, reportId, "submit");
  await act("reviewer-helan", reportId, "approve");
  await act("reviewer-helan", reportId, "publish");
}

async function reportOf(code: string, year: number) {
  return db.report.findFirstOrThrow({ where: { year, agency: { code } }, include: reportWithContent });
}

export async function workflowCommand(command: string, args: string[]): Promise<unknown> {
  const hash = () => hashPassword(DEMO_PASSWORD);
  switch (command) {
    case "county": {
      const [code, name, reviewer] = args as [string, string, string];
      await ensureRegion(db, { code: `${code.slice(0, 2)}0000`, name: "省" });
      await ensureRegion(db, { code: `${code.slice(0, 4)}00`, name: "市" });
      await ensureRegion(db, { code, name });
      await db.user.upsert({ where: { username: reviewer }, create: { username: reviewer, displayName: `${name}政务公开办`, role: "REVIEWER", regionCode: code, passwordHash: await hash() }, update: {} });
      return { ok: true };
    }
    case "report": {
      const [code, name, yearText, state] = args as [string, string, string, string];
      const year = Number(yearText);
      const imported = await importReport(db, documentFor(code, name, year, 5), { publish: false, actor: { label: "e2e" } });
      if (!imported.ok) throw new Error(imported.errors.join("\n"));
      const agency = await db.agency.findUniqueOrThrow({ where: { code } });
      const clerk = `clerk-${code}`;
      await db.user.upsert({ where: { username: clerk }, create: { username: clerk, displayName: `${name}经办人`, role: "CLERK", agencyId: agency.id, passwordHash: await hash() }, update: {} });
      const steps: [string, TransitionAction][] = [
        [clerk, "submit"],
        ["reviewer-helan", "approve"],
        ["reviewer-helan", "publish"],
      ];
      const upTo = { DRAFT: 0, SUBMITTED: 1, APPROVED: 2, PUBLISHED: 3 }[state as "DRAFT"];
      for (const [who, action] of steps.slice(0, upTo)) await act(who, imported.reportId, action);
      return { reportId: imported.reportId, clerk };
    }
    case "resubmit": {
      const [code, yearText] = args as [string, string];
      const report = await reportOf(code, Number(yearText));
      const current = reportToDocument(report);
      const clerk = await userOf(`clerk-${code}`);
      const fixed = await importReport(db, documentFor(code, report.agency.name, report.year, current.applications.received!.naturalPerson! + 1), { publish: false, actor: { id: clerk.id } });
      if (!fixed.ok) throw new Error(fixed.errors.join("\n"));
      await act(clerk.username, report.id, "submit");
      return { reportId: report.id };
    }
    case "versions": {
      const [code, yearText] = args as [string, string];
      const report = await reportOf(code, Number(yearText));
      const versions = await db.publishedVersion.findMany({ where: { reportId: report.id }, orderBy: { versionNo: "asc" } });
      return versions.map((v) => ({ versionNo: v.versionNo, changeNote: v.changeNote, received: (v.document as unknown as ReportDocument).applications.received!.naturalPerson }));
    }
    case "publish": {
      // an approved report published (the first publication)
      const [code, yearText] = args as [string, string];
      const report = await reportOf(code, Number(yearText));
      await act("reviewer-helan", report.id, "publish");
      return { reportId: report.id };
    }
    case "advance": {
      const [code, yearText] = args as [string, string];
      const report = await reportOf(code, Number(yearText));
      await submitToPublished(`clerk-${code}`, report.id);
      return { reportId: report.id };
    }
    case "correct": {
      const [code, yearText, note] = args as [string, string, string];
      const report = await reportOf(code, Number(yearText));
      const clerk = await userOf(`clerk-${code}`);
      await act("reviewer-helan", report.id, "reopen", note);
      const received = reportToDocument(report).applications.received!.naturalPerson! + 1;
      const edited = await importReport(db, documentFor(code, report.agency.name, report.year, received), { publish: false, actor: { id: clerk.id } });
      if (!edited.ok) throw new Error(edited.errors.join("\n"));
      await submitToPublished(clerk.username, report.id);
      return { reportId: report.id };
    }
    case "revise": {
      const [code, yearText, overview] = args as [string, string, string];
      const report = await reportOf(code, Number(yearText));
      const clerk = await userOf(`clerk-${code}`);
      await act("reviewer-helan", report.id, "return", "请完善总体情况");
      const current = reportToDocument(report);
      // two saves: internal versions move on, the submission count does not
      for (const text of [`${overview}（草稿）`, overview]) {
        const saved = await importReport(db, { ...current, narrative: { ...current.narrative, overview: text } }, { publish: false, actor: { id: clerk.id } });
        if (!saved.ok) throw new Error(saved.errors.join("\n"));
      }
      await act(clerk.username, report.id, "submit");
      return { reportId: report.id };
    }
    case "status": {
      const [code, yearText] = args as [string, string];
      const report = await reportOf(code, Number(yearText));
      return { status: report.status, version: report.version };
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}
