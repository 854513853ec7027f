import { findCell, getTemplate, NARRATIVE_KEYS, type TemplateId } from "@/lib/templates";

/**
 * The anchor contract shared with the editor: a cell id `section/row/column` of the report's
 * template, `narrative.overview|problems|other`, `contact`, or null for the whole report.
 */
export function isValidAnchor(templateId: TemplateId, anchor: string | null): boolean {
  if (anchor === null) return true;
  if (anchor === "contact") return true;
  if (anchor.startsWith("narrative.")) return (NARRATIVE_KEYS as readonly string[]).includes(anchor.slice("narrative.".length));
  return Boolean(findCell(getTemplate(templateId), anchor));
}
