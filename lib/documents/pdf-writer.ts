/**
 * PDF of a published report in the official layout on A4, with pdfkit: title, preamble with
 * the citation and contact, the six parts in the template's order (narrative as headings and
 * paragraphs with bold runs; the three tables from lib/templates/layout.ts with merged header
 * cells, verbatim row labels and borders), signature and 成文日期, page numbers. The text is
 * real text in embedded subsets of Noto CJK (./pdf-fonts.ts): selectable and searchable.
 *
 * Tables are drawn here rather than with pdfkit's own table: a row that does not fit goes to
 * the next page with the header rows repeated, and a label spanning rows across the break is
 * printed again in each part.
 */
import PDFDocument from "pdfkit";
import type { ReportDocument } from "@/lib/exchange";
import { getTemplate, reportTitle, tableLayout, type LayoutCell, type OutlineKey, type TableLayout } from "@/lib/templates";
import { formatFigure } from "./figures";
import { markdownBlocks, type TextBlock } from "./markdown";
import { PROPERTY_AGENCY_CODE, PROPERTY_REGION_CODE, PROPERTY_REGION_NAME, formatChineseDate, preambleText } from "./names";
import { loadPdfFonts, type PdfFace } from "./pdf-fonts";

/** What the public page shows beside the report itself, printed after the signature. */
export interface PdfNotes {
  /** 数据质量说明 of a report imported as published elsewhere */
  qualityNotes?: readonly { message: string }[];
  /** this version's number and 更正说明 (a correction) */
  versionNo?: number;
  changeNote?: string | null;
  /** when this version was published: the file's creation date (same bytes for the same version) */
  publishedAt?: Date;
  /** an earlier version, since corrected */
  supersededBy?: number;
}

// A4 in points, margins as in the Word file (2.54 cm top/bottom, 2.8 cm left, 2.6 cm right)
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 72, left: 79.4, right: 73.7 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const SIZE = { title: 19, part: 15, body: 12, table: 9, footer: 9 };
const BODY_LINE_GAP = 5;
const CELL_PAD = { x: 2, y: 3 };
const CELL_LINE_GAP = 1;
const HEADER_FILL = "#f2f2f2";

type Doc = PDFKit.PDFDocument;

function face(pdf: Doc, f: PdfFace, size: number) {
  return pdf.font(f).fontSize(size);
}

/** Space left on this page below the cursor. */
const spaceLeft = (pdf: Doc) => PAGE.height - MARGIN.bottom - pdf.y;

function ensureSpace(pdf: Doc, height: number) {
  if (height > spaceLeft(pdf) && pdf.y > MARGIN.top + 1) pdf.addPage();
}

// ─── narrative ─────────────────────────────────────────────────────────────────────────────

function paragraph(pdf: Doc, block: TextBlock) {
  const heading = block.heading > 0;
  // one text chain per line: pdfkit misplaces a "\n" inside a chain of `continued` runs
  const lines: { text: string; bold: boolean }[][] = [[]];
  for (const r of block.runs) {
    if (r.breakBefore) lines.push([]);
    if (r.text) lines.at(-1)!.push({ text: r.text, bold: heading || !!r.bold });
  }
  const options = { width: CONTENT_WIDTH, lineGap: BODY_LINE_GAP, align: "left" as const };
  // a subheading stays with the first lines of what follows it
  ensureSpace(pdf, (SIZE.body + BODY_LINE_GAP) * (heading ? 3 : 1.2));
  lines.forEach((runs, l) => {
    pdf.x = MARGIN.left;
    if (runs.length === 0) {
      face(pdf, "serif", SIZE.body).moveDown(1);
      return;
    }
    runs.forEach((run, i) => {
      face(pdf, run.bold ? "serifBold" : "serif", SIZE.body);
      const continued = i < runs.length - 1;
      // the paragraph's first line indented by two characters, as the official documents print it
      pdf.text(run.text, i === 0 ? { ...options, indent: l === 0 ? SIZE.body * 2 : 0, continued } : { ...options, continued });
    });
  });
  pdf.moveDown(0.4);
}

