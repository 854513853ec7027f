// How people read a cell id (`section/row/column`) or a comment anchor: by the template's
// own names, as the form's accessible names do ("（一）予以公开 商业企业").
import { getTemplate, partName, type TemplateId } from "@/lib/templates";

/** "（一）予以公开 商业企业" for a cell id; the field's name for a narrative/contact key; the id itself otherwise. */
export function cellName(templateId: TemplateId, id: string): string {
  return partName(getTemplate(templateId), id) ?? id;
}

/** A comment's anchor as shown next to it: null is the whole report. */
export function anchorName(templateId: TemplateId, anchor: string | null): string {
  return anchor ? cellName(templateId, anchor) : "整份报告";
}
