/** Shared builders for the unit tests (not a test file itself). */
import fixtureJson from "@/data/fixtures/xigang-2020.json";
import { EXCHANGE_FORMAT, type ReportDocument } from "@/lib/exchange";
import { cellsOf, getTemplate, type ReportSections, type TemplateId } from "@/lib/templates";

export const FIXTURE_PATH = "data/fixtures/xigang-2020.json";

/** A fresh, mutable copy of the seed report (贺兰县习岗镇 2020, template 2019). */
export function fixture(): ReportDocument {
  return structuredClone(fixtureJson) as ReportDocument;
}

/** Loosely typed copy for breaking things on purpose. */
export function rawFixture(): Record<string, any> {
  return structuredClone(fixtureJson) as Record<string, any>;
}

export const APPLICANT_COLUMNS = ["naturalPerson", "commercial", "research", "publicInterest", "legal", "otherOrg"] as const;
export const BALANCE_ROWS = ["received", "carriedOver", "handledTotal", "carriedForward"] as const;

/** applications rows that are 办理结果 rows (summed into handledTotal) */
export function resultRows(templateId: TemplateId): string[] {
  return getTemplate(templateId)
    .sections.applications.rows.map((r) => r.key)
    .filter((k) => !(BALANCE_ROWS as readonly string[]).includes(k));
}

/**
 * Consistent sections computed by hand (independently of the code under test):
 * `free(cellIndex)` gives the free values; totals, handledTotal and received are derived
 * so that every equation holds.
 */
export function consistentSections(templateId: TemplateId, free: (i: number) => number): ReportSections {
  const t = getTemplate(templateId);
  let i = 0;
  const next = () => free(i++);
  const s: ReportSections = { proactive: {}, applications: {}, reviewLitigation: {} };
  for (const row of t.sections.proactive.rows) {
    s.proactive[row.key] = {};
    for (const col of row.columns) {
      const v = next();
      s.proactive[row.key]![col.key] =
        col.kind === "money" ? Math.abs(v) / 10000 : col.kind === "count" ? Math.abs(v) : v;
    }
  }
  const results = resultRows(templateId);
  const a: Record<string, Record<string, number>> = {};
  for (const r of [...results, "carriedOver", "carriedForward"]) {
    a[r] = {};
    for (const c of APPLICANT_COLUMNS) a[r]![c] = Math.abs(next());
  }
  a.handledTotal = {};
  a.received = {};
  for (const c of APPLICANT_COLUMNS) {
    a.handledTotal[c] = results.reduce((sum, r) => sum + a[r]![c]!, 0);
    const needed = a.handledTotal[c]! + a.carriedForward![c]!;
    a.carriedOver![c] = Math.min(a.carriedOver![c]!, needed);
    a.received[c] = needed - a.carriedOver![c]!;
  }
  for (const row of t.sections.applications.rows) {
    const r = a[row.key]!;
    r.total = APPLICANT_COLUMNS.reduce((sum, c) => sum + r[c]!, 0);
    s.applications[row.key] = Object.fromEntries(row.columns.map((c) => [c.key, r[c.key]!]));
  }
  for (const row of t.sections.reviewLitigation.rows) {
    const r: Record<string, number> = {};
    for (const c of ["upheld", "corrected", "other", "pending"]) r[c] = Math.abs(next());
    r.total = r.upheld! + r.corrected! + r.other! + r.pending!;
    s.reviewLitigation[row.key] = r;
  }
  return s;
}

/** Number of free values consistentSections consumes. */
export function freeCellCount(templateId: TemplateId): number {
  const t = getTemplate(templateId);
  return (
    t.sections.proactive.rows.reduce((n, r) => n + r.columns.length, 0) +
    (resultRows(templateId).length + 2) * APPLICANT_COLUMNS.length +
    t.sections.reviewLitigation.rows.length * 4
  );
}

/** A complete, consistent document for a template with deterministic non-trivial numbers. */
export function sampleDocument(templateId: TemplateId): ReportDocument {
  const base = fixture();
  const year = templateId === "2019" ? 2020 : 2022;
  return {
    ...base,
    template: templateId,
    year,
    issuedOn: `${year + 1}-01-20`,
    ...consistentSections(templateId, (i) => ((i * 7) % 11) - 3),
  };
}

export function allCellIds(templateId: TemplateId): string[] {
  return cellsOf(getTemplate(templateId)).map((c) => c.id);
}

export { EXCHANGE_FORMAT };
