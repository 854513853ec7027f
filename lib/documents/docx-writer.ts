/**
 * Word (.docx) of a published report in the official layout: title, preamble with the
 * contact, the six parts in the template's order (narrative as headings and paragraphs,
 * tables with merged header cells and verbatim row labels from lib/templates/layout.ts),
 * signature and 成文日期. Built with the `docx` library.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from "docx";
import type { ReportDocument } from "@/lib/exchange";
import { getTemplate, reportTitle, tableLayout, type LayoutCell, type OutlineKey, type ReportTemplate, type SectionKey } from "@/lib/templates";
import { formatFigure } from "./figures";
import { markdownBlocks, type TextBlock } from "./markdown";
import { PROPERTY_AGENCY_CODE, PROPERTY_REGION_CODE, PROPERTY_REGION_NAME, formatChineseDate, preambleText } from "./names";

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋_GB2312" };
const HEADING_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };
const TITLE_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "方正小标宋简体" };
const HEADING_LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: border, bottom: border, left: border, right: border };

function narrativeParagraph(block: TextBlock): Paragraph {
  const children: ParagraphChild[] = block.runs.map(
    (r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, break: r.breakBefore ? 1 : undefined }),
  );
  // a narrative subheading is printed one level under the part titles (Heading 2)
  if (block.heading > 0) return new Paragraph({ heading: HEADING_LEVELS[Math.min(block.heading, 6) - 1], children });
  return new Paragraph({ children, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED });
}

function cellParagraph(text: string, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 260 },
    children: [new TextRun({ text, bold: opts.bold, size: 20 })],
  });
}

function layoutCell(cell: LayoutCell, doc: ReportDocument): TableCell {
  const text = cell.type === "value" && cell.cell ? formatFigure(doc[cell.cell.section][cell.cell.row]?.[cell.cell.column], cell.cell.kind) : cell.text;
  const isHeader = cell.type === "header" || cell.type === "heading" || cell.type === "note";
  return new TableCell({
    children: [cellParagraph(text, { bold: cell.type === "heading" || cell.type === "header", align: cell.type === "label" ? AlignmentType.LEFT : AlignmentType.CENTER })],
    rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
    columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
    verticalAlign: VerticalAlign.CENTER,
    borders,
    shading: isHeader ? { fill: "F2F2F2" } : undefined,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
  });
}

function officialTable(template: ReportTemplate, section: SectionKey, doc: ReportDocument): Table {
  const layout = tableLayout(template, section);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: layout.rows.map(
      (row, i) => new TableRow({ children: row.map((c) => layoutCell(c, doc)), tableHeader: i < layout.headRowCount, cantSplit: true }),
    ),
  });
}

function partHeading(title: string) {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(title)] });
}

/** The .docx file of a report (a published exchange document). */
export async function writeDocx(doc: ReportDocument): Promise<Buffer> {
  const template = getTemplate(doc.template);
  const title = reportTitle(doc.agency.name, doc.year);
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(title)] }),
    new Paragraph({
      indent: { firstLine: 640 },
      alignment: AlignmentType.JUSTIFIED,
      children: [new TextRun(preambleText(doc.agency.name, doc.year, template, doc.contact))],
    }),
  ];
  const part = (key: OutlineKey) => {
    if (key === "overview" || key === "problems" || key === "other") {
      body.push(partHeading(template.narrative[key].title));
      body.push(...markdownBlocks(doc.narrative[key] ?? "").map(narrativeParagraph));
    } else {
      body.push(partHeading(template.sections[key].title));
      body.push(officialTable(template, key, doc));
      body.push(new Paragraph({ children: [] }));
    }
  };
  template.outline.forEach(part);
  body.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [new TextRun(doc.agency.name)] }));
  const date = formatChineseDate(doc.issuedOn);
  if (date) body.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(date)] }));

  const document = new Document({
    creator: doc.agency.name,
    title,
    description: `${title}（${template.documentName}格式）`,
    customProperties: [
      { name: PROPERTY_AGENCY_CODE, value: doc.agency.code },
      { name: PROPERTY_REGION_CODE, value: doc.agency.region.code },
      { name: PROPERTY_REGION_NAME, value: doc.agency.region.name },
    ],
    styles: {
      default: {
        document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { line: 480 } } },
        title: { run: { font: TITLE_FONT, size: 40, bold: false, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } } },
        heading1: { run: { font: HEADING_FONT, size: 32, color: "000000" } },
        heading2: { run: { font: HEADING_FONT, size: 32, color: "000000", bold: false }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: { ...FONT, eastAsia: "楷体_GB2312" }, size: 28, color: "000000", bold: true }, paragraph: { indent: { firstLine: 640 } } },
        heading4: { run: { font: FONT, size: 28, color: "000000", bold: true } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.PORTRAIT, width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
