import { exportDocument, type ReportDocument } from "@/lib/exchange";
import { STATUS_LABELS } from "@/lib/reports/status";
import { SECTION_KEYS } from "@/lib/templates";
import { blankCellNotes, formatViolationLine, qualityNotesOf, validateDocument, type QualityNote, type Violation } from "@/lib/validation";
import type { Db } from "../prisma";
import { recordAudit } from "../audit/record-audit";
import { ensureRegion } from "../regions/ensure-region";
import { createPublishedVersion, type Actor } from "./create-published-version";
import { documentCellRows, documentFields, reportToDocument, reportWithContent } from "./report-document";
import { loadLastYearCarriedForward } from "./last-year";
import { TOWNSHIP_CODE } from "@/lib/codes";

export type ImportOutcome = "created" | "updated" | "published" | "unchanged";

export type ImportResult =
  | { ok: true; outcome: ImportOutcome; reportId: string; warnings: Violation[]; qualityNotes: QualityNote[] }
  | { ok: false; errors: string[] };

export interface ImportOptions {
  /** publish at once (a report published before it reached the system) */
  publish: boolean;
  /**
   * With `publish`: store the report exactly as printed even when its figures break a
   * rule; the rule results become its public data-quality notes. Only the CLI's import of
   * reports published elsewhere sets this; nothing filed through the system is exempt.
   */
  asPublished?: boolean;
  actor: Actor;
}

/** What identifies a report's content; names of agency and region belong to the administrator. */
function contentOf(doc: ReportDocument) {
  const { agency, ...rest } = doc;
  return JSON.stringify({ ...rest, agency: { code: agency.code, region: { code: agency.region.code } } });
}

/** Cell-level differences for the audit trail: id → [before, after]. */
function cellChanges(before: ReportDocument, after: ReportDocument) {
  const changes: Record<string, [number | null, number | null]> = {};
  for (const section of SECTION_KEYS) {
    for (const [row, cols] of Object.entries(after[section])) {
      for (const [col, value] of Object.entries(cols)) {
        const old = before[section][row]?.[col] ?? null;
        if (old !== value) changes[`${section}/${row}/${col}`] = [old, value];
      }
    }
  }
  const fields: string[] = [];
  if (JSON.stringify(before.narrative) !== JSON.stringify(after.narrative)) fields.push("narrative");
  if (JSON.stringify(before.contact) !== JSON.stringify(after.contact)) fields.push("contact");
  if (before.issuedOn !== after.issuedOn) fields.push("issuedOn");
  return { cells: changes, fields };
}

/**
 * Stores one exchange document (validated with every error rule first; nothing is stored
 * from a document that fails). Unknown regions and agencies are created. Idempotent: the
 * same document again changes nothing. A draft or returned report is overwritten; a report
 * that is submitted, approved or published is never overwritten — that is a correction.
 *
 * With `publish`, the document is a report published elsewhere (parsed with
 * `{ published: true }`): blank detail cells are kept as null, summed as 0 and noted; with
 * `asPublished` too, rule errors do not refuse it: it is stored as printed with its rule
 * results as public data-quality notes.
 */
export async function importReport(db: Db, input: ReportDocument, options: ImportOptions): Promise<ImportResult> {
  const { actor, publish } = options;
  const asPublished = publish && options.asPublished === true;
  const doc = exportDocument(input, { blankAsZero: publish });
  const lastYear = await loadLastYearCarriedForward(db, doc.agency.code, doc.year);
  // the rules read the figures as written: a derived cell left blank is computed by the
  // engine, never mistaken for a printed one (which would double a note about one total)
  const violations = validateDocument(input, { mode: publish ? "published" : "submit", lastYear });
  const errors = violations.filter((v) => v.severity === "error");
  if (errors.length && !asPublished) return { ok: false, errors: errors.map(formatViolationLine) };
  const warnings = violations.filter((v) => v.severity === "warning");
  const qualityNotes = asPublished ? qualityNotesOf(doc, violations) : publish ? blankCellNotes(doc) : [];
  const audit = { actorId: actor.id, actorLabel: actor.label };

  return db.$transaction(async (tx): Promise<ImportResult> => {
    await ensureRegion(tx, doc.agency.region);
    let agency = await tx.agency.findUnique({ where: { code: doc.agency.code } });
    if (!agency) {
      agency = await tx.agency.create({
        data: {
          code: doc.agency.code,
          name: doc.agency.name,
          kind: TOWNSHIP_CODE.test(doc.agency.code) ? "TOWNSHIP" : "DEPARTMENT",
          regionCode: doc.agency.region.code,
        },
      });
      await recordAudit(tx, { ...audit, action: "agency.created", entityType: "Agency", entityId: agency.id, details: { code: agency.code, name: agency.name, via: "import" } });
    } else if (agency.regionCode !== doc.agency.region.code) {
      return { ok: false, errors: [`agency 单位 ${agency.code}（${agency.name}）登记在地区 ${agency.regionCode} 下，与文件中的地区 ${doc.agency.region.code} 不符`] };
    }

    const existing = await tx.report.findUnique({ where: { agencyId_year: { agencyId: agency.id, year: doc.year } }, include: reportWithContent });
    if (!existing) {
      const report = await tx.report.create({ data: { agencyId: agency.id, year: doc.year, ...documentFields(doc) } });
      await tx.reportCell.createMany({ data: documentCellRows(report.id, doc) });
      await recordAudit(tx, { ...audit, action: "report.imported", entityType: "Report", entityId: report.id, reportId: report.id, details: { code: doc.agency.code, year: doc.year } });
      if (publish) await createPublishedVersion(tx, report.id, actor, null, qualityNotes);
      return { ok: true, outcome: publish ? "published" : "created", reportId: report.id, warnings, qualityNotes };
    }

    const current = reportToDocument(existing);
    if (contentOf(current) === contentOf(doc)) {
      if (publish && existing.status !== "PUBLISHED") {
        await createPublishedVersion(tx, existing.id, actor, null, qualityNotes);
        return { ok: true, outcome: "published", reportId: existing.id, warnings, qualityNotes };
      }
      return { ok: true, outcome: "unchanged", reportId: existing.id, warnings, qualityNotes };
    }
    if (existing.status !== "DRAFT" && existing.status !== "RETURNED") {
      return {
        ok: false,
        errors: [
          `locked ${doc.agency.code} ${doc.year} 年度报告${STATUS_LABELS[existing.status]}，导入文件与系统中的内容不同；已提交、已审核或已发布的报告不能被导入覆盖，请通过更正流程修改`,
        ],
      };
    }
    await tx.report.update({ where: { id: existing.id }, data: { ...documentFields(doc), version: { increment: 1 } } });
    await tx.reportCell.deleteMany({ where: { reportId: existing.id } });
    await tx.reportCell.createMany({ data: documentCellRows(existing.id, doc) });
    await recordAudit(tx, { ...audit, action: "report.imported", entityType: "Report", entityId: existing.id, reportId: existing.id, details: cellChanges(current, doc) });
    if (publish) await createPublishedVersion(tx, existing.id, actor, null, qualityNotes);
    return { ok: true, outcome: publish ? "published" : "updated", reportId: existing.id, warnings, qualityNotes };
    // a whole report (≈300 cells) and, when published, the region roll-up in one transaction:
    // Prisma's 5 s default is too tight on a busy server; a timed-out import stores nothing
  }, { maxWait: 30_000, timeout: 120_000 });
}
