import { TEMPLATES } from "./data";
import { SECTION_KEYS, type TemplateId } from "./types";

/**
 * The words of the official tables a reader may search for, per template, section and row
 * (a figure's row label, with its group: "（三）不予公开 1.属于国家秘密"): PostgreSQL adds those
 * of a published report's non-zero rows to its search text. The migration that defines
 * published_version_row_labels() holds a copy; test/unit/search-labels.test.ts keeps the two equal.
 * Derived rows (总计) are left out: every report has them.
 */
export function searchRowLabels(): Record<TemplateId, Record<string, Record<string, string>>> {
  const out = {} as Record<TemplateId, Record<string, Record<string, string>>>;
  for (const t of Object.values(TEMPLATES)) {
    out[t.id] = {};
    for (const section of SECTION_KEYS) {
      const rows: Record<string, string> = {};
      for (const row of t.sections[section].rows) {
        if (row.derived) continue;
        const group = section === "proactive" ? [] : row.path.slice(-1);
        rows[row.key] = [...group, row.label].join(" ");
      }
      out[t.id][section] = rows;
    }
  }
  return out;
}
