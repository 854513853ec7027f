// How people read a cell id (`section/row/column`) or a comment anchor: by the template's
// own row and column labels, as the form's accessible names do ("（一）予以公开 商业企业").
import { findColumn, findRow, getTemplate, parseCellId, type TemplateId } from "@/lib/templates";

const FIELD_NAMES: Record<string, string> = {
  "narrative.overview": "一、总体情况",
  "narrative.problems": "五、存在的主要问题及改进情况",
  "narrative.other": "六、其他需要报告的事项",
  contact: "联系方式",
  "contact.address": "地址",
  "contact.phone": "电话",
  "contact.email": "电子邮箱",
  issuedOn: "成文日期",
  narrative: "正文（一、五、六）",
};

/** "（一）予以公开 商业企业" for a cell id; the field's name for a narrative/contact key; the id itself otherwise. */
export function cellName(templateId: TemplateId, id: string): string {
  if (FIELD_NAMES[id]) return FIELD_NAMES[id]!;
  const parsed = parseCellId(id);
  if (!parsed) return id;
  const t = getTemplate(templateId);
  const row = findRow(t, parsed.section, parsed.row);
  const col = findColumn(t, parsed.section, parsed.row, parsed.column);
  if (!row || !col) return id;
  return `${row.label} ${col.label}`;
}

/** A comment's anchor as shown next to it: null is the whole report. */
export function anchorName(templateId: TemplateId, anchor: string | null): string {
  return anchor ? cellName(templateId, anchor) : "整份报告";
}
