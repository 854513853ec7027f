// One statistical table of a report, printed as the official format lays it out:
// the grid (merged headers, verbatim labels) comes from the template data (tableLayout).
import type { ReactNode } from "react";
import type { CellDef, CellKind, CellValue, LayoutCell, ReportTemplate, SectionKey, SectionValues } from "@/lib/templates";
import { decimalText, tableLayout } from "@/lib/templates";

/** A figure as written: exact decimal, no exponent, no trailing zeros ("7539.443252"); blank for null. */
export function formatCellValue(value: CellValue | undefined, _kind?: CellKind): string {
  if (value === null || value === undefined) return "";
  return decimalText(value);
}

/** Text of a value cell given from outside (e.g. exact decimal sums of region statistics). */
type CellText = (cell: CellDef) => string;
/** What a value cell shows around its text (the review page: a button to comment on it). */
export type CellContent = (cell: CellDef, text: string) => ReactNode;

interface PlacedCell {
  cell: LayoutCell;
  row: number;
  col: number;
  id: string;
}

const isHeaderRow = (row: LayoutCell[]) => row.length > 0 && row.every((c) => c.type === "heading" || c.type === "header" || c.type === "note");

/**
 * Places every layout cell on the grid (rows/columns it covers) and works out, for each
 * number cell, the header cells that describe it — the column headers of its header block
 * and the row labels to its left — so a screen reader announces e.g.
 * "申请人情况 法人或其他组织 商业企业 （三）不予公开 1.属于国家秘密" through `headers`.
 */
function placeCells(rows: LayoutCell[][], idPrefix: string) {
  const occupied = rows.map(() => new Set<number>());
  const placed: PlacedCell[][] = rows.map((row, r) => {
    let col = 0;
    return row.map((cell) => {
      while (occupied[r]!.has(col)) col++;
      for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) occupied[r + dr]!.add(col + dc);
      const p = { cell, row: r, col, id: `${idPrefix}${r}-${col}` };
      col += cell.colSpan;
      return p;
    });
  });
  const headersOf = new Map<LayoutCell, string>();
  let block: PlacedCell[] = [];
  let previousWasHeader = false;
  const labels: PlacedCell[] = [];
  placed.forEach((row, r) => {
    const headerRow = isHeaderRow(rows[r]!);
    if (headerRow) {
      if (!previousWasHeader) block = [];
      block.push(...row);
    }
    previousWasHeader = headerRow;
    for (const p of row) if (p.cell.type === "label") labels.push(p);
    for (const p of row) {
      if (p.cell.type !== "value") continue;
      const overlaps = (h: PlacedCell) => h.col < p.col + p.cell.colSpan && p.col < h.col + h.cell.colSpan;
      const columnHeaders = block.filter((h) => h.cell.type !== "note" && overlaps(h));
      const rowHeaders = labels.filter((l) => l.row <= r && r < l.row + l.cell.rowSpan && l.col < p.col);
      headersOf.set(p.cell, [...columnHeaders, ...rowHeaders].map((h) => h.id).join(" "));
    }
  });
  return { placed, headersOf };
}

function GridCell({ placed, values, headers, cellText, cellContent }: { placed: PlacedCell; values: SectionValues; headers?: string; cellText?: CellText; cellContent?: CellContent }) {
  const { cell, id } = placed;
  // only the spans there are: an absent prop costs nothing, an undefined one is written into
  // the page's RSC payload ("$undefined") for every cell
  const span = { ...(cell.rowSpan > 1 && { rowSpan: cell.rowSpan }), ...(cell.colSpan > 1 && { colSpan: cell.colSpan }) };
  switch (cell.type) {
    case "value": {
      const def = cell.cell!;
      const text = cellText ? cellText(def) : formatCellValue(values[def.row]?.[def.column], def.kind);
      return (
        <td {...span} className="num" data-cell={def.id} {...(headers && { headers })}>
          {cellContent ? cellContent(def, text) : text}
        </td>
      );
    }
    case "label":
      return (
        // rl0…rl2: the grid column the label starts in, where a phone keeps it (sticky) while the figures scroll
        <th {...span} id={id} scope={cell.rowSpan > 1 ? "rowgroup" : "row"} className={`row-label rl${placed.col}`}>
          {cell.text}
        </th>
      );
    case "heading":
      return (
        <th {...span} id={id} scope="colgroup" className="group-heading">
          {cell.text}
        </th>
      );
    case "note":
      // the 勾稽关系 note in the corner describes the table; it heads no cells
      return (
        <td {...span} className="corner">
          {cell.text}
        </td>
      );
    case "header":
      return (
        <th {...span} id={id} scope={cell.colSpan > 1 ? "colgroup" : "col"}>
          {cell.text}
        </th>
      );
    case "blank":
      return <td {...span} />;
  }
}

/**
 * Short id prefixes: every value cell names three or four header ids in `headers`, and the page
 * carries each of them twice (HTML and RSC payload); "table-applications-r12c3" made up a third
 * of a report page's weight.
 */
const ID_PREFIX: Record<SectionKey, string> = { proactive: "tp", applications: "ta", reviewLitigation: "tr" };

export function OfficialTable({
  template,
  section,
  values,
  idPrefix = ID_PREFIX[section],
  cellText,
  cellContent,
}: {
  template: ReportTemplate;
  section: SectionKey;
  values: SectionValues;
  /** prefix of the header cells' ids; give one when a page shows the same table twice */
  idPrefix?: string;
  /** the text of each value cell, where the values are not plain numbers (exact decimal sums) */
  cellText?: CellText;
  /** what each value cell shows around its text; absent: the text alone */
  cellContent?: CellContent;
}) {
  const layout = tableLayout(template, section);
  const { placed, headersOf } = placeCells(layout.rows, idPrefix);
  const renderRow = (row: PlacedCell[], i: number) => (
    <tr key={i}>
      {row.map((p, j) => (
        <GridCell key={j} placed={p} values={values} headers={headersOf.get(p.cell)} cellText={cellText} cellContent={cellContent} />
      ))}
    </tr>
  );
  return (
    // on a phone the figures scroll inside this frame: a keyboard reaches it (axe scrollable-region-focusable);
    // named apart from the section its heading names (landmark-unique)
    <div className="table-frame" role="region" aria-label={`${layout.title}（表格）`} tabIndex={0}>
      <table className={`official ${section}`}>
        <caption className="visually-hidden">{layout.title}</caption>
        {layout.headRowCount > 0 && <thead>{placed.slice(0, layout.headRowCount).map(renderRow)}</thead>}
        <tbody>{placed.slice(layout.headRowCount).map((row, i) => renderRow(row, i + layout.headRowCount))}</tbody>
      </table>
    </div>
  );
}
