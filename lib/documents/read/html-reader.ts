/**
 * A saved web page (.html) → paragraphs and tables, with cheerio (parse5). Headings are
 * h1–h6, paragraphs p / li / text-bearing blocks, bold strong/b, tables expanded with
 * their colspan/rowspan (held to ../limits.ts). Navigation, scripts and styles are skipped. The page of this
 * system (components/reports/ReportDocumentView.tsx) carries the agency's codes in
 * data attributes; other pages need --agency/--region.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { TextRun } from "../markdown";
import { GridBudget } from "../limits";
import { expandSpans, type Block, type SourceDocument, type SpannedCell } from "./source";

const SKIP = new Set(["script", "style", "noscript", "template", "nav", "head", "button", "form", "select", "svg", "iframe", "object"]);
const BLOCK = new Set(["p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "ul", "ol", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figure", "figcaption", "dl", "dt", "dd", "address", "center", "body", "html", "caption"]);

/** Whitespace as a browser shows it: runs collapse to one space; a line break between CJK characters disappears. */
function collapse(text: string): string {
  return text
    .replace(/([\u3000-\u9fff\uff00-\uffef])[ \t\r\n]*\n[ \t\r\n]*(?=[\u3000-\u9fff\uff00-\uffef])/gu, "$1")
    .replace(/[ \t\r\n\f]+/g, " ");
}

function inlineRuns($: cheerio.CheerioAPI, nodes: readonly AnyNode[], style: { bold?: boolean; italic?: boolean }, out: TextRun[]) {
  for (const node of nodes) {
    if (node.type === "text") {
      const text = collapse((node as unknown as { data: string }).data);
      if (text) out.push({ text, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) });
    } else if (node.type === "tag") {
      const el = node as Element;
      const tag = el.tagName.toLowerCase();
      if (SKIP.has(tag)) continue;
      if (tag === "br") out.push({ text: "", breakBefore: true });
      else if (tag === "strong" || tag === "b") inlineRuns($, el.children, { ...style, bold: true }, out);
      else if (tag === "em" || tag === "i") inlineRuns($, el.children, { ...style, italic: true }, out);
      else inlineRuns($, el.children, style, out);
    }
  }
}

function trimRuns(runs: TextRun[]): TextRun[] {
  const out = runs.filter((r) => r.text !== "" || r.breakBefore);
  // no space around a line break or at the ends
  out.forEach((r, i) => {
    if (r.breakBefore || i === 0) r.text = r.text.replace(/^ +/, "");
    if (out[i + 1]?.breakBefore || i === out.length - 1) r.text = r.text.replace(/ +$/, "");
  });
  while (out.length && !out[0]!.text && out[0]!.breakBefore) out.shift();
  if (out[0]) delete out[0].breakBefore;
  return out;
}

function cellText($: cheerio.CheerioAPI, el: Element): string {
  const runs: TextRun[] = [];
  inlineRuns($, el.children, {}, runs);
  return trimRuns(runs)
    .map((r) => `${r.breakBefore ? "\n" : ""}${r.text}`)
    .join("")
    .trim();
}

function tableBlock($: cheerio.CheerioAPI, table: Element, name: string, budget: GridBudget): Block {
  const guard = budget.table(name);
  // rows of this table only (not of a table nested in a cell); sizes checked before any text is read
  const tagName = (n: AnyNode) => (n.type === "tag" ? (n as Element).tagName.toLowerCase() : "");
  const trs = table.children.flatMap((n): Element[] =>
    tagName(n) === "tr" ? [n as Element] : ["thead", "tbody", "tfoot"].includes(tagName(n)) ? ((n as Element).children.filter((m) => tagName(m) === "tr") as Element[]) : [],
  );
  guard.rows(trs.length);
  const rows: SpannedCell[][] = trs.map((tr) => {
    const cells = $(tr).children("td, th").toArray();
    guard.width(cells.length);
    return cells.map((cell) => {
      const colSpan = guard.columnSpan(Math.trunc(Number($(cell).attr("colspan") ?? 1)) || 1);
      return { text: cellText($, cell), colSpan, rowSpan: Math.trunc(Number($(cell).attr("rowspan") ?? 1)) || 1 };
    });
  });
  return { kind: "table", name, grid: expandSpans(rows, guard) };
}

function walk($: cheerio.CheerioAPI, nodes: readonly AnyNode[], out: Block[], ctx: { tables: number; budget: GridBudget }) {
  let inline: AnyNode[] = [];
  const flushInline = () => {
    const runs: TextRun[] = [];
    inlineRuns($, inline, {}, runs);
    const trimmed = trimRuns(runs);
    if (trimmed.some((r) => r.text.trim())) out.push({ kind: "paragraph", heading: 0, runs: trimmed });
    inline = [];
  };
  for (const node of nodes) {
    if (node.type !== "tag") {
      if (node.type === "text") inline.push(node);
      continue;
    }
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag)) continue;
    if (!BLOCK.has(tag)) {
      inline.push(node);
      continue;
    }
    flushInline();
    if (tag === "table") {
      ctx.tables++;
      out.push(tableBlock($, el, `第 ${ctx.tables} 个表格`, ctx.budget));
    } else if (/^h[1-6]$/.test(tag)) {
      const runs: TextRun[] = [];
      inlineRuns($, el.children, {}, runs);
      out.push({ kind: "paragraph", heading: Number(tag[1]), runs: trimRuns(runs).map((r) => ({ ...r, bold: undefined })) });
    } else if (tag === "ol" || tag === "ul") {
      const items = $(el).children("li").toArray();
      const start = Number($(el).attr("start") ?? 1) || 1;
      const loose = items.some((li) => $(li).children("p").length > 0);
      const itemRuns = items.map((li, i) => {
        const sub: Block[] = [];
        walk($, li.children, sub, ctx);
        const runs: TextRun[] = [{ text: tag === "ol" ? `${start + i}. ` : "- " }];
        sub.forEach((b, k) => {
          if (b.kind !== "paragraph") return;
          b.runs.forEach((r, j) => runs.push(j === 0 && k > 0 ? { ...r, breakBefore: true } : r));
        });
        return runs;
      });
      if (loose) itemRuns.forEach((runs) => out.push({ kind: "paragraph", heading: 0, runs }));
      else if (itemRuns.length) out.push({ kind: "paragraph", heading: 0, runs: itemRuns.flatMap((runs, i) => (i > 0 ? [{ ...runs[0]!, breakBefore: true }, ...runs.slice(1)] : runs)) });
    } else {
      walk($, el.children, out, ctx);
    }
  }
  flushInline();
}

/** Reads a saved web page's paragraphs and tables. */
export function readHtmlSource(html: string): SourceDocument {
  const $ = cheerio.load(html);
  const blocks: Block[] = [];
  const root = $("body").get(0) ?? $.root().get(0)!;
  walk($, (root as Element).children, blocks, { tables: 0, budget: new GridBudget() });
  const tagged = $("[data-agency-code]").first();
  return {
    blocks,
    properties: {
      agencyCode: tagged.attr("data-agency-code") || undefined,
      regionCode: tagged.attr("data-region-code") || undefined,
      regionName: tagged.attr("data-region-name") || undefined,
    },
  };
}
