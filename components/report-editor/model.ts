// The editor's data model, free of React: how typed and pasted text becomes numbers, how form
// values map to the exchange document, the live rule results store, and the local copy of
// unsaved entries.
import {
  EXCHANGE_FORMAT,
  decodeFormRowKey,
  encodeFormRowKey,
  sectionsFromFormValues,
  sectionsToFormValues,
  type ReportDocument,
} from "@/lib/exchange";
import {
  CONTACT_FIELDS,
  NARRATIVE_KEYS,
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
import { equationInputs, inRuleOrder, rulesFor, validateRules, type RuleDef, type ValidationOptions, type Violation } from "@/lib/validation";

// --- numbers as clerks type and paste them -------------------------------------------

export type ParsedCell = { ok: true; value: number | null } | { ok: false; text: string };

/** Text from a keyboard or a spreadsheet → a number (the one reading: parseFigureText); anything else is kept as text. */
export function parseCellText(raw: string): ParsedCell {
  const figure = parseFigureText(raw);
  return figure.ok ? { ok: true, value: figure.value } : { ok: false, text: raw.trim() };
}

/**
 * A 成文日期 as a clerk types it → YYYY-MM-DD: "2025年1月20日", "2025-01-20", "2025/1/20",
 * "2025.1.20" (full-width digits too); null when blank, undefined when it is no valid date.
 */
export function parseDateText(raw: string | null | undefined): string | null | undefined {
  const s = (raw ?? "").normalize("NFKC").replace(/\s/g, "");
  if (s === "") return null;
  const m = /^(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})日?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A stored date (YYYY-MM-DD) as the clerk reads it, 2025年1月20日; anything else as it is. */
export function formatDateText(v: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v ?? "");
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (v ?? "");
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

/**
 * A draft schema issue's path (form-safe row keys) as the field's id: a cell as its cell id
 * (section/row/column, the row key restored), a text field by its dotted name ("contact.email").
 */
export function issueFieldId(path: readonly PropertyKey[]): string {
  const [head, row, column] = path.map(String);
  return (SECTION_KEYS as readonly string[]).includes(head!) && row && column ? `${head}/${decodeFormRowKey(row)}/${column}` : path.map(String).join(".");
}

// --- 从文件导入 ---------------------------------------------------------------------

/** What an import would do to the form, worked out before anything changes. */
export interface ImportPlan {
  /** the form's values after the import */
  values: EditorValues;
  /** fields holding something typed that the import would replace (cell ids, "contact.phone", "narrative.other", "issuedOn") */
  overwrites: string[];
  /** blank cells of the imported tables read as 0 (a printed report leaves 0 blank) */
  zeros: number;
}

const isBlankValue = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * The form after importing a read document into it: the tables the file fills (any figure in
 * them) are taken whole, their blank cells as 0; the 成文日期, contact and narratives the file
 * has replace the form's; what the file lacks keeps what was typed. `textOnly`: only the
 * narratives and the contact (a file of another year: its figures are not this year's).
 */
export function planImport(current: EditorValues, doc: ReportDocument, textOnly: boolean): ImportPlan {
  const t = getTemplate(current.template);
  const next: EditorValues = { ...current, contact: { ...current.contact }, narrative: { ...current.narrative } };
  const overwrites: string[] = [];
  let zeros: CellDef[] = [];
  if (!textOnly && doc.template === current.template) {
    const file = documentToFormValues({ ...doc, agency: current.agency, year: current.year });
    const imported = SECTION_KEYS.filter((s) => cellsOf(t).some((c) => c.section === s && !c.derived && typeof doc[s]?.[c.row]?.[c.column] === "number"));
    for (const s of imported) next[s] = file[s];
    zeros = imported.flatMap((s) => blankCells(current.template, next, s));
    Object.assign(next, withZeros(next, zeros));
    for (const c of cellsOf(t)) {
      if (c.derived || !imported.includes(c.section)) continue;
      const row = encodeFormRowKey(c.row);
      const before = current[c.section]?.[row]?.[c.column];
      if (!isBlankValue(before) && !Object.is(before, next[c.section][row]?.[c.column])) overwrites.push(c.id);
    }
    if (doc.issuedOn) {
      if (current.issuedOn && current.issuedOn !== doc.issuedOn) overwrites.push("issuedOn");
      next.issuedOn = doc.issuedOn;
    }
  }
  for (const f of CONTACT_FIELDS) {
    const v = doc.contact?.[f.key]?.trim() ?? "";
    if (!v) continue;
    if (current.contact[f.key].trim() && current.contact[f.key].trim() !== v) overwrites.push(`contact.${f.key}`);
    next.contact[f.key] = v;
  }
  for (const k of NARRATIVE_KEYS) {
    const v = doc.narrative?.[k] ?? "";
    if (!v.trim()) continue;
    if (current.narrative[k].trim() && current.narrative[k] !== v) overwrites.push(`narrative.${k}`);
    next.narrative[k] = v;
  }
  return { values: next, overwrites, zeros: zeros.length };
}

// --- live rule results --------------------------------------------------------------

export interface RuleSnapshot {
  violations: Violation[];
  /** cellId or "narrative.x"/"contact.x" → messages */
  byCell: Map<string, string[]>;
  value: (section: SectionKey, row: string, column: string) => CellValue;
  /** what an input cell holds as entered: a number, blank (null) or text that is not a number */
  cell: (section: SectionKey, row: string, column: string) => FormCell;
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
 * Per template, derived from it: which rules read each input cell, and which derived cells
 * (totals, through the totals they sum) each input cell feeds.
 */
const ruleIndexCache = new Map<
  TemplateId,
  { rules: readonly RuleDef[]; byCell: Map<string, number[]>; kind: number; required: number; cells: Map<string, CellDef>; totals: Map<string, CellDef[]> }
>();

function ruleIndex(templateId: TemplateId) {
  let index = ruleIndexCache.get(templateId);
  if (index) return index;
  const t = getTemplate(templateId);
  const rules = rulesFor(templateId);
  const byCell = new Map<string, number[]>();
  rules.forEach((rule, i) => {
    if (rule.type !== "equation") return;
    for (const id of equationInputs(t, rule)) (byCell.get(id) ?? byCell.set(id, []).get(id)!).push(i);
  });
  const cells = new Map(cellsOf(t).map((c) => [`${c.section}.${encodeFormRowKey(c.row)}.${c.column}`, c] as const));
  // a derived cell reads the cells its sum reaches: an equation "derived = itself" lists them
  const totals = new Map<string, CellDef[]>();
  for (const d of cellsOf(t))
    if (d.derived)
      for (const id of equationInputs(t, { type: "equation", left: [{ section: d.section, row: d.row, column: d.column }], right: [] } as never))
        if (id !== d.id) (totals.get(id) ?? totals.set(id, []).get(id)!).push(d);
  index = { rules, byCell, kind: rules.findIndex((r) => r.type === "cellKind"), required: rules.findIndex((r) => r.type === "required"), cells, totals };
  ruleIndexCache.set(templateId, index);
  return index;
}

/** What tells one rule message from another: its severity, text and cells (the lists' keys, and the store's test of whether they changed). */
export const violationKey = (v: Violation) => `${v.severity}\u0001${v.message}\u0001${v.cells.join(",")}`;

/**
 * Holds the latest rule results; cells subscribe to their own slice (useSyncExternalStore
 * with a primitive snapshot), so a keystroke re-renders only the cells whose results changed.
 * A change to one cell re-checks only that cell and the rules that read it (ruleIndex); every
 * other result stands. Anything else (an import, a reset, a text field) re-checks everything.
 *
 * Subscriptions are by key (`cell:<input id>`, `issues:<id>`, `value:<derived id>`, `violations`,
 * `blanks`): after one cell changed, only the keys whose snapshot can have changed are told (the
 * cell itself, the totals it feeds, the cells named in the old or new messages, the lists when
 * they changed), so a keystroke costs the few components that show its results, not one check
 * per cell of the form. The grid's inputs read what they hold from here (`cell:`), not from
 * react-hook-form, whose every change would otherwise be offered to each cell's subscription.
 */
export class RuleStore {
  private snapshot!: RuleSnapshot;
  private listeners = new Map<string, Set<() => void>>();
  /** the messages' text, the lists' key (a primitive compares in one step) */
  private violationsKey = "";
  mode: ValidationOptions["mode"] = "draft";
  /** the sections with their own row keys, text in a cell kept (the rules report it) */
  private sections!: ReportSections;
  /** per rule (rulesFor order): its violations; the cell kind rule's by cell */
  private results: Violation[][] = [];
  private kinds = new Map<string, Violation>();
  private blankIds = new Set<string>();
  private index: ReturnType<typeof ruleIndex>;

  constructor(
    private templateId: TemplateId,
    private lastYear: ValidationOptions["lastYear"],
    values: EditorValues,
  ) {
    this.index = ruleIndex(templateId);
    this.compute(values);
  }

  private input(values: Pick<EditorValues, "narrative" | "contact">) {
    return { templateId: this.templateId, sections: this.sections, narrative: values.narrative, contact: values.contact };
  }

  /** Every rule, from scratch. */
  private compute(values: EditorValues) {
    const plain = sectionsFromFormValues(values);
    // rows copied: react-hook-form's setValue writes into its row objects in place, and the
    // snapshot must still say what a cell held before (a change is told by comparing)
    const copy = (sec: FormSection | undefined) => Object.fromEntries(Object.entries(sec ?? {}).map(([k, row]) => [k, { ...row }]));
    this.sections = { proactive: copy(plain.proactive), applications: copy(plain.applications), reviewLitigation: copy(plain.reviewLitigation) } as unknown as ReportSections;
    const input = this.input(values);
    const options = { mode: this.mode, lastYear: this.lastYear };
    const current = effectiveValues(getTemplate(this.templateId), this.sections);
    this.results = this.index.rules.map((rule) => (rule.type === "cellKind" ? [] : validateRules(input, options, [rule], undefined, current)));
    this.kinds = new Map(validateRules(input, options, [this.index.rules[this.index.kind]!], undefined, current).map((v) => [v.cells[0]!, v]));
    this.blankIds = new Set(blankCells(this.templateId, values).map((c) => c.id));
    this.publish(current);
  }

  /** One cell changed: that cell's kind, the rules that read it (and, for a submission, the required fields). */
  private recheck(values: EditorValues, cell: CellDef, formName: string) {
    const [s, row, column] = formName.split(".") as [SectionKey, string, string];
    const v = values[s]?.[row]?.[column] ?? null;
    const rows = this.sections[s] as Record<string, Record<string, unknown>>;
    this.sections = { ...this.sections, [s]: { ...rows, [cell.row]: { ...rows[cell.row], [column]: v } } };
    const input = this.input(values);
    const options = { mode: this.mode, lastYear: this.lastYear };
    // one computation of the totals for every rule re-run and for the outputs on screen
    const current = effectiveValues(getTemplate(this.templateId), this.sections);
    const kind = validateRules(input, options, [this.index.rules[this.index.kind]!], [cell], current)[0];
    if (kind) this.kinds.set(cell.id, kind);
    else this.kinds.delete(cell.id);
    for (const i of this.index.byCell.get(cell.id) ?? []) this.results[i] = validateRules(input, options, [this.index.rules[i]!], undefined, current);
    if (this.mode === "submit") this.results[this.index.required] = validateRules(input, options, [this.index.rules[this.index.required]!], undefined, current);
    if (v === null || v === "") this.blankIds.add(cell.id);
    else this.blankIds.delete(cell.id);
    this.publish(current);
  }

  private publish(current?: ReturnType<typeof effectiveValues>) {
    const t = getTemplate(this.templateId);
    const kinds = cellsOf(t).flatMap((c) => this.kinds.get(c.id) ?? []);
    const violations = inRuleOrder(this.results.flatMap((r, i) => (i === this.index.kind ? kinds : r)));
    const byCell = new Map<string, string[]>();
    for (const v of violations) for (const c of v.cells) (byCell.get(c) ?? byCell.set(c, []).get(c)!).push(v.message);
    const blanks: Record<SectionKey, number> = { proactive: 0, applications: 0, reviewLitigation: 0 };
    for (const id of this.blankIds) blanks[id.slice(0, id.indexOf("/")) as SectionKey]++;
    const sections = this.sections as unknown as Record<SectionKey, Record<string, Record<string, FormCell> | undefined>>;
    const cell = (s: SectionKey, row: string, column: string) => sections[s]?.[row]?.[column] ?? null;
    // text in a cell is no number: effectiveValues takes it for a blank, as numericSections does
    this.snapshot = { violations, byCell, value: current ?? effectiveValues(t, this.sections), cell, blanks };
    this.violationsKey = violations.map(violationKey).join("\u0000");
  }

  /** `name`: the form field that changed (react-hook-form's watch), when one did. */
  update(values: EditorValues, name?: string) {
    const cell = name ? this.index.cells.get(name) : undefined;
    const before = this.snapshot;
    const beforeKey = this.violationsKey;
    if (cell && !cell.derived) this.recheck(values, cell, name!);
    else if (name && (name.startsWith("narrative.") || name.startsWith("contact.") || name === "issuedOn") && this.mode === "draft") return; // no draft rule reads them
    else {
      this.compute(values);
      for (const set of [...this.listeners.values()]) for (const l of [...set]) l();
      return;
    }
    // one cell changed: tell only the keys whose snapshot can differ
    const changed: string[] = [];
    if (!Object.is(before.cell(cell.section, cell.row, cell.column), this.snapshot.cell(cell.section, cell.row, cell.column))) changed.push(`cell:${cell.id}`);
    for (const d of this.index.totals.get(cell.id) ?? [])
      if (!Object.is(before.value(d.section, d.row, d.column), this.snapshot.value(d.section, d.row, d.column))) changed.push(`value:${d.id}`);
    for (const id of new Set([...before.byCell.keys(), ...this.snapshot.byCell.keys()]))
      if (before.byCell.get(id)?.join("\n") !== this.snapshot.byCell.get(id)?.join("\n")) changed.push(`issues:${id}`);
    if (this.violationsKey !== beforeKey) changed.push("violations");
    if (SECTION_KEYS.some((s) => before.blanks[s] !== this.snapshot.blanks[s])) changed.push("blanks");
    for (const key of changed) for (const l of [...(this.listeners.get(key) ?? [])]) l();
  }

  /** Listens to one key's snapshot: `cell:<input id>`, `issues:<id>`, `value:<derived id>`, `violations`, `blanks`. */
  subscribe(key: string, listener: () => void) {
    const set = this.listeners.get(key) ?? this.listeners.set(key, new Set()).get(key)!;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

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
