// Text pasted from Word or WPS into a narrative field → markdown that keeps the document's
// shape: one paragraph per paragraph of the source (blank line between), bold kept, and the
// official numbering lines (`一、…`, `（一）…`) as subheadings. Without this a textarea takes
// the clipboard's plain text, whose single line breaks markdown joins into one paragraph.
// The HTML walk takes a parsed Document (DOMParser in the browser); the rest is plain text.

/** A paragraph of the source: its runs of text, bold or not. */
export interface PastedParagraph {
  runs: { text: string; bold: boolean }[];
  /** the source marked it as a heading (<h1>…<h6>) */
  heading?: boolean;
  /** a list item (<li>) */
  listItem?: boolean;
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/**
 * Line breaks inside HTML source text are spaces, except beside a CJK character: Word wraps
 * its HTML source anywhere in Chinese text ("政府信息\n236条"), where no space was typed.
 */
function joinSourceLines(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, (m, at: number, s: string) => {
    const before = s[at - 1] ?? "";
    const after = s[at + m.length] ?? "";
    return CJK.test(before) || CJK.test(after) ? "" : " ";
  });
}

/** `一、总体情况`, `（三）政府信息管理`, `(二)…`: the official numbering of a part or an item. */
const PART = /^[一二三四五六七八九十]{1,3}、/;
const ITEM = /^[（(][一二三四五六七八九十]{1,3}[)）]/;

/** A numbering line short enough to be a title, not a paragraph that merely begins with one. */
function headingLevel(text: string): 0 | 1 | 2 {
  const t = text.trim();
  const level = PART.test(t) ? 1 : ITEM.test(t) ? 2 : 0;
  if (!level) return 0;
  // a run-in title followed by its text ("（三）政府信息管理。严格落实……") stays a paragraph
  const body = t.replace(/[。．.：:；;]$/, "");
  if (body.length > 30 || /[。；;！？!?]/.test(body)) return 0;
  return level;
}

/** Characters that would start markdown syntax, escaped so the text reads as typed. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>~|])/g, "\\$1");
}
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)(#{1,6}\s|>|[-+]\s|=+\s*$)/, "$1\\$2");
}

function runsToMarkdown(runs: PastedParagraph["runs"], withBold: boolean): string {
  // merge neighbouring runs of the same weight, so that **a****b** never appears
  const merged: { text: string; bold: boolean }[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && last.bold === (withBold && r.bold)) last.text += r.text;
    else merged.push({ text: r.text, bold: withBold && r.bold });
  }
  let out = "";
  for (const r of merged) {
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text)!;
    const lead = m[1]!;
    const body = m[2]!;
    const trail = m[3]!;
    out += r.bold && body ? `${lead}**${escapeInline(body)}**${trail}` : escapeInline(r.text);
  }
  return escapeLineStart(out.replace(/\s+/g, " ").trim());
}

/** Paragraphs → markdown: blank lines between paragraphs, numbering lines as ### / #### headings. */
export function paragraphsToMarkdown(paragraphs: readonly PastedParagraph[]): string {
  const cleaned = paragraphs
    .map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r, text: r.text.replace(/\u00a0/g, " ") })) }))
    .map((p) => ({ ...p, plain: p.runs.map((r) => r.text).join("").replace(/^[\s\u3000]+|[\s\u3000]+$/g, "") }))
    .filter((p) => p.plain !== "");
  // 一、 heads a part and （一） an item under it; with no 一、 in the text, （一） is the top level
  const hasParts = cleaned.some((p) => headingLevel(p.plain) === 1);
  const blocks: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length) blocks.push(list.join("\n"));
    list = [];
  };
  for (const p of cleaned) {
    // leading full-width indentation ("　　") is layout, not text
    const runs = p.runs.map((r, i) => (i === 0 ? { ...r, text: r.text.replace(/^[\s\u3000]+/, "") } : r));
    const level = headingLevel(p.plain) || (p.heading ? 1 : 0);
    if (p.listItem && !level) {
      list.push(`- ${runsToMarkdown(runs, true)}`);
      continue;
    }
    flushList();
    if (level) blocks.push(`${level === 1 || !hasParts ? "###" : "####"} ${runsToMarkdown(runs, false)}`);
    else blocks.push(runsToMarkdown(runs, true));
  }
  flushList();
  return blocks.join("\n\n");
}

