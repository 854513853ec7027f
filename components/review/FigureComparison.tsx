// This year's figures against last year's report, cell by cell (cells both templates have).
import type { ReportDocument } from "@/lib/exchange";
import { cellName } from "@/lib/reports/cell-name";
import { cellsOf, getTemplate } from "@/lib/templates";

function changeText(before: number, after: number) {
  const d = Math.round((after - before) * 1e6) / 1e6;
  if (d === 0) return "持平";
  const rel = before !== 0 ? `（${d > 0 ? "+" : ""}${((d / before) * 100).toFixed(0)}%）` : "";
  return `${d > 0 ? "+" : ""}${d}${rel}`;
}

export function FigureComparison({ doc, lastYear }: { doc: ReportDocument; lastYear: ReportDocument }) {
  const lastCells = new Set(cellsOf(getTemplate(lastYear.template)).map((c) => c.id));
  const value = (d: ReportDocument, section: string, row: string, column: string) =>
    (d[section as "applications"]?.[row]?.[column] as number | null | undefined) ?? null;
  const rows = cellsOf(getTemplate(doc.template))
    .filter((c) => lastCells.has(c.id))
    .map((c) => ({ cell: c, now: value(doc, c.section, c.row, c.column), before: value(lastYear, c.section, c.row, c.column) }));
  const shown = rows.filter((r) => (r.now ?? 0) !== 0 || (r.before ?? 0) !== 0);
  return (
    <>
      <p className="muted">
        与 {lastYear.year} 年度报告对比（两年共有的 {rows.length} 项中，两年均为 0 或空白的 {rows.length - shown.length} 项从略）。
      </p>
      <table className="data" aria-label="与上年对比">
        <thead>
          <tr>
            <th>项目</th>
            <th className="num">{lastYear.year} 年</th>
            <th className="num">{doc.year} 年</th>
            <th className="num">变化</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ cell, now, before }) => (
            <tr key={cell.id}>
              <td>{cellName(doc.template, cell.id)}</td>
              <td className="num">{before ?? "—"}</td>
              <td className="num">{now ?? "—"}</td>
              <td className="num">{changeText(before ?? 0, now ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
