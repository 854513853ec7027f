/**
 * CSV of a published report: long form, one line per figure (every cell of the
 * template's three tables, in official order), UTF-8 with a byte-order mark so that Excel
 * opens it with the Chinese intact, CRLF line ends (RFC 4180). Keys for machines
 * (section, row, column: the exchange format's) and the verbatim labels for people.
 * Long form rather than the three printed tables: one shape for every template, and the
 * same columns as the region's bulk open data, so files can be concatenated and summed.
 */
import type { ReportDocument } from "@/lib/exchange";
import { cellsOf, getTemplate, type CellKind } from "@/lib/templates";
import { formatFigure } from "./figures";

export const CSV_BOM = "\uFEFF";

export const CSV_HEADER = ["单位代码", "单位名称", "年度", "模板", "部分", "行", "列", "部分名称", "行名称", "列名称", "计量单位", "数值"] as const;

/** One CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}

/** The figures of one report as CSV lines (without header), for this file and bulk files. */
export function figureLines(doc: ReportDocument): string[] {
  const template = getTemplate(doc.template);
  return cellsOf(template).map((cell) =>
    csvLine([
      doc.agency.code,
      doc.agency.name,
      doc.year,
      doc.template,
      cell.section,
      cell.row,
      cell.column,
      template.sections[cell.section].title,
      cell.rowLabel,
      cell.columnLabel,
      cell.unit,
      formatFigure(doc[cell.section][cell.row]?.[cell.column], cell.kind as CellKind),
    ]),
  );
}

/** The .csv file of a report (a published exchange document). */
export function writeCsv(doc: ReportDocument): Buffer {
  return Buffer.from(CSV_BOM + [csvLine(CSV_HEADER), ...figureLines(doc)].join("\r\n") + "\r\n", "utf8");
}
