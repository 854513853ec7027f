// SQL fragments shared by the statistics reads. Keys come from constant template data,
// never from a request, so they are safe to inline.
import { Prisma } from "@/lib/generated/prisma/client";
import { KEY_FIGURES } from "@/lib/statistics/key-figures";

const KEY = /^[A-Za-z.]+$/;

function jsonPath(section: string, row: string, column: string) {
  if (![section, row, column].every((k) => KEY.test(k))) throw new Error("unsafe key");
  return `'{${section},"${row}",${column}}'`;
}

/** For a published snapshot `alias`.document: one NUMERIC column per key figure (blank = 0). */
export function documentKeyFigureColumns(alias: string) {
  return Prisma.raw(
    KEY_FIGURES.map(
      (f) =>
        `(${f.cells.map(([s, r, c]) => `COALESCE((${alias}."document" #>> ${jsonPath(s, r, c)})::numeric, 0)`).join(" + ")})::text AS "${f.key}"`,
    ).join(",\n"),
  );
}

/** Over RegionCellTotal rows `alias`: one summed NUMERIC column per key figure. */
export function rollupKeyFigureColumns(alias: string) {
  return Prisma.raw(
    KEY_FIGURES.map(
      (f) =>
        `COALESCE(SUM(${alias}."value") FILTER (WHERE ${f.cells
          .map(([s, r, c]) => {
            if (![s, r, c].every((k) => KEY.test(k))) throw new Error("unsafe key");
            return `(${alias}."section" = '${s}' AND ${alias}."row" = '${r}' AND ${alias}."column" = '${c}')`;
          })
          .join(" OR ")}), 0)::text AS "${f.key}"`,
    ).join(",\n"),
  );
}

/** The cells the key figures are made of, to restrict a RegionCellTotal scan: (section,row,column) IN (…). */
export function keyFigureCellFilter(alias: string) {
  const tuples = KEY_FIGURES.flatMap((f) => f.cells).map(([s, r, c]) => `('${s}'::"CellSection", '${r}', '${c}')`);
  return Prisma.raw(`(${alias}."section", ${alias}."row", ${alias}."column") IN (${tuples.join(", ")})`);
}
