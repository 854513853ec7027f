/**
 * Word (.docx) → paragraphs and tables: jszip opens the package, fast-xml-parser reads
 * word/document.xml in document order (preserveOrder). Headings come from the paragraph
 * styles (styles.xml names or outline levels), bold/italic from the runs, merged cells
 * from w:gridSpan (across) and w:vMerge (down), list numbers from w:numPr. The package and
 * every table are held to ../limits.ts.
 */
import { XMLParser } from "fast-xml-parser";
import { GridBudget, openOfficePackage } from "../limits";
import { PROPERTY_AGENCY_CODE, PROPERTY_REGION_CODE, PROPERTY_REGION_NAME } from "../names";
import type { TextRun } from "../markdown";
import { UnreadableFileError } from "./errors";
import type { Block, GridCell, ParagraphBlock, SourceDocument } from "./source";

export { UnreadableFileError };

type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

const tagOf = (n: XmlNode) => Object.keys(n).find((k) => k !== ":@") ?? "";
const childrenOf = (n: XmlNode): XmlNode[] => (n[tagOf(n)] as XmlNode[] | undefined) ?? [];
const attr = (n: XmlNode | undefined, name: string) => n?.[":@"]?.[name];
const child = (n: XmlNode | undefined, tag: string) => (n ? childrenOf(n).find((c) => tagOf(c) === tag) : undefined);
const textOf = (n: XmlNode): string =>
  childrenOf(n)
    .map((c) => (tagOf(c) === "#text" ? String(c["#text"]) : ""))
    .join("");

/** An on/off property (w:b, w:i): present and not switched off. */
function isOn(n: XmlNode | undefined) {
  if (!n) return false;
  const v = attr(n, "w:val");
  return v === undefined || !["0", "false", "off", "none"].includes(v);
}

interface Styles {
  headingLevel: Map<string, number>;
}

function readStyles(xml: string | undefined): Styles {
  const headingLevel = new Map<string, number>();
  if (!xml) return { headingLevel };
  const root = parser.parse(xml) as XmlNode[];
  const stylesNode = root.find((n) => tagOf(n) === "w:styles");
  const byId = new Map<string, { name: string; outline?: number; basedOn?: string }>();
  for (const s of stylesNode ? childrenOf(stylesNode) : []) {
    if (tagOf(s) !== "w:style" || attr(s, "w:type") !== "paragraph") continue;
    const id = attr(s, "w:styleId") ?? "";
    const name = attr(child(s, "w:name"), "w:val") ?? "";
    const outline = attr(child(child(s, "w:pPr"), "w:outlineLvl"), "w:val");
    byId.set(id, { name, outline: outline !== undefined ? Number(outline) : undefined, basedOn: attr(child(s, "w:basedOn"), "w:val") });
  }
  const level = (id: string, depth = 0): number => {
    const s = byId.get(id);
    if (!s || depth > 10) return 0;
    const m = /^heading\s*(\d)$/i.exec(s.name) ?? /^标题\s*(\d)$/.exec(s.name);
    if (m) return Number(m[1]);
    if (s.outline !== undefined && s.outline < 9) return s.outline + 1;
    return s.basedOn ? level(s.basedOn, depth + 1) : 0;
  };
  for (const id of byId.keys()) {
    const l = level(id);
    if (l > 0) headingLevel.set(id, Math.min(l, 6));
  }
  return { headingLevel };
}

/** The runs of a paragraph (also inside hyperlinks, insertions, smart tags; never deleted text). */
function runsOf(nodes: readonly XmlNode[], out: TextRun[]) {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === "w:r") {
      const rPr = child(n, "w:rPr");
      const style = { bold: isOn(child(rPr, "w:b")), italic: isOn(child(rPr, "w:i")) };
      let pendingBreak = false;
      for (const c of childrenOf(n)) {
        const t = tagOf(c);
        if (t === "w:t") {
          out.push({ text: textOf(c), ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}), ...(pendingBreak ? { breakBefore: true } : {}) });
          pendingBreak = false;
        } else if (t === "w:tab") out.push({ text: "\t" });
        else if (t === "w:br" || t === "w:cr") {
          if (pendingBreak) out.push({ text: "", breakBefore: true });
          pendingBreak = true;
        } else if (t === "w:noBreakHyphen") out.push({ text: "-" });
      }
      if (pendingBreak) out.push({ text: "", breakBefore: true });
    } else if (["w:hyperlink", "w:ins", "w:smartTag", "w:fldSimple", "w:customXml", "w:sdtContent"].includes(tag)) runsOf(childrenOf(n), out);
    else if (tag === "w:sdt") runsOf(childrenOf(child(n, "w:sdtContent") ?? ({} as XmlNode)), out);
  }
}

interface Ctx {
  styles: Styles;
  listCounters: Map<string, number>;
  tableCount: number;
  budget: GridBudget;
}

function paragraph(n: XmlNode, ctx: Ctx): ParagraphBlock {
  const pPr = child(n, "w:pPr");
  const styleId = attr(child(pPr, "w:pStyle"), "w:val");
  const outline = attr(child(pPr, "w:outlineLvl"), "w:val");
  let heading = styleId ? (ctx.styles.headingLevel.get(styleId) ?? 0) : 0;
  if (!heading && outline !== undefined && Number(outline) < 9) heading = Number(outline) + 1;
  const runs: TextRun[] = [];
  runsOf(childrenOf(n), runs);
  const numPr = child(pPr, "w:numPr");
  const numId = attr(child(numPr, "w:numId"), "w:val");
  if (numPr && numId && numId !== "0") {
    // a Word list: its number is not in the text; print it as "N. " as markdown would
    const key = `${numId}/${attr(child(numPr, "w:ilvl"), "w:val") ?? "0"}`;
    const next = (ctx.listCounters.get(key) ?? 0) + 1;
    ctx.listCounters.set(key, next);
    runs.unshift({ text: `${next}. ` });
  }
  return { kind: "paragraph", heading, runs };
}

