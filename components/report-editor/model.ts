// The editor's data model, free of React: how typed and pasted text becomes numbers, how form
// values map to the exchange document, the live rule results store, and the local copy of
// unsaved entries.
import {
  EXCHANGE_FORMAT,
  encodeFormRowKey,
  sectionsFromFormValues,
  sectionsToFormValues,
  type ReportDocument,
} from "@/lib/exchange";
import {
  SECTION_KEYS,
  cellsOf,
  deriveSections,
  effectiveValues,
  getTemplate,
  parseFigureText,
  type CellDef,
  type CellValue,
  type ReportSections,
  type SectionKey,
  type TemplateId,
} from "@/lib/templates";
import { validateReport, type ValidationOptions, type Violation } from "@/lib/validation";

// --- numbers as clerks type and paste them -------------------------------------------

export type ParsedCell = { ok: true; value: number | null } | { ok: false; text: string };

/** Text from a keyboard or a spreadsheet → a number (the one reading: parseFigureText); anything else is kept as text. */
export function parseCellText(raw: string): ParsedCell {
  const figure = parseFigureText(raw);
  return figure.ok ? { ok: true, value: figure.value } : { ok: false, text: raw.trim() };
}

/** A block copied from Excel or WPS: lines (\r\n or \n) of tab-separated cells; a trailing newline is not a row. */
export function parseClipboardBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  return lines.map((l) => l.split("\t"));
}

export function formatCellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return String(v);
}

// --- form values ↔ documents ------------------------------------------------------------

/** A cell in the form: a number, blank (null), or text that is not a number (refused, kept on screen). */
export type FormCell = number | null | string;
type FormSection = Record<string, Record<string, FormCell>>;

export interface EditorValues {
  format: typeof EXCHANGE_FORMAT;
  template: TemplateId;
  agency: ReportDocument["agency"];
  year: number;
  issuedOn: string | null;
  contact: ReportDocument["contact"];
  narrative: ReportDocument["narrative"];
  proactive: FormSection;
  applications: FormSection;
  reviewLitigation: FormSection;
}

/**
 * The form's values for a document (form-safe row keys: no dots in field names); `texts`
 * (cellId → text) are the cells saved with text that is not a number, shown as typed.
 */
export function documentToFormValues(doc: ReportDocument, texts: Readonly<Record<string, string>> = {}): EditorValues {
  const t = getTemplate(doc.template);
  const sections = { proactive: {}, applications: {}, reviewLitigation: {} } as Record<SectionKey, FormSection>;
  // derived cells are computed outputs, never entries: a stored total must not go stale
  for (const s of SECTION_KEYS)
    for (const row of t.sections[s].rows) {
      const r: Record<string, FormCell> = {};
      for (const col of row.columns)
        r[col.key] = row.derived || col.derived ? null : (texts[`${s}/${row.key}/${col.key}`] ?? doc[s]?.[row.key]?.[col.key] ?? null);
      sections[s][row.key] = r;
    }
  return sectionsToFormValues({
    format: EXCHANGE_FORMAT,
    template: doc.template,
    agency: doc.agency,
    year: doc.year,
    issuedOn: doc.issuedOn,
    contact: { ...doc.contact },
    narrative: { ...doc.narrative },
    ...sections,
  }) as EditorValues;
}

/** What the server's save takes: row keys restored, the entries as typed. */
export function formValuesToEntries(values: EditorValues) {
  const plain = sectionsFromFormValues(values);
  return {
    issuedOn: plain.issuedOn || null,
    contact: { ...plain.contact },
    narrative: { ...plain.narrative },
    proactive: plain.proactive,
    applications: plain.applications,
    reviewLitigation: plain.reviewLitigation,
  };
}
export type Entries = ReturnType<typeof formValuesToEntries>;

/** The cells holding text that is not a number (kept with the draft, blocking submission), in form order. */
export function textCells(values: Pick<EditorValues, SectionKey>): { id: string; text: string }[] {
  const plain = sectionsFromFormValues(values);
  const out: { id: string; text: string }[] = [];
  for (const s of SECTION_KEYS)
    for (const [row, cols] of Object.entries(plain[s] ?? {}))
      for (const [c, v] of Object.entries(cols ?? {})) if (typeof v === "string" && v.trim() !== "") out.push({ id: `${s}/${row}/${c}`, text: v.trim() });
  return out;
}

