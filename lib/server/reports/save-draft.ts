import { isPlainObject, isSafeText, safeString, z } from "@/lib/zod";
import type { CurrentUser } from "@/lib/auth/guard";
import { draftEntriesAcceptable, draftEntriesSchema, type ReportDocument } from "@/lib/exchange";
import { STATUS_LABELS, type ReportStatusName } from "@/lib/reports/status";
import {
  CONTACT_FIELDS,
  CONTACT_LABELS,
  FIELD_LABELS,
  NARRATIVE_KEYS,
  SECTION_KEYS,
  cellsOf,
  deriveSections,
  getTemplate,
  parseFigureText,
  partName,
  type CellValue,
  type ReportSections,
  type ReportTemplate,
} from "@/lib/templates";
import { EDITABLE_STATUSES, isEditable } from "@/lib/workflow/transitions";
import { processWide } from "@/lib/process-wide";
import { clerkWriteRefusal } from "../access/report-access";
import { agencyInScope } from "../access/scope";
import { auditTextChange } from "../audit/audit-text";
import type { Db } from "../prisma";
import { Lru } from "../cache/lru.cjs";
import { sqlRows } from "../sql";
import { TEMPLATE_ID } from "./report-document";

const safeOrAbsent = (v: unknown) => v === undefined || (typeof v === "string" && isSafeText(v));

/**
 * A part of the entries: its schema, and the check that is true only when the schema would
 * accept the value as it is (no key it would drop) — the schema's own tests without its
 * machinery. Both come from one entry of ENTRY_PARTS, so they cannot name different keys.
 */
const part = <S extends z.ZodType>(schema: S, acceptable: (v: unknown) => boolean) => ({ schema, acceptable });

/** a group of optional safe texts, by key (and the label a refusal names) */
function textGroup<K extends string>(labels: Record<K, string | undefined>) {
  const shape = Object.fromEntries(Object.entries<string | undefined>(labels).map(([k, label]) => [k, safeString(label)])) as Record<K, ReturnType<typeof safeString>>;
  return part(z.object(shape).partial().optional(), (v) => v === undefined || (isPlainObject(v) && Object.keys(v).every((k) => Object.hasOwn(labels, k) && safeOrAbsent(v[k]))));
}

/** a section's rows as far as they can be read before the template is known: safe row and column names */
const looseSection = part(z.record(safeString(), z.record(safeString(), z.unknown()).nullable().optional()).optional(), (rows) => {
  if (rows === undefined) return true;
  if (!isPlainObject(rows)) return false;
  for (const row of Object.keys(rows)) {
    const cells = rows[row];
    if (!isSafeText(row)) return false;
    if (cells === undefined || cells === null) continue;
    if (!isPlainObject(cells)) return false;
    for (const column of Object.keys(cells)) if (!isSafeText(column)) return false;
  }
  return true;
});

/**
 * What the editor sends, as far as it can be checked before the report (and so its template)
 * is known; saveDraft then reads the entries with the template's draft schema. One table:
 * entriesSchema is made from it, and entriesAcceptable reads the same keys and checks.
 */
const ENTRY_PARTS = {
  issuedOn: part(safeString(FIELD_LABELS.issuedOn).nullable().optional(), (v) => v === null || safeOrAbsent(v)),
  contact: textGroup({ address: CONTACT_LABELS.address, phone: CONTACT_LABELS.phone, email: CONTACT_LABELS.email }),
  narrative: textGroup({ overview: undefined, problems: undefined, other: undefined }),
  proactive: looseSection,
  applications: looseSection,
  reviewLitigation: looseSection,
} satisfies Record<"issuedOn" | "contact" | "narrative" | (typeof SECTION_KEYS)[number], ReturnType<typeof part>>;

const entriesSchema = z.object(
  Object.fromEntries(Object.entries(ENTRY_PARTS).map(([k, p]) => [k, p.schema])) as { [K in keyof typeof ENTRY_PARTS]: (typeof ENTRY_PARTS)[K]["schema"] },
);
export type DraftEntries = z.infer<typeof entriesSchema>;

