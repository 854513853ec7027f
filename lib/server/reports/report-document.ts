// Converts between a stored report (Report + ReportCell rows) and the exchange document.
import type { Prisma } from "@/lib/generated/prisma/client";
import { canonicalJson, cellsToSections, documentToCells, EXCHANGE_FORMAT, type ReportDocument } from "@/lib/exchange";
import { decimalText, type TemplateId } from "@/lib/templates";

export const TEMPLATE_CODE = { "2019": "T2019", "2021": "T2021" } as const satisfies Record<TemplateId, "T2019" | "T2021">;
export const TEMPLATE_ID = { T2019: "2019", T2021: "2021" } as const satisfies Record<"T2019" | "T2021", TemplateId>;

export const reportWithContent = {
  agency: { include: { region: true } },
  cells: true,
} satisfies Prisma.ReportInclude;

export type ReportWithContent = Prisma.ReportGetPayload<{ include: typeof reportWithContent }>;

function isoDate(d: Date | null) {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** The stored report as an exchange document, in canonical key order. */
export function reportToDocument(report: ReportWithContent): ReportDocument {
  const templateId = TEMPLATE_ID[report.template];
  const sections = cellsToSections(
    templateId,
    // NUMERIC → its decimal text → the number that prints as that text (exact: see lib/templates/decimal.ts)
    report.cells.map((c) => ({ section: c.section, row: c.row, column: c.column, value: c.value === null ? null : Number(c.value.toString()) })),
  );
  return canonicalJson({
    format: EXCHANGE_FORMAT,
    template: templateId,
    agency: { code: report.agency.code, name: report.agency.name, region: { code: report.agency.region.code, name: report.agency.region.name } },
    year: report.year,
    issuedOn: isoDate(report.issuedOn),
    contact: { address: report.contactAddress, phone: report.contactPhone, email: report.contactEmail },
    narrative: { overview: report.overview, problems: report.problems, other: report.other },
    ...sections,
  } as ReportDocument);
}

/** The columns of Report that hold a document's non-table content. */
export function documentFields(doc: ReportDocument) {
  return {
    template: TEMPLATE_CODE[doc.template],
    contactAddress: doc.contact.address ?? "",
    contactPhone: doc.contact.phone ?? "",
    contactEmail: doc.contact.email ?? "",
    issuedOn: doc.issuedOn ? new Date(`${doc.issuedOn}T00:00:00Z`) : null,
    overview: doc.narrative.overview ?? "",
    problems: doc.narrative.problems ?? "",
    other: doc.narrative.other ?? "",
  };
}

/** ReportCell rows for a document (every cell of its template, blanks as null; figures as exact decimal text). */
export function documentCellRows(reportId: string, doc: ReportDocument) {
  return documentToCells(doc).map((c) => ({
    reportId,
    section: c.section,
    row: c.row,
    column: c.column,
    value: c.value === null ? null : decimalText(c.value),
  }));
}