/** Sections with text that is not a number left out (null), for the rules and the preview. */
export function numericSections(values: Pick<EditorValues, SectionKey>): ReportSections {
  const plain = sectionsFromFormValues(values);
  const out = { proactive: {}, applications: {}, reviewLitigation: {} } as ReportSections;
  for (const s of SECTION_KEYS) {
    for (const [row, cols] of Object.entries(plain[s] ?? {})) {
      const r: Record<string, CellValue> = {};
      for (const [c, v] of Object.entries(cols ?? {})) r[c] = typeof v === "number" ? v : null;
      out[s][row] = r;
    }
  }
  return out;
}

/** The report as it will be published: derived cells computed from what is entered. */
export function formValuesToDocument(values: EditorValues): ReportDocument {
  const t = getTemplate(values.template);
  const sections = numericSections(values);
  // derived cells are outputs: always the computed sums
  for (const s of SECTION_KEYS)
    for (const row of t.sections[s].rows) for (const col of row.columns) if (row.derived || col.derived) sections[s][row.key]![col.key] = null;
  return {
    format: EXCHANGE_FORMAT,
    template: values.template,
    agency: values.agency,
    year: values.year,
    issuedOn: values.issuedOn || null,
    contact: { ...values.contact },
    narrative: { ...values.narrative },
    ...deriveSections(t, sections),
  };
}

// --- live rule results --------------------------------------------------------------

export interface RuleSnapshot {
  violations: Violation[];
  /** cellId or "narrative.x"/"contact.x" → messages */
  byCell: Map<string, string[]>;
  value: (section: SectionKey, row: string, column: string) => CellValue;
  /** input cells left blank, per table (text that is not a number is not blank: it is flagged) */
  blanks: Record<SectionKey, number>;
}

/** The input cells (derived cells are outputs) that are blank in the form's values, per table. */
export function blankCells(templateId: TemplateId, values: Pick<EditorValues, SectionKey>, only?: SectionKey): CellDef[] {
  const out: CellDef[] = [];
  for (const c of cellsOf(getTemplate(templateId))) {
    if (c.derived || (only && c.section !== only)) continue;
    const v = values[c.section]?.[encodeFormRowKey(c.row)]?.[c.column];
    if (v === null || v === undefined || v === "") out.push(c);
  }
  return out;
}

/** The same values with the given cells set to 0 (a copy; the form takes it whole). */
export function withZeros<T extends Pick<EditorValues, SectionKey>>(values: T, cells: readonly CellDef[]): T {
  const next = { ...values, proactive: { ...values.proactive }, applications: { ...values.applications }, reviewLitigation: { ...values.reviewLitigation } };
  for (const c of cells) {
    const row = encodeFormRowKey(c.row);
    next[c.section][row] = { ...next[c.section][row], [c.column]: 0 };
  }
  return next;
}

/**
 * Holds the latest rule results; cells subscribe to their own slice (useSyncExternalStore
 * with a primitive snapshot), so a keystroke re-renders only the cells whose results changed.
 */
export class RuleStore {
  private snapshot: RuleSnapshot;
  private listeners = new Set<() => void>();
  mode: ValidationOptions["mode"] = "draft";

  constructor(
    private templateId: TemplateId,
    private lastYear: ValidationOptions["lastYear"],
    values: EditorValues,
  ) {
    this.snapshot = this.compute(values);
  }

  private compute(values: EditorValues): RuleSnapshot {
    const t = getTemplate(this.templateId);
    const plain = sectionsFromFormValues(values);
    // text that is not a number stays in: the rules report it too, naming the cell
    const sections = { proactive: plain.proactive, applications: plain.applications, reviewLitigation: plain.reviewLitigation } as unknown as ReportSections;
    const violations = validateReport(
      { templateId: this.templateId, sections, narrative: values.narrative, contact: values.contact },
      { mode: this.mode, lastYear: this.lastYear },
    );
    const byCell = new Map<string, string[]>();
    for (const v of violations) for (const c of v.cells) (byCell.get(c) ?? byCell.set(c, []).get(c)!).push(v.message);
    const blanks: Record<SectionKey, number> = { proactive: 0, applications: 0, reviewLitigation: 0 };
    for (const c of blankCells(this.templateId, values)) blanks[c.section]++;
    return { violations, byCell, value: effectiveValues(t, numericSections(values)), blanks };
  }

  update(values: EditorValues) {
    this.snapshot = this.compute(values);
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = () => this.snapshot;
}

// --- unsaved entries kept in the browser -------------------------------------------------

export interface LocalCopy {
  /** the version the entries were made on */
  version: number;
  at: string;
  values: EditorValues;
}

export const localCopyKey = (reportId: string, userId: string) => `govreports:unsaved:${reportId}:${userId}`;

export function readLocalCopy(key: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

export function writeLocalCopy(key: string, copy: LocalCopy) {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // storage full or disabled: the entries are still on screen
  }
}

export function clearLocalCopy(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {}
}
