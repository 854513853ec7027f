import { CONTACT_FIELDS, FIELD_LABELS, TEMPLATES } from "./data";
import {
  SECTION_KEYS,
  TEMPLATE_IDS,
  type CellDef,
  type ColumnDef,
  type ReportTemplate,
  type RowDef,
  type SectionDef,
  type SectionKey,
  type TemplateId,
} from "./types";

/** First report year of the 2021 format (国办公开办函〔2021〕30号). */
export const FIRST_YEAR_OF_2021_TEMPLATE = 2021;

/** The template a report of `year` is filed in: ≤2020 → "2019", ≥2021 → "2021". */
export function templateIdForYear(year: number): TemplateId {
  return year >= FIRST_YEAR_OF_2021_TEMPLATE ? "2021" : "2019";
}

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === "string" && (TEMPLATE_IDS as readonly string[]).includes(value);
}

export function isSectionKey(value: unknown): value is SectionKey {
  return typeof value === "string" && (SECTION_KEYS as readonly string[]).includes(value);
}

export function getTemplate(id: TemplateId): ReportTemplate {
  const t = TEMPLATES[id];
  if (!t) throw new Error(`Unknown template id: ${String(id)}`);
  return t;
}

export function getSection(template: ReportTemplate, section: SectionKey): SectionDef {
  return template.sections[section];
}

/** The title of a report, as printed: "贺兰县习岗镇2020年政府信息公开工作年度报告". */
export function reportTitle(agencyName: string, year: number): string {
  return `${agencyName}${year}年政府信息公开工作年度报告`;
}

// --- cell ids ----------------------------------------------------------------

/** `section/row/column`. Row keys contain dots (`denied.stateSecret`), hence the slashes. */
export function cellId(section: SectionKey, row: string, column: string): string {
  return `${section}/${row}/${column}`;
}

export function parseCellId(id: string): { section: SectionKey; row: string; column: string } | null {
  const parts = id.split("/");
  if (parts.length !== 3) return null;
  const [section, row, column] = parts as [string, string, string];
  if (!isSectionKey(section) || !row || !column) return null;
  return { section, row, column };
}

// --- lookups -----------------------------------------------------------------

interface Index {
  cells: readonly CellDef[];
  byId: ReadonlyMap<string, CellDef>;
  rows: ReadonlyMap<string, RowDef>; // `${section}/${row}`
}
const indexes = new Map<ReportTemplate, Index>();

function index(template: ReportTemplate): Index {
  let ix = indexes.get(template);
  if (!ix) {
    const cells: CellDef[] = [];
    const rows = new Map<string, RowDef>();
    for (const section of SECTION_KEYS) {
      const s = template.sections[section];
      for (const row of s.rows) {
        rows.set(`${section}/${row.key}`, row);
        for (const col of row.columns) {
          cells.push(
            Object.freeze({
              id: cellId(section, row.key, col.key),
              section,
              row: row.key,
              column: col.key,
              kind: col.kind,
              unit: col.unit,
              derived: row.derived || col.derived,
              rowLabel: row.fullLabel,
              columnLabel: col.fullLabel,
              label: `${s.title} · ${row.fullLabel} · ${col.fullLabel}`,
              name: `${row.label} ${col.label}`,
            }),
          );
        }
      }
    }
    Object.freeze(cells);
    ix = { cells, byId: new Map(cells.map((c) => [c.id, c])), rows };
    indexes.set(template, ix);
  }
  return ix;
}

/**
 * Every cell of the template, in a stable official order: sections 二、三、四, rows top
 * to bottom, columns left to right. Derived cells: applications every row's `total`,
 * the whole `handledTotal` row, reviewLitigation each group's `total`.
 */
export function cellsOf(template: ReportTemplate): readonly CellDef[] {
  return index(template).cells;
}

export function findCell(template: ReportTemplate, id: string): CellDef | undefined {
  return index(template).byId.get(id);
}

export function findRow(template: ReportTemplate, section: SectionKey, row: string): RowDef | undefined {
  return index(template).rows.get(`${section}/${row}`);
}

export function findColumn(template: ReportTemplate, section: SectionKey, row: string, column: string): ColumnDef | undefined {
  return findRow(template, section, row)?.columns.find((c) => c.key === column);
}

/**
 * How the form, messages and comments name a part of a report: a cell id by its short name
 * ("（一）予以公开 商业企业"), `narrative.overview` by its title, `contact.address` by the
 * field's label, `issuedOn` / `contact` / `narrative` by theirs; undefined for anything else.
 */
export function partName(template: ReportTemplate, key: string): string | undefined {
  const cell = findCell(template, key);
  if (cell) return cell.name;
  if (key in FIELD_LABELS) return FIELD_LABELS[key as keyof typeof FIELD_LABELS];
  const [group, field] = key.split(".");
  if (group === "narrative" && field && Object.hasOwn(template.narrative, field)) return template.narrative[field as keyof ReportTemplate["narrative"]].title;
  if (group === "contact") return CONTACT_FIELDS.find((f) => f.key === field)?.label;
  return undefined;
}

/** Row keys of a section, in order. */
export function rowKeys(template: ReportTemplate, section: SectionKey): string[] {
  return template.sections[section].rows.map((r) => r.key);
}
