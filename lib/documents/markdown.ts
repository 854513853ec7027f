/**
 * Narrative markdown → printable blocks (headings, paragraphs with bold/italic runs, list
 * items), for the Word and Excel writers. Parsed with remark (CommonMark) and the
 * CJK-friendly emphasis rules, as the public page renders it. Lists are printed with their
 * numbers as text ("1. …"), a tight list as one paragraph with line breaks, so that a
 * reader gets the same markdown back.
 */
import type { PhrasingContent, Root, RootContent } from "mdast";
import remarkCjkFriendly from "remark-cjk-friendly";
import remarkParse from "remark-parse";
import { unified } from "unified";

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** a line break before this run */
  breakBefore?: boolean;
}

export interface TextBlock {
  /** heading level 1–6, or 0 for a paragraph */
  heading: number;
  runs: TextRun[];
}

const parser = unified().use(remarkParse).use(remarkCjkFriendly);

function phrasing(nodes: readonly PhrasingContent[], style: { bold?: boolean; italic?: boolean }, out: TextRun[]) {
  for (const n of nodes) {
    switch (n.type) {
      case "text":
      case "inlineCode":
        pushText(out, n.value, style);
        break;
      case "strong":
        phrasing(n.children, { ...style, bold: true }, out);
        break;
      case "emphasis":
        phrasing(n.children, { ...style, italic: true }, out);
        break;
      case "break":
        out.push({ text: "", breakBefore: true });
        break;
      case "html":
        pushText(out, n.value, style);
        break;
      default:
        if ("children" in n) phrasing(n.children as PhrasingContent[], style, out);
        else if ("value" in n) pushText(out, String(n.value), style);
    }
  }
}

/** Soft line breaks inside a text become line breaks, so that the text survives as written. */
function pushText(out: TextRun[], value: string, style: { bold?: boolean; italic?: boolean }) {
  value.split("\n").forEach((line, i) => {
    const run: TextRun = { text: line, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) };
    if (i > 0) run.breakBefore = true;
    out.push(run);
  });
}

function blockRuns(node: RootContent): TextRun[] {
  const out: TextRun[] = [];
  if (node.type === "paragraph" || node.type === "heading") phrasing(node.children, {}, out);
  else if ("children" in node) for (const c of node.children as RootContent[]) out.push(...blockRuns(c));
  else if ("value" in node) pushText(out, String(node.value), {});
  return out;
}

function blocksOf(nodes: readonly RootContent[], out: TextBlock[]) {
  for (const node of nodes) {
    switch (node.type) {
      case "heading":
        out.push({ heading: node.depth, runs: blockRuns(node) });
        break;
      case "list": {
        const start = node.start ?? 1;
        const marker = (i: number) => (node.ordered ? `${start + i}. ` : "- ");
        if (node.spread || node.children.some((i) => i.spread)) {
          node.children.forEach((item, i) => out.push({ heading: 0, runs: [{ text: marker(i) }, ...blockRuns(item)] }));
        } else {
          // a tight list: one paragraph, one line per item
          const runs: TextRun[] = [];
          node.children.forEach((item, i) => runs.push({ text: marker(i), ...(i > 0 ? { breakBefore: true } : {}) }, ...blockRuns(item)));
          out.push({ heading: 0, runs });
        }
        break;
      }
      case "blockquote":
        blocksOf(node.children, out);
        break;
      case "thematicBreak":
        break;
      default:
        out.push({ heading: 0, runs: blockRuns(node) });
    }
  }
}

/** The printable blocks of a narrative text (empty text → no blocks). */
export function markdownBlocks(markdown: string): TextBlock[] {
  if (!markdown.trim()) return [];
  const tree = parser.parse(markdown) as Root;
  const out: TextBlock[] = [];
  blocksOf(tree.children, out);
  return out.filter((b) => b.runs.some((r) => r.text.trim() !== ""));
}

/** Markdown of runs, as a reader rebuilds it: bold as **…**, italic as *…*, breaks as new lines. */
export function runsToMarkdown(runs: readonly TextRun[]): string {
  // merge neighbouring runs of the same style first, so that **a****b** never appears
  const merged: TextRun[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && !r.breakBefore && !!last.bold === !!r.bold && !!last.italic === !!r.italic) last.text += r.text;
    else merged.push({ ...r });
  }
  let out = "";
  for (const r of merged) {
    if (r.breakBefore) out += "\n";
    if (!r.text) continue;
    // keep the emphasis markers tight against the text: move outer spaces outside
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text)!;
    const [, lead, body, trail] = m as unknown as [string, string, string, string];
    if (!body || (!r.bold && !r.italic)) {
      out += r.text;
      continue;
    }
    const mark = r.bold && r.italic ? "***" : r.bold ? "**" : "*";
    out += `${lead}${mark}${body}${mark}${trail}`;
  }
  return out;
}

/** The markdown of one block as a reader writes it. */
export function blockToMarkdown(block: TextBlock): string {
  // a heading is bold by its style: no ** inside it
  const text = runsToMarkdown(block.heading > 0 ? block.runs.map((r) => ({ ...r, bold: false })) : block.runs);
  return block.heading > 0 ? `${"#".repeat(block.heading)} ${text}` : text;
}
