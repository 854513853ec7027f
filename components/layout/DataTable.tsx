// The one `table.data` of lists (admin pages, workspace, review dashboard, import previews): the
// header row and every body row come from one list of columns, so a column's header and its cells
// cannot drift apart. No hooks: it renders in server and client components alike.
import type { CSSProperties, HTMLAttributes, Key, ReactNode } from "react";

export interface Column<R> {
  header: ReactNode;
  cell: (row: R, index: number) => ReactNode;
  /** a figure column: header and cells right-aligned (`num`) */
  num?: boolean;
  /** the cells' class, or a function of the row where it depends on it */
  className?: string | ((row: R) => string | undefined);
  style?: CSSProperties | ((row: R) => CSSProperties);
  /** how many columns this row's cell spans (the following ones are then not drawn) */
  span?: (row: R) => number;
}

export function DataTable<R>({
  label,
  className,
  columns,
  rows,
  rowKey,
  rowProps,
  empty,
}: {
  /** the table's accessible name */
  label?: string;
  className?: string;
  /** `false` entries are columns left out (e.g. a column only some users see) */
  columns: (Column<R> | false)[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => Key;
  rowProps?: (row: R) => HTMLAttributes<HTMLTableRowElement>;
  /** the one row shown when there are none */
  empty?: ReactNode;
}) {
  const cols = columns.filter((c): c is Column<R> => c !== false);
  return (
    <table className={className ? `data ${className}` : "data"} aria-label={label}>
      <thead>
        <tr>
          {cols.map((c, j) => (
            <th key={j} className={c.num ? "num" : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={rowKey(r, i)} {...rowProps?.(r)}>
            {cells(cols, r, i)}
          </tr>
        ))}
        {rows.length === 0 && empty && (
          <tr>
            <td colSpan={cols.length} className="muted">
              {empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function cells<R>(cols: Column<R>[], r: R, i: number) {
  const out: ReactNode[] = [];
  for (let j = 0; j < cols.length; j++) {
    const c = cols[j];
    const span = c.span?.(r) ?? 1;
    const given = typeof c.className === "function" ? c.className(r) : c.className;
    out.push(
      <td key={j} className={c.num ? "num" : given} colSpan={span > 1 ? span : undefined} style={typeof c.style === "function" ? c.style(r) : c.style}>
        {c.cell(r, i)}
      </td>,
    );
    j += span - 1;
  }
  return out;
}
