// One statistical table of a report, printed as the official format lays it out:
// the grid (merged headers, verbatim labels) comes from the template data (tableLayout).
import type { CellDef, CellKind, CellValue, LayoutCell, ReportTemplate, SectionKey, SectionValues } from "@/lib/templates";
import { decimalText, tableLayout } from "@/lib/templates";

/** A figure as written: exact decimal, no exponent, no trailing zeros ("7539.443252"); blank for null. */
export function formatCellValue(value: CellValue | undefined, _kind?: CellKind): string {
  if (value === null || value === undefined) return "";
  return decimalText(value);
}

/** Text of a value cell given from outside (e.g. exact decimal sums of region statistics). */
type CellText = (cell: CellDef) => string;

function GridCell({ cell, values, cellText }: { cell: LayoutCell; values: SectionValues; cellText?: CellText }) {
  const span = { rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined, colSpan: cell.colSpan > 1 ? cell.colSpan : undefined };
  switch (cell.type) {
    case "value": {
      const def = cell.cell!;
      return (
        <td {...span} className="num" data-cell={def.id}>
          {cellText ? cellText(def) : formatCellValue(values[def.row]?.[def.column], def.kind)}
        </td>
      );
    }
    case "label":
      return (
        <th {...span} scope="row" className="row-label">
          {cell.text}
        </th>
      );
    case "heading":
      return (
        <th {...span} scope="colgroup" className="group-heading">
          {cell.text}
        </th>
      );
    case "note":
      return (
        <th {...span} className="corner">
          {cell.text}
        </th>
      );
    case "header":
      return (
        <th {...span} scope={cell.colSpan > 1 ? "colgroup" : "col"}>
          {cell.text}
        </th>
      );
    case "blank":
      return <td {...span} />;
  }
}

export function OfficialTable({
  template,
  section,
  values,
  cellText,
}: {
  template: ReportTemplate;
  section: SectionKey;
  values: SectionValues;
  cellText?: CellText;
}) {
  const layout = tableLayout(template, section);
  const head = layout.rows.slice(0, layout.headRowCount);
  const body = layout.rows.slice(layout.headRowCount);
  return (
    <div className="table-frame">
      <table className={`official ${section}`} aria-label={layout.title}>
        {head.length > 0 && (
          <thead>
            {head.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <GridCell key={j} cell={cell} values={values} cellText={cellText} />
                ))}
              </tr>
            ))}
          </thead>
        )}
        <tbody>
          {body.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <GridCell key={j} cell={cell} values={values} cellText={cellText} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
