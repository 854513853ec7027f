/**
 * The printed layout of the three tables, computed from the template data alone: a
 * grid of cells with row/column spans, as on the official forms. A renderer maps it to
 * <table>/<tr>/<td rowSpan colSpan>; a form generator puts an input in every "value" cell.
 */
import { cellId, findCell } from "./helpers";
import type { CellDef, LabelNode, ReportTemplate, SectionKey } from "./types";

export interface LayoutCell {
  /**
   * - "note": the 勾稽关系 note in the corner of the application table
   * - "heading": a merged heading row (第二十条第（一）项)
   * - "header": a column header (信息内容, 本年新制作数量, 申请人情况, 结果维持 …)
   * - "label": a row label (规章, 三、本年度办理结果, 1.属于国家秘密 …)
   * - "value": a number cell; `cell` tells which
   * - "blank": an empty cell printed for alignment
   */
  type: "note" | "heading" | "header" | "label" | "value" | "blank";
  text: string;
  rowSpan: number;
  colSpan: number;
  cell?: CellDef;
}

export interface TableLayout {
  section: SectionKey;
  title: string;
  /** total number of grid columns */
  columnCount: number;
  /** number of leading rows that are header rows (<thead>) */
  headRowCount: number;
  rows: LayoutCell[][];
}

const depthOf = (nodes: readonly LabelNode[]): number =>
  nodes.reduce((m, n) => Math.max(m, 1 + (n.children ? depthOf(n.children) : 0)), 0);

const leafCount = (n: LabelNode): number => (n.children ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1);

const leaves = (nodes: readonly LabelNode[]): LabelNode[] =>
  nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));

function valueCell(template: ReportTemplate, section: SectionKey, row: string, column: string, colSpan = 1): LayoutCell {
  const cell = findCell(template, cellId(section, row, column));
  if (!cell) throw new Error(`layout: no cell ${cellId(section, row, column)}`);
  return { type: "value", text: "", rowSpan: 1, colSpan, cell };
}

/**
 * Header rows for a header tree of total depth `depth` whose leaves each span `leafWidth`
 * columns; when `leafChildren` is given, the leaves get one more header level below them.
 */
function headerRows(nodes: readonly LabelNode[], depth: number, leafWidth: number, leafChildren?: readonly string[]): LayoutCell[][] {
  const rows: LayoutCell[][] = Array.from({ length: depth }, () => []);
  const place = (n: LabelNode, level: number) => {
    if (n.children) {
      rows[level]!.push({ type: "header", text: n.label, rowSpan: 1, colSpan: leafCount(n) * leafWidth });
      n.children.forEach((c) => place(c, level + 1));
    } else if (leafChildren) {
      rows[level]!.push({ type: "header", text: n.label, rowSpan: 1, colSpan: leafWidth });
      for (const label of leafChildren) rows[level + 1]!.push({ type: "header", text: label, rowSpan: depth - level - 1, colSpan: 1 });
    } else {
      rows[level]!.push({ type: "header", text: n.label, rowSpan: depth - level, colSpan: leafWidth });
    }
  };
  nodes.forEach((n) => place(n, 0));
  return rows;
}

function proactiveLayout(template: ReportTemplate): TableLayout {
  const s = template.sections.proactive;
  const width = s.valueColumnCount;
  const rows: LayoutCell[][] = [];
  for (const g of s.groups) {
    const missing = width - g.columns.length;
    const span = (i: number) => (s.narrowGroups === "span" && i === g.columns.length - 1 ? 1 + missing : 1);
    const pad = (): LayoutCell[] =>
      s.narrowGroups === "pad" && missing > 0 ? Array.from({ length: missing }, () => ({ type: "blank", text: "", rowSpan: 1, colSpan: 1 })) : [];
    rows.push([{ type: "heading", text: g.heading, rowSpan: 1, colSpan: width + 1 }]);
    rows.push([
      { type: "header", text: g.contentHeader, rowSpan: 1, colSpan: 1 },
      ...g.columns.map((c, i): LayoutCell => ({ type: "header", text: c.label, rowSpan: 1, colSpan: span(i) })),
      ...pad(),
    ]);
    for (const r of g.rows) {
      rows.push([
        { type: "label", text: r.label, rowSpan: 1, colSpan: 1 },
        ...g.columns.map((c, i) => valueCell(template, "proactive", r.key, c.key, span(i))),
        ...pad(),
      ]);
    }
  }
  return { section: "proactive", title: s.title, columnCount: width + 1, headRowCount: 0, rows };
}

function applicationsLayout(template: ReportTemplate): TableLayout {
  const s = template.sections.applications;
  const labelColumns = depthOf(s.rowTree);
  const headDepth = depthOf(s.columnTree);
  const columnKeys = leaves(s.columnTree).map((n) => n.key!);
  const head = headerRows(s.columnTree, headDepth, 1);
  head[0]!.unshift({ type: "note", text: s.note, rowSpan: headDepth, colSpan: labelColumns });

  const body: LayoutCell[][] = [];
  let pending: LayoutCell[] = [];
  const walk = (nodes: readonly LabelNode[], level: number) => {
    for (const n of nodes) {
      if (n.children) {
        pending.push({ type: "label", text: n.label, rowSpan: leafCount(n), colSpan: 1 });
        walk(n.children, level + 1);
      } else {
        body.push([
          ...pending,
          { type: "label", text: n.label, rowSpan: 1, colSpan: labelColumns - level },
          ...columnKeys.map((c) => valueCell(template, "applications", n.key!, c)),
        ]);
        pending = [];
      }
    }
  };
  walk(s.rowTree, 0);
  return {
    section: "applications",
    title: s.title,
    columnCount: labelColumns + columnKeys.length,
    headRowCount: headDepth,
    rows: [...head, ...body],
  };
}

function reviewLitigationLayout(template: ReportTemplate): TableLayout {
  const s = template.sections.reviewLitigation;
  const depth = depthOf(s.groupTree) + 1;
  const head = headerRows(s.groupTree, depth, s.columns.length, s.columns.map((c) => c.label));
  const body = [leaves(s.groupTree).flatMap((g) => s.columns.map((c) => valueCell(template, "reviewLitigation", g.key!, c.key)))];
  return {
    section: "reviewLitigation",
    title: s.title,
    columnCount: body[0]!.length,
    headRowCount: depth,
    rows: [...head, ...body],
  };
}

/** The official printed layout of one table section. */
export function tableLayout(template: ReportTemplate, section: SectionKey): TableLayout {
  switch (section) {
    case "proactive":
      return proactiveLayout(template);
    case "applications":
      return applicationsLayout(template);
    case "reviewLitigation":
      return reviewLitigationLayout(template);
  }
}

/** Checks that every row of a layout covers exactly `columnCount` grid columns (for tests). */
export function layoutGridWidths(layout: TableLayout): number[] {
  const occupied: number[][] = layout.rows.map(() => []);
  const widths: number[] = [];
  layout.rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (occupied[r]!.includes(col)) col++;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) (occupied[r + dr] ??= []).push(col + dc);
      col += cell.colSpan;
    }
  });
  for (const o of occupied.slice(0, layout.rows.length)) widths.push(new Set(o).size);
  return widths;
}