function cellText(tc: XmlNode, ctx: Ctx): string {
  const parts: string[] = [];
  for (const c of childrenOf(tc)) {
    const tag = tagOf(c);
    if (tag === "w:p") parts.push(paragraph(c, ctx).runs.map((r) => `${r.breakBefore ? "\n" : ""}${r.text}`).join(""));
    else if (tag === "w:tbl") parts.push(...table(c, ctx).grid.flatMap((row) => [...new Set(row)].map((g) => g?.text ?? "")));
    else if (tag === "w:sdt") parts.push(cellText(child(c, "w:sdtContent") ?? ({} as XmlNode), ctx));
  }
  return parts.join("\n").trim();
}

function table(n: XmlNode, ctx: Ctx) {
  const grid: (GridCell | undefined)[][] = [];
  const rows = childrenOf(n).filter((c) => tagOf(c) === "w:tr");
  const guard = ctx.budget.table(`第 ${ctx.tableCount + 1} 个表格`);
  guard.rows(rows.length);
  rows.forEach((tr, r) => {
    const row: (GridCell | undefined)[] = (grid[r] = []);
    let c = guard.columnSpan(Math.max(0, Number(attr(child(child(tr, "w:trPr"), "w:gridBefore"), "w:val") ?? 0) || 0));
    const cells = childrenOf(tr).flatMap((x) => (tagOf(x) === "w:tc" ? [x] : tagOf(x) === "w:sdt" ? childrenOf(child(x, "w:sdtContent") ?? ({} as XmlNode)).filter((y) => tagOf(y) === "w:tc") : []));
    for (const tc of cells) {
      const tcPr = child(tc, "w:tcPr");
      const span = guard.columnSpan(Math.max(1, Number(attr(child(tcPr, "w:gridSpan"), "w:val") ?? 1) || 1));
      guard.width(c + span);
      guard.fill(span);
      const vMerge = child(tcPr, "w:vMerge");
      const hMerge = child(tcPr, "w:hMerge");
      const above = grid[r - 1]?.[c];
      let cell: GridCell;
      if (vMerge && attr(vMerge, "w:val") !== "restart" && above) {
        // continues the merged cell above: same cell, one more row
        cell = above;
        if (above.row + above.rowSpan - 1 < r) above.rowSpan = r - above.row + 1;
      } else if (hMerge && attr(hMerge, "w:val") !== "restart" && row[c - 1]) {
        cell = row[c - 1]!;
        cell.colSpan += span;
      } else {
        cell = { text: cellText(tc, ctx), row: r, col: c, rowSpan: 1, colSpan: span };
      }
      for (let k = 0; k < span; k++) row[c + k] = cell;
      c += span;
    }
  });
  ctx.tableCount++;
  return { kind: "table" as const, name: `第 ${ctx.tableCount} 个表格`, grid };
}

function body(nodes: readonly XmlNode[], ctx: Ctx, out: Block[]) {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === "w:p") out.push(paragraph(n, ctx));
    else if (tag === "w:tbl") out.push(table(n, ctx));
    else if (tag === "w:sdt") body(childrenOf(child(n, "w:sdtContent") ?? ({} as XmlNode)), ctx, out);
    else if (tag === "w:customXml" || tag === "w:ins") body(childrenOf(n), ctx, out);
  }
}

function customProperties(xml: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!xml) return out;
  const root = parser.parse(xml) as XmlNode[];
  const props = root.find((n) => tagOf(n) === "Properties");
  for (const p of props ? childrenOf(props) : []) {
    if (tagOf(p) !== "property") continue;
    const name = attr(p, "name");
    const value = childrenOf(p)[0];
    if (name && value) out[name] = textOf(value).trim();
  }
  return out;
}

/** Reads a .docx file's paragraphs and tables. Throws UnreadableFileError for a file that is not one. */
export async function readDocxSource(bytes: Uint8Array): Promise<SourceDocument> {
  const zip = openOfficePackage(bytes, "文件已损坏或不是 Word（.docx）文件：无法解压");
  const documentXml = zip.text("word/document.xml");
  if (!documentXml) throw new UnreadableFileError("不是 Word（.docx）文件：缺少 word/document.xml");
  let root: XmlNode[];
  try {
    root = parser.parse(documentXml) as XmlNode[];
  } catch {
    throw new UnreadableFileError("Word 文件的正文已损坏，无法读取");
  }
  const styles = readStyles(zip.text("word/styles.xml"));
  const ctx: Ctx = { styles, listCounters: new Map(), tableCount: 0, budget: new GridBudget() };
  const doc = root.find((n) => tagOf(n) === "w:document");
  const bodyNode = doc ? child(doc, "w:body") : undefined;
  if (!bodyNode) throw new UnreadableFileError("Word 文件中没有正文");
  const blocks: Block[] = [];
  body(childrenOf(bodyNode), ctx, blocks);
  const props = customProperties(zip.text("docProps/custom.xml"));
  return {
    blocks,
    properties: { agencyCode: props[PROPERTY_AGENCY_CODE], regionCode: props[PROPERTY_REGION_CODE], regionName: props[PROPERTY_REGION_NAME] },
  };
}
