/**
 * What a document reader hands to the report reader (./report-reader.ts): the document's
 * paragraphs and tables in reading order, whatever the file format was. Tables are
 * expanded grids: a merged cell appears at every grid position it covers, so labels and
 * figures are found by position in the grid, whatever way the merge was written.
 */
import { GridBudget, type TableGuard } from "../limits";
import type { TextRun } from "../markdown";

export interface GridCell {
  text: string;
  /** grid row / column of the merged cell's top-left position */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface TableBlock {
  kind: "table";
  /** how a problem names the table: "第 3 个表格" / "工作表“三、…”" */
  name: string;
  /** grid[r][c]: the cell covering that position (undefined where the row is short) */
  grid: (GridCell | undefined)[][];
}

export interface ParagraphBlock {
  kind: "paragraph";
  /** heading level 1–6 when the document marks it as a heading, else 0 */
  heading: number;
  runs: TextRun[];
}

export type Block = ParagraphBlock | TableBlock;

export interface SourceDocument {
  blocks: Block[];
  /** agency and region codes the file itself carries (document properties, data attributes) */
  properties: { agencyCode?: string; regionCode?: string; regionName?: string };
}

/** Plain text of a paragraph. */
export function paragraphText(p: ParagraphBlock): string {
  return p.runs.map((r) => `${r.breakBefore ? "\n" : ""}${r.text}`).join("");
}

/** A cell as it comes from a file, before expansion: text and spans. */
export interface SpannedCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

/**
 * Expands rows of cells with colspan/rowspan (HTML tables) into a grid: each cell occupies
 * the next free positions of its row, as browsers lay tables out. A rowspan past the last row
 * ends there (as in browsers); the table's size is held to ../limits.ts through `guard` (a
 * span of 1e8 is refused before a single position is filled).
 */
export function expandSpans(rows: readonly SpannedCell[][], guard: TableGuard = new GridBudget().table("表格")): (GridCell | undefined)[][] {
  guard.rows(rows.length);
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c]) c++;
      const rowSpan = Math.max(1, Math.min(cell.rowSpan || 1, rows.length - r));
      const colSpan = Math.max(1, guard.columnSpan(cell.colSpan || 1));
      guard.width(c + colSpan);
      guard.fill(rowSpan * colSpan);
      const g: GridCell = { text: cell.text, row: r, col: c, rowSpan, colSpan };
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) (grid[r + dr] ??= [])[c + dc] = g;
      c += colSpan;
    }
  });
  return grid;
}