/** Plain text (a WPS or Notepad copy): each line is a paragraph. */
export function plainTextToMarkdown(text: string): string {
  return paragraphsToMarkdown(text.replace(/\r\n?/g, "\n").split("\n").map((line) => ({ runs: [{ text: line, bold: false }] })));
}

const BLOCK = new Set(["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TR", "BLOCKQUOTE", "TABLE", "UL", "OL", "SECTION", "ARTICLE", "BODY", "PRE"]);
const SKIP = new Set(["STYLE", "SCRIPT", "HEAD", "TITLE", "META", "LINK", "XML", "O:P"]);

function isBold(el: Element): boolean {
  if (el.nodeName === "B" || el.nodeName === "STRONG") return true;
  const style = el.getAttribute("style") ?? "";
  const weight = /font-weight\s*:\s*(bold|[6-9]00)/i.exec(style);
  return weight !== null;
}
function isNotBold(el: Element): boolean {
  return /font-weight\s*:\s*(normal|[1-4]00)/i.test(el.getAttribute("style") ?? "");
}

/** The paragraphs of an HTML clipboard (Word: <p class=MsoNormal>, WPS, a web page). */
export function htmlToParagraphs(doc: Document): PastedParagraph[] {
  const out: PastedParagraph[] = [];
  let current: PastedParagraph | null = null;
  const close = () => {
    if (current && current.runs.length) out.push(current);
    current = null;
  };
  const walk = (node: Node, bold: boolean) => {
    if (node.nodeType === 3) {
      const text = joinSourceLines(node.nodeValue ?? "");
      if (!text) return;
      current ??= { runs: [] };
      current.runs.push({ text, bold });
      return;
    }
    if (node.nodeType !== 1) return; // comments (Word's <!--[if !supportLists]-->) and the rest
    const el = node as Element;
    const name = el.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    // Word's list numbers and bullets are spans with mso-list:Ignore: the list item says it
    if (/mso-list\s*:\s*ignore/i.test(el.getAttribute("style") ?? "")) return;
    if (name === "BR") {
      close();
      return;
    }
    const weight = isBold(el) ? true : isNotBold(el) ? false : bold;
    if (BLOCK.has(name)) {
      close();
      if (/^H[1-6]$/.test(name)) current = { runs: [], heading: true };
      else if (name === "LI" || /MsoListParagraph/i.test(el.getAttribute("class") ?? "")) current = { runs: [], listItem: true };
      for (const child of el.childNodes) walk(child, weight);
      close();
      return;
    }
    if (name === "TD" || name === "TH") {
      // a table's cells in a row: one paragraph, cells apart
      for (const child of el.childNodes) walk(child, weight);
      if (current) current.runs.push({ text: " ", bold: false });
      return;
    }
    for (const child of el.childNodes) walk(child, weight);
  };
  walk(doc.body ?? doc.documentElement, false);
  close();
  return out;
}

/** The markdown for a paste, or null to let the textarea take the paste as it is (one line of plain text). */
export function clipboardToMarkdown(data: { html: string; text: string }, parseHtml: (html: string) => Document): string | null {
  if (data.html.trim()) {
    const paragraphs = htmlToParagraphs(parseHtml(data.html));
    if (paragraphs.length) return paragraphsToMarkdown(paragraphs);
  }
  if (!/\r|\n/.test(data.text.trim())) return null;
  return plainTextToMarkdown(data.text);
}

/** Puts `insert` in place of the selection [start, end) of `value`, as its own blocks (blank lines around). */
/** Returns the text that replaces the selection and where the caret goes after it. */
export function insertBlocks(value: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const trail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  return { text: lead + insert + trail, caret: start + lead.length + insert.length };
}