export const saveDraftInputSchema = z.object({
  reportId: safeString().min(1).max(64),
  /** the Report.version the editor loaded (or last saved) */
  expectedVersion: z.number().int(),
  entries: entriesSchema,
  /** the values the editor loaded at expectedVersion: on a conflict, the cells changed elsewhere are named against them */
  base: entriesSchema.optional(),
});
export type SaveDraftInput = z.infer<typeof saveDraftInputSchema>;

// the keys the schema names (a key it does not name is the schema's to refuse)
const INPUT_KEYS = new Set(Object.keys(saveDraftInputSchema.shape));

/** entriesSchema's checks, true only when it would accept the entries as they are (no key it would drop) */
function entriesAcceptable(e: unknown): boolean {
  if (!isPlainObject(e)) return false;
  for (const key of Object.keys(e)) if (!Object.hasOwn(ENTRY_PARTS, key)) return false;
  for (const [key, p] of Object.entries(ENTRY_PARTS)) if (!p.acceptable(e[key])) return false;
  return true;
}

/**
 * The editor's save read with saveDraftInputSchema, or null when it refuses it. The schema's
 * checks run without its machinery when they certainly pass (every cell of the entries, and of
 * the loaded copy beside them, is a key it checks: a few hundred per save); anything else is the
 * schema's to read.
 */