function plainParagraph(pdf: Doc, text: string, opts: { indent?: boolean; align?: "left" | "right" | "center"; face?: PdfFace; size?: number } = {}) {
  face(pdf, opts.face ?? "serif", opts.size ?? SIZE.body);
  pdf.x = MARGIN.left;
  pdf.text(text, { width: CONTENT_WIDTH, lineGap: BODY_LINE_GAP, align: opts.align ?? "left", indent: opts.indent ? (opts.size ?? SIZE.body) * 2 : 0 });
  pdf.moveDown(0.4);
}

function partHeading(pdf: Doc, title: string, keepWith: number) {
  ensureSpace(pdf, SIZE.part * 2.2 + keepWith);
  pdf.moveDown(0.5);
  face(pdf, "sans", SIZE.part);
  pdf.x = MARGIN.left;
  pdf.text(title, { width: CONTENT_WIDTH, lineGap: 2 });
  pdf.moveDown(0.4);
}

// ─── tables ────────────────────────────────────────────────────────────────────────────────

interface Placed {
  cell: LayoutCell;
  text: string;
  row: number;
  col: number;
}

/** Every layout cell at its grid position (rows may start after cells spanning from above). */
function place(layout: TableLayout, doc: ReportDocument): Placed[] {
  const occupied = new Set<string>();
  const out: Placed[] = [];
  layout.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (occupied.has(`${r}/${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) occupied.add(`${r + dr}/${c + dc}`);
      const text = cell.type === "value" && cell.cell ? formatFigure(doc[cell.cell.section][cell.cell.row]?.[cell.cell.column], cell.cell.kind) : cell.text;
      out.push({ cell, text, row: r, col: c });
      c += cell.colSpan;
    }
  });
  return out;
}

/**
 * Column widths: the label columns (before the first figure of a body row) take a share of the
 * width by how many there are, the figure columns share the rest equally. With several label
 * levels the outermost (三、本年度办理结果, spanning many rows) is the narrowest.
 */
function columnWidths(layout: TableLayout, placed: readonly Placed[]): number[] {
  const firstValue = Math.min(...placed.filter((p) => p.cell.type === "value").map((p) => p.col));
  const labels = Number.isFinite(firstValue) ? firstValue : 0;
  const values = layout.columnCount - labels;
  const labelWidth = labels === 0 ? 0 : CONTENT_WIDTH * (labels === 1 ? 0.3 : 0.48);
  const valueWidth = (CONTENT_WIDTH - labelWidth) / values;
  const labelWeights = labels <= 1 ? [1] : labels === 3 ? [0.15, 0.36, 0.49] : [0.2, ...Array.from({ length: labels - 1 }, () => 0.8 / (labels - 1))];
  return Array.from({ length: layout.columnCount }, (_, c) => (c < labels ? labelWidth * labelWeights[c]! : valueWidth));
}

const isHeaderCell = (cell: LayoutCell) => cell.type === "header" || cell.type === "heading" || cell.type === "note";

function cellFace(cell: LayoutCell): PdfFace {
  return cell.type === "header" || cell.type === "heading" ? "serifBold" : "serif";
}

function cellAlign(cell: LayoutCell): "left" | "center" {
  return cell.type === "label" || cell.type === "note" ? "left" : "center";
}

function textHeight(pdf: Doc, p: Placed, width: number): number {
  if (!p.text) return 0;
  face(pdf, cellFace(p.cell), SIZE.table);
  return pdf.heightOfString(p.text, { width: width - 2 * CELL_PAD.x, lineGap: CELL_LINE_GAP, align: cellAlign(p.cell) });
}

/** Row heights: each row as tall as its tallest single-row cell; a spanning cell that needs more grows its last row. */
function rowHeights(pdf: Doc, layout: TableLayout, placed: readonly Placed[], widths: readonly number[]): number[] {
  const minimum = SIZE.table + CELL_LINE_GAP + 2 * CELL_PAD.y + 4;
  const heights = layout.rows.map(() => minimum);
  const spanWidth = (p: Placed) => widths.slice(p.col, p.col + p.cell.colSpan).reduce((a, b) => a + b, 0);
  for (const p of placed) {
    if (p.cell.rowSpan !== 1) continue;
    heights[p.row] = Math.max(heights[p.row]!, textHeight(pdf, p, spanWidth(p)) + 2 * CELL_PAD.y);
  }
  for (const p of placed) {
    if (p.cell.rowSpan === 1) continue;
    const need = textHeight(pdf, p, spanWidth(p)) + 2 * CELL_PAD.y;
    const last = p.row + p.cell.rowSpan - 1;
    const have = heights.slice(p.row, last + 1).reduce((a, b) => a + b, 0);
    if (need > have) heights[last] = heights[last]! + (need - have);
  }
  return heights;
}

/** Draws the part of each cell that lies in rows [from, to) with its top-left corner at (x0, y0). */
function drawRows(pdf: Doc, placed: readonly Placed[], widths: readonly number[], heights: readonly number[], from: number, to: number, y0: number) {
  const colX = widths.reduce<number[]>((xs, w, i) => [...xs, xs[i]! + w], [MARGIN.left]);
  const rowY = heights.slice(from, to).reduce<number[]>((ys, h, i) => [...ys, ys[i]! + h], [y0]);
  for (const p of placed) {
    const first = Math.max(p.row, from);
    const last = Math.min(p.row + p.cell.rowSpan, to);
    if (first >= last) continue;
    const x = colX[p.col]!;
    const w = colX[p.col + p.cell.colSpan]! - x;
    const y = rowY[first - from]!;
    const h = rowY[last - from]! - y;
    if (isHeaderCell(p.cell)) pdf.rect(x, y, w, h).fill(HEADER_FILL);
    pdf.lineWidth(0.5).strokeColor("#000000").rect(x, y, w, h).stroke();
    if (!p.text) continue;
    face(pdf, cellFace(p.cell), SIZE.table).fillColor("#000000");
    const options = { width: w - 2 * CELL_PAD.x, lineGap: CELL_LINE_GAP, align: cellAlign(p.cell), lineBreak: true };
    const th = pdf.heightOfString(p.text, options);
    pdf.text(p.text, x + CELL_PAD.x, y + Math.max(CELL_PAD.y, (h - th) / 2), options);
  }
}

/**
 * One table: header rows (the layout's head) repeated on every page it runs over; a row
 * that is only headings (二's 第二十条第（一）项 and its column headers) is kept with the row
 * after it.
 */
function drawTable(pdf: Doc, layout: TableLayout, doc: ReportDocument) {
  const placed = place(layout, doc);
  const widths = columnWidths(layout, placed);
  const heights = rowHeights(pdf, layout, placed, widths);
  const head = layout.headRowCount;
  const headHeight = heights.slice(0, head).reduce((a, b) => a + b, 0);
  const headingOnly = layout.rows.map((row) => row.every(isHeaderCell));
  const bottom = PAGE.height - MARGIN.bottom;

  const n = layout.rows.length;
  const sum = (from: number, to: number) => heights.slice(from, to).reduce((a, b) => a + b, 0);
  /** end (exclusive) of the rows that go together from r: headings with the first row they introduce */
  const groupEnd = (r: number) => {
    let end = r;
    while (end < n - 1 && headingOnly[end]) end++;
    return end + 1;
  };

  ensureSpace(pdf, headHeight + sum(head, groupEnd(head)));
  let y = pdf.y;
  const drawHead = () => {
    if (head === 0) return;
    drawRows(pdf, placed, widths, heights, 0, head, y);
    y += headHeight;
  };
  drawHead();
  // the rows of this page are drawn together, so that a label spanning them is printed once
  let segmentStart = head;
  let segmentY = y;
  for (let r = head; r < n; ) {
    const end = groupEnd(r);
    if (y + sum(r, end) > bottom && r > segmentStart) {
      drawRows(pdf, placed, widths, heights, segmentStart, r, segmentY);
      pdf.addPage();
      y = MARGIN.top;
      drawHead();
      segmentStart = r;
      segmentY = y;
    }
    y += sum(r, end);
    r = end;
  }
  drawRows(pdf, placed, widths, heights, segmentStart, n, segmentY);
  pdf.x = MARGIN.left;
  pdf.y = y;
  pdf.moveDown(0.6);
}

// ─── the document ──────────────────────────────────────────────────────────────────────────

function pageNumbers(pdf: Doc) {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // writing inside the bottom margin must not start another page
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    face(pdf, "serif", SIZE.footer).fillColor("#000000");
    pdf.text(`— ${i + 1 - range.start} —`, MARGIN.left, PAGE.height - MARGIN.bottom / 2 - SIZE.footer / 2, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}

function notesSection(pdf: Doc, doc: ReportDocument, notes: PdfNotes) {
  const quality = notes.qualityNotes ?? [];
  const correction = notes.versionNo && notes.versionNo > 1 && notes.changeNote;
  if (!quality.length && !correction && !notes.supersededBy) return;
  pdf.moveDown(1);
  ensureSpace(pdf, SIZE.body * 4);
  const small = SIZE.body - 1.5;
  if (notes.supersededBy) {
    plainParagraph(pdf, `此为已被更正取代的旧版本（第 ${notes.versionNo} 版）；现行版本为第 ${notes.supersededBy} 版。`, { face: "serifBold", size: small });
  }
  if (correction) {
    const date = notes.publishedAt ? `，${notes.publishedAt.getUTCFullYear()}年${notes.publishedAt.getUTCMonth() + 1}月${notes.publishedAt.getUTCDate()}日发布` : "";
    plainParagraph(pdf, `更正说明（第 ${notes.versionNo} 版${date}）`, { face: "serifBold", size: small });
    plainParagraph(pdf, notes.changeNote!, { size: small, indent: true });
  }
  if (quality.length) {
    plainParagraph(pdf, "数据质量说明", { face: "serifBold", size: small });
    plainParagraph(pdf, "本报告在纳入本系统之前已由发布机关公开发布，以下数据按原报告照录，未作改动。经系统核对，原报告存在以下情况：", { size: small, indent: true });
    quality.forEach((n, i) => plainParagraph(pdf, `${i + 1}. ${n.message}`, { size: small }));
  }
  void doc;
}

/** The PDF file of a report (a published exchange document); throws PdfFontsMissingError without the fonts. */
export async function writePdf(doc: ReportDocument, notes: PdfNotes = {}): Promise<Buffer> {
  const fonts = loadPdfFonts();
  const template = getTemplate(doc.template);
  const title = reportTitle(doc.agency.name, doc.year);
  // the same bytes for the same version: dates from the version, not the clock
  const created = notes.publishedAt ?? new Date(`${doc.issuedOn ?? `${doc.year + 1}-01-01`}T00:00:00Z`);
  const pdf = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: title,
      Author: doc.agency.name,
      Subject: `${title}（${template.documentName}格式）`,
      Keywords: `${PROPERTY_AGENCY_CODE}=${doc.agency.code};${PROPERTY_REGION_CODE}=${doc.agency.region.code};${PROPERTY_REGION_NAME}=${doc.agency.region.name}`,
      Creator: "政府信息公开工作年度报告系统",
      CreationDate: created,
      ModDate: created,
    },
  });
  for (const [name, src] of Object.entries(fonts)) pdf.registerFont(name, src as Buffer);
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  face(pdf, "serifBold", SIZE.title);
  pdf.text(title, MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH, align: "center", lineGap: 4 });
  pdf.moveDown(0.8);
  plainParagraph(pdf, preambleText(doc.agency.name, doc.year, template.documentName, doc.contact), { indent: true });

  const part = (key: OutlineKey) => {
    if (key === "overview" || key === "problems" || key === "other") {
      partHeading(pdf, template.narrative[key].title, (SIZE.body + BODY_LINE_GAP) * 2);
      const blocks = markdownBlocks(doc.narrative[key] ?? "");
      // the page prints 无 for a part left empty
      if (blocks.length === 0) plainParagraph(pdf, "无", { indent: true });
      for (const block of blocks) paragraph(pdf, block);
    } else {
      // the heading stays with the table's header and first rows
      partHeading(pdf, template.sections[key].title, 150);
      drawTable(pdf, tableLayout(template, key), doc);
    }
  };
  template.outline.forEach(part);

  pdf.moveDown(1.5);
  ensureSpace(pdf, (SIZE.body + BODY_LINE_GAP) * 2);
  plainParagraph(pdf, doc.agency.name, { align: "right" });
  const date = formatChineseDate(doc.issuedOn);
  if (date) plainParagraph(pdf, date, { align: "right" });

  notesSection(pdf, doc, notes);
  pageNumbers(pdf);
  pdf.end();
  return done;
}
