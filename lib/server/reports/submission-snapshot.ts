// A submitted report's content as kept in its "report.submit" audit record: the review page
// compares the newest submission with the one before it (cells old → new, texts changed).
import { documentToCells, type ReportDocument } from "@/lib/exchange";
import { cellId } from "@/lib/templates";

export interface SubmissionSnapshot {
  template: ReportDocument["template"];
  cells: Record<string, number | null>;
  narrative: ReportDocument["narrative"];
  contact: ReportDocument["contact"];
  issuedOn: string | null;
}

export function submissionSnapshot(doc: ReportDocument): SubmissionSnapshot {
  const cells: Record<string, number | null> = {};
  for (const c of documentToCells(doc)) cells[cellId(c.section, c.row, c.column)] = c.value;
  return { template: doc.template, cells, narrative: doc.narrative, contact: doc.contact, issuedOn: doc.issuedOn ?? null };
}

export interface SnapshotChanges {
  cells: { id: string; before: number | null; after: number | null }[];
  /** "narrative.overview", "contact.phone", "issuedOn" … */
  fields: { id: string; before: string; after: string }[];
}

export function snapshotChanges(before: SubmissionSnapshot, after: SubmissionSnapshot): SnapshotChanges {
  const cells = Object.entries(after.cells)
    .filter(([id, v]) => (before.cells[id] ?? null) !== v)
    .map(([id, v]) => ({ id, before: before.cells[id] ?? null, after: v }));
  const fields: SnapshotChanges["fields"] = [];
  for (const key of ["overview", "problems", "other"] as const) {
    const b = before.narrative?.[key] ?? "";
    const a = after.narrative?.[key] ?? "";
    if (a !== b) fields.push({ id: `narrative.${key}`, before: b, after: a });
  }
  for (const key of ["address", "phone", "email"] as const) {
    const b = before.contact?.[key] ?? "";
    const a = after.contact?.[key] ?? "";
    if (a !== b) fields.push({ id: `contact.${key}`, before: b, after: a });
  }
  if ((before.issuedOn ?? "") !== (after.issuedOn ?? "")) fields.push({ id: "issuedOn", before: before.issuedOn ?? "", after: after.issuedOn ?? "" });
  return { cells, fields };
}