export function readSaveDraftInput(body: unknown): SaveDraftInput | null {
  if (
    isPlainObject(body) &&
    Object.keys(body).every((k) => INPUT_KEYS.has(k)) &&
    typeof body.reportId === "string" &&
    body.reportId.length >= 1 &&
    body.reportId.length <= 64 &&
    isSafeText(body.reportId) &&
    Number.isSafeInteger(body.expectedVersion) &&
    entriesAcceptable(body.entries) &&
    (body.base === undefined || entriesAcceptable(body.base))
  ) {
    return body as SaveDraftInput;
  }
  const parsed = saveDraftInputSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export interface CellProblem {
  cell: string;
  message: string;
}

export type SaveDraftResult =
  | { ok: true; version: number; savedAt: string; changedCells: number; unchanged: boolean }
  | {
      ok: false;
      /** 403 the agency is deactivated, 404 not found or out of scope, 409 state or version conflict, 422 a value that is not a number */
      code: 403 | 404 | 409 | 422;
      message: string;
      problems?: CellProblem[];
      /** on a version conflict: what was changed elsewhere since the editor loaded the report */
      changedElsewhere?: string[];
      currentVersion?: number;
    };

interface ParsedEntries {
  sections: ReportSections;
  /** cellId → text typed in a number cell that is not a number (the cell's value is null) */
  texts: Record<string, string>;
  issuedOn: string | null;
  contact: Record<"address" | "phone" | "email", string>;
  narrative: Record<"overview" | "problems" | "other", string>;
}

function textLabel(t: ReportTemplate, key: string) {
  return partName(t, key) ?? key;
}

/** A schema issue's path as the editor names the field: a cell id (section/row/column) or "contact.phone". */
function issueField(path: readonly PropertyKey[]): string {
  const [head, row, column] = path.map(String);
  return (SECTION_KEYS as readonly string[]).includes(head!) && row && column ? `${head}/${row}/${column}` : path.map(String).join(".");
}

/**
 * Reads the entries with the template's draft schema (the form's own: a number or a blank is
 * kept whatever the rules say, text that is not a number is kept as text with the cell blank,
 * so that a draft always saves); anything else is refused with the cell's name. Derived cells
 * are always recomputed from the others.
 */
export function parseEntries(t: ReportTemplate, input: DraftEntries): { ok: true; value: ParsedEntries } | { ok: false; problems: CellProblem[] } {
  let entries = input;
  // the schema's own checks without its machinery when they certainly pass (the editor sends every cell each time)
  if (!draftEntriesAcceptable(t.id, input)) {
    const checked = draftEntriesSchema(t.id).safeParse(input);
    if (!checked.success) return { ok: false, problems: checked.error.issues.map((i) => ({ cell: issueField(i.path), message: i.message })) };
    entries = checked.data as DraftEntries;
  }
  const texts: Record<string, string> = {};
  const stated = { proactive: {}, applications: {}, reviewLitigation: {} } as ReportSections;
  for (const cell of cellsOf(t)) {
    const raw = cell.derived ? null : entries[cell.section]?.[cell.row]?.[cell.column];
    let value: CellValue = null;
    if (typeof raw === "number") value = raw === 0 ? 0 : raw;
    else if (typeof raw === "string" && raw.trim() !== "") {
      // text is read as the editor reads it (parseFigureText; the schema bounded it as a number);
      // text that is not a number ("—", "无") is kept as typed, the cell blank, until submission
      const figure = parseFigureText(raw);
      if (figure.ok) value = figure.value;
      else texts[cell.id] = raw.trim();
    }
    (stated[cell.section][cell.row] ??= {})[cell.column] = value;
  }
  const issuedOn = entries.issuedOn ? entries.issuedOn.trim() : null;
  const contact = { address: "", phone: "", email: "" };
  for (const f of CONTACT_FIELDS) contact[f.key] = (entries.contact?.[f.key] ?? "").trim();
  const narrative = { overview: "", problems: "", other: "" };
  for (const k of NARRATIVE_KEYS) narrative[k] = entries.narrative?.[k] ?? "";
  return { ok: true, value: { sections: deriveSections(t, stated), texts, issuedOn: issuedOn || null, contact, narrative } };
}

type Flat = Map<string, CellValue | string>;

/** cells and texts of a document (or of entries) as one flat map, for comparing */
function flatten(t: ReportTemplate, doc: Pick<ReportDocument, "issuedOn" | "contact" | "narrative"> & ReportSections, texts: Readonly<Record<string, string>> = {}): Flat {
  const m: Flat = new Map();
  for (const c of cellsOf(t)) m.set(c.id, texts[c.id] ?? doc[c.section]?.[c.row]?.[c.column] ?? null);
  m.set("issuedOn", doc.issuedOn ?? null);
  for (const f of CONTACT_FIELDS) m.set(`contact.${f.key}`, doc.contact?.[f.key] ?? "");
  for (const k of NARRATIVE_KEYS) m.set(`narrative.${k}`, doc.narrative?.[k] ?? "");
  return m;
}

function labelOf(t: ReportTemplate, key: string) {
  const cell = cellsOf(t).find((c) => c.id === key);
  return cell ? `${cell.rowLabel.split(" · ").pop()} ${cell.columnLabel.split(" · ").pop()}` : textLabel(t, key);
}

interface ReportRow {
  id: string;
  agencyId: string;
  template: keyof typeof TEMPLATE_ID;
  status: ReportStatusName;
  version: number;
  contactAddress: string;
  contactPhone: string;
  contactEmail: string;
  issuedOn: string | null;
  overview: string;
  problems: string;
  other: string;
  updatedAt: Date;
  agencyCode: string;
  agencyName: string;
  agencyActive: boolean;
  regionCode: string;
  regionName: string;
  regionPath: string;
  /** null: the cells this process keeps for this version and update time */
  cells: string | null;
}

/** The report as the save checks and compares it. */
interface StoredReport {
  id: string;
  template: keyof typeof TEMPLATE_ID;
  status: ReportStatusName;
  version: number;
  updatedAt: Date;
  agency: { id: string; code: string; name: string; active: boolean; region: { code: string; name: string; path: string } };
  /** what flatten gives for the stored report: every cell of the template, a text kept in a number cell in place of its blank */
  stored: Flat;
}

/**
 * The stored report as a save compares it, by id, for the version and last update it was read
 * or saved at: every write to a report's cells bumps both in the same statement (as
 * lib/server/queries/report-figures.ts relies on for the dashboard). A clerk's saves come over
 * one connection (the editor's tab) to the process that answered the last one, which then reads
 * the report's row alone: its two hundred cells as JSON were most of the read's work, in
 * PostgreSQL and here.
 */
const MAX_KEPT_REPORTS = 2_000;
type Kept = { version: number; updatedAt: number; stored: Flat };
// one store per process: the editor's page fills it, the save in front of Next reads it
const kept = processWide("keptDraftCells", () => new Lru<Kept>({ maxSize: MAX_KEPT_REPORTS }));

/** A stored cell as Prisma reads it (a Decimal, or the decimal text of one, as its value). */
interface StoredCellRow {
  section: string;
  row: string;
  column: string;
  value: { toString(): string } | string | null;
  text: string | null;
}

/** what the save compares for a report's cells: every cell of the template, a stored text in place of its blank */
function storedCells(t: ReportTemplate, cells: Iterable<StoredCellRow>): Flat {
  // a cell's stored text (typed in a number cell, ./cell-texts.ts) stands in its place; a
  // figure is the number that prints as its decimal text (exact: lib/templates/decimal.ts)
  const byId = new Map<string, CellValue | string>();
  for (const c of cells) byId.set(`${c.section}/${c.row}/${c.column}`, c.text ? c.text : c.value === null ? null : Number(c.value.toString()));
  const stored: Flat = new Map();
  for (const c of cellsOf(t)) stored.set(c.id, byId.get(c.id) ?? null);
  return stored;
}

/**
 * Keeps the cells of a report the editor's page has just read (its row, then its cells: Prisma
 * reads a relation after the row it belongs to), so that the clerk's first save from that page
 * reads the report's row alone, as every later one does. Safe whatever happened between the two
 * reads: cells written after the row was read were written by a statement that bumped the
 * version and update time, which the row then never has again, so the copy is never used.
 */
export function keepReadReport(report: { id: string; template: keyof typeof TEMPLATE_ID; version: number; updatedAt: Date; cells: Iterable<StoredCellRow> }) {
  kept.set(report.id, { version: report.version, updatedAt: report.updatedAt.getTime(), stored: storedCells(getTemplate(TEMPLATE_ID[report.template]), report.cells) });
}

/** Forgets the kept copies (tests). */
export function forgetKeptReports() {
  kept.clear();
}

/**
 * The report with its agency and region, and its cells unless this process keeps them for the
 * version and update time the row has now, in one statement: Prisma's include took several
 * queries and built a Decimal per cell, most of a save's database time. Cells come as one JSON
 * array, values as their decimal text, and go straight into the flat map the save compares (no
 * exchange document is built for it: a save compares cell by cell).
 */
async function readReport(db: Db, id: string): Promise<StoredReport | null> {
  const copy = kept.get(id);
  // plain SQL (../sql.ts); the template as Prisma names it (T2019, T2021: the database holds 2019, 2021)
  const rows = await sqlRows<ReportRow>(
    db,
    `SELECT r."id", r."agencyId", 'T' || r."template"::text AS "template", r."status"::text AS "status", r."version",
           r."contactAddress", r."contactPhone", r."contactEmail", to_char(r."issuedOn", 'YYYY-MM-DD') AS "issuedOn",
           r."overview", r."problems", r."other", r."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt",
           a."code" AS "agencyCode", a."name" AS "agencyName", a."active" AS "agencyActive",
           g."code" AS "regionCode", g."name" AS "regionName", g."path" AS "regionPath",
           CASE WHEN r."version" = $2::int AND r."updatedAt" = $3::timestamptz AT TIME ZONE 'UTC' THEN NULL
                ELSE COALESCE((SELECT json_agg(json_build_array(c."section", c."row", c."column", c."value"::text, c."text"))::text
                                 FROM "ReportCell" c WHERE c."reportId" = r."id"), '[]') END AS "cells"
      FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId" JOIN "Region" g ON g."code" = a."regionCode"
     WHERE r."id" = $1`,
    [id, copy?.version ?? null, copy ? new Date(copy.updatedAt).toISOString() : null],
    "save-draft-read",
  );
  const r = rows[0];
  if (!r) return null;
  const stored =
    r.cells === null && copy
      ? new Map(copy.stored)
      : storedCells(
          getTemplate(TEMPLATE_ID[r.template]),
          (JSON.parse(r.cells ?? "[]") as [string, string, string, string | null, string | null][]).map(([section, row, column, value, text]) => ({ section, row, column, value, text })),
        );
  stored.set("issuedOn", r.issuedOn);
  stored.set("contact.address", r.contactAddress);
  stored.set("contact.phone", r.contactPhone);
  stored.set("contact.email", r.contactEmail);
  stored.set("narrative.overview", r.overview);
  stored.set("narrative.problems", r.problems);
  stored.set("narrative.other", r.other);
  kept.set(id, { version: r.version, updatedAt: r.updatedAt.getTime(), stored });
  return {
    id: r.id,
    template: r.template,
    status: r.status,
    version: r.version,
    updatedAt: r.updatedAt,
    agency: { id: r.agencyId, code: r.agencyCode, name: r.agencyName, active: r.agencyActive, region: { code: r.regionCode, name: r.regionName, path: r.regionPath } },
    stored,
  };
}

/** the template's derived cells (computed, never typed) */
const derivedIdsCache = new Map<ReportTemplate, ReadonlySet<string>>();
function derivedIdsOf(t: ReportTemplate): ReadonlySet<string> {
  let ids = derivedIdsCache.get(t);
  if (!ids) derivedIdsCache.set(t, (ids = new Set(cellsOf(t).filter((c) => c.derived).map((c) => c.id))));
  return ids;
}

/**
 * 保存草稿: stores the clerk's entries as they are (rule errors allowed; text in a number
 * cell is kept as text, see ./cell-texts.ts). Checks scope (another agency's report is "not
 * found"), state (only DRAFT and RETURNED are saved) and version: the write names the version
 * and states the editor read (optimistic locking), so a save that meets a newer version is
 * refused, naming what was changed elsewhere; never a silent overwrite.
 * The audit record lists every changed cell (old → new) and text (a long text as its length
 * and hash: ../audit/audit-text.ts).
 *
 * One read, then one statement that writes the report row, the changed cells and the audit
 * record only if the report is still at that version and editable: atomic by itself, with no
 * interactive transaction around it (a save was thirteen round trips, each costing the
 * server's one thread about a millisecond inside Next).
 */
export async function saveDraft(db: Db, user: CurrentUser, input: SaveDraftInput): Promise<SaveDraftResult> {
  if (!isSafeText(input.reportId)) return { ok: false, code: 404, message: "报告不存在。" };
  const report = await readReport(db, input.reportId);
  if (!report || user.role !== "CLERK" || !agencyInScope(user, report.agency)) return { ok: false, code: 404, message: "报告不存在。" };
  const inactive = clerkWriteRefusal(user, report.agency);
  if (inactive) return { ok: false, code: 403, message: inactive };
  const status = report.status;
  const notEditable = (s: ReportStatusName, version: number): SaveDraftResult => ({
    ok: false,
    code: 409,
    message: `报告当前为「${STATUS_LABELS[s]}」，不能修改。`,
    currentVersion: version,
  });
  if (!isEditable(status)) return notEditable(status, report.version);
  const t = getTemplate(TEMPLATE_ID[report.template]);
  const parsed = parseEntries(t, input.entries);
  if (!parsed.ok) {
    return { ok: false, code: 422, message: `未保存：${parsed.problems.length} 处填写的格式不对：${parsed.problems.map((p) => p.message).join("；")}`, problems: parsed.problems };
  }
  const before = report.stored;

  const conflict = (currentVersion: number): SaveDraftResult => {
    let changedElsewhere: string[] = [];
    if (input.base) {
      const base = parseEntries(t, input.base);
      if (base.ok) {
        const loaded = flatten(t, { ...base.value.sections, issuedOn: base.value.issuedOn, contact: base.value.contact, narrative: base.value.narrative }, base.value.texts);
        // derived cells follow the others: name only what someone typed
        const derivedIds = derivedIdsOf(t);
        changedElsewhere = [...before.keys()].filter((k) => !derivedIds.has(k) && loaded.get(k) !== before.get(k)).map((k) => labelOf(t, k));
      }
    }
    const what = changedElsewhere.length
      ? `其他人已修改：${changedElsewhere.slice(0, 20).join("、")}${changedElsewhere.length > 20 ? ` 等 ${changedElsewhere.length} 处` : ""}`
      : "报告已在别处保存过";
    return {
      ok: false,
      code: 409,
      message: `未保存：您打开之后，${what}（现为第 ${currentVersion} 版，您的是第 ${input.expectedVersion} 版）。您填写的内容仍在页面上，请核对后刷新页面再填。`,
      changedElsewhere,
      currentVersion,
    };
  };
  if (report.version !== input.expectedVersion) return conflict(report.version);

  const p = parsed.value;
  const after = flatten(t, { ...p.sections, issuedOn: p.issuedOn, contact: p.contact, narrative: p.narrative }, p.texts);
  const changed = new Set([...after.keys()].filter((k) => after.get(k) !== before.get(k)));
  if (changed.size === 0) return { ok: true, version: report.version, savedAt: report.updatedAt.toISOString(), changedCells: 0, unchanged: true };

  const cellChanges: Record<string, [CellValue | string, CellValue | string]> = {};
  const textChanges: Record<string, ReturnType<typeof auditTextChange>> = {};
  const changedCells = cellsOf(t).filter((c) => changed.has(c.id));
  for (const c of changedCells) cellChanges[c.id] = [before.get(c.id) as CellValue | string, after.get(c.id) as CellValue | string];
  // a long text as its length and hash, not in full (an audit record per save stays small)
  for (const k of changed) if (!k.includes("/")) textChanges[k] = auditTextChange(before.get(k) as string | null, after.get(k) as string | null);
  const details = JSON.stringify({ version: report.version + 1, cells: cellChanges, texts: textChanges });
  // the changed cells as parallel arrays, written (or blanked) in place
  const sections = changedCells.map((c) => c.section);
  const rows = changedCells.map((c) => c.row);
  const columns = changedCells.map((c) => c.column);
  const values = changedCells.map((c) => {
    const v = p.sections[c.section][c.row]![c.column];
    return v === null || v === undefined ? null : String(v);
  });
  const cellTexts = changedCells.map((c) => p.texts[c.id] ?? null);
  const written = await sqlRows<{ version: number; updatedAt: Date }>(
    db,
    `WITH saved AS (
      UPDATE "Report"
         SET "version" = "version" + 1, "updatedAt" = now(), "issuedOn" = $1::date,
             "contactAddress" = $2, "contactPhone" = $3, "contactEmail" = $4,
             "overview" = $5, "problems" = $6, "other" = $7
       WHERE "id" = $8 AND "version" = $9::int AND "status"::text = ANY($10::text[])
      RETURNING "id", "version", "updatedAt"
    ), cells AS (
      INSERT INTO "ReportCell" ("reportId", "section", "row", "column", "value", "text")
      SELECT saved."id", c.section::"CellSection", c.row, c.col, c.value::numeric, c.text
        FROM saved, unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::text[]) AS c(section, row, col, value, text)
      ON CONFLICT ("reportId", "section", "row", "column") DO UPDATE SET "value" = EXCLUDED."value", "text" = EXCLUDED."text"
    ), audited AS (
      INSERT INTO "AuditEvent" ("actorId", "action", "entityType", "entityId", "reportId", "details")
      SELECT $16, 'report.saved', 'Report', saved."id", saved."id", $17::jsonb FROM saved
    )
    SELECT "version", "updatedAt" AT TIME ZONE 'UTC' AS "updatedAt" FROM saved`,
    [p.issuedOn, p.contact.address, p.contact.phone, p.contact.email, p.narrative.overview, p.narrative.problems, p.narrative.other, report.id, input.expectedVersion, [...EDITABLE_STATUSES], sections, rows, columns, values, cellTexts, user.id, details],
    "save-draft-write",
  );
  const saved = written[0];
  // what the write leaves stored: the next save of this report here reads its row alone
  if (saved) kept.set(report.id, { version: saved.version, updatedAt: saved.updatedAt.getTime(), stored: after });
  if (!saved) {
    // changed since the read: submitted (or otherwise locked), or saved elsewhere
    const now = await db.report.findUnique({ where: { id: report.id }, select: { status: true, version: true } });
    if (!now) return { ok: false, code: 404, message: "报告不存在。" };
    if (!isEditable(now.status as ReportStatusName)) return notEditable(now.status as ReportStatusName, now.version);
    return conflict(now.version);
  }
  return { ok: true, version: saved.version, savedAt: saved.updatedAt.toISOString(), changedCells: changedCells.length, unchanged: false };
}
