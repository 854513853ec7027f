// Text a clerk typed in a number cell ("—", "/", "无") is kept with the draft (ReportCell.text,
// value null) so that nothing typed is lost; it blocks only the submission.
import { cellsOf, getTemplate, type TemplateId } from "@/lib/templates";
import type { Violation } from "@/lib/validation";


/** cellId → the text kept in that cell. */
export function cellTextsOf(cells: readonly { section: string; row: string; column: string; text: string | null }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cells) if (c.text) out[`${c.section}/${c.row}/${c.column}`] = c.text;
  return out;
}

/** One error per cell that still holds text: a submission names each. */
export function cellTextViolations(templateId: TemplateId, texts: Readonly<Record<string, string>>): Violation[] {
  return cellsOf(getTemplate(templateId))
    .filter((c) => texts[c.id] !== undefined)
    .map((c) => ({
      ruleId: "nonNegativeInteger" as const,
      severity: "error" as const,
      cells: [c.id],
      message: `${c.label}：「${texts[c.id]}」不是数字，请改为数字（没有发生的填 0）`,
    }));
}
