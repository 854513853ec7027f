/**
 * Figures as printed and as read back: counts as integers, money in 万元 with up to 6
 * decimal places written exactly as stated (no float artefacts, no trailing zeros).
 */
import { MONEY_MAX_DECIMALS as MONEY_DECIMALS, parseFigureText, type CellKind, type CellValue } from "@/lib/templates";

/** A figure as text: "" for a blank (null) cell, "7539.443252" for money, "-2" for a signed count. */
export function formatFigure(value: CellValue | undefined, kind: CellKind): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  if (kind !== "money") return String(value);
  return value.toFixed(MONEY_DECIMALS).replace(/\.?0+$/, "");
}

/** Number of decimals the printed figure has (for a spreadsheet number format). */
export function figureDecimals(value: number): number {
  const text = formatFigure(value, "money");
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

export type FigureReading = { ok: true; value: CellValue } | { ok: false; reason: string };

/**
 * Reads the text of one table cell as a figure of `kind` (the syntax: parseFigureText).
 * Anything that is not a figure of that kind (words, dashes, units, too many decimals, a
 * negative count) is not guessed at: it is refused with the reason.
 */
export function readFigure(text: string, kind: CellKind): FigureReading {
  const figure = parseFigureText(text);
  if (!figure.ok) return { ok: false, reason: `无法识别为数字：“${text.trim()}”` };
  const { value, literal } = figure;
  if (value === null) return { ok: true, value };
  const decimals = literal.includes(".") ? literal.length - literal.indexOf(".") - 1 : 0;
  switch (kind) {
    case "count":
      if (decimals > 0 || !Number.isSafeInteger(value)) return { ok: false, reason: `应为整数，实际为“${text.trim()}”` };
      if (value < 0) return { ok: false, reason: `不能为负数，实际为“${text.trim()}”` };
      return { ok: true, value };
    case "signedCount":
      if (decimals > 0 || !Number.isSafeInteger(value)) return { ok: false, reason: `应为整数，实际为“${text.trim()}”` };
      return { ok: true, value };
    case "money":
      if (value < 0) return { ok: false, reason: `金额不能为负数，实际为“${text.trim()}”` };
      if (decimals > MONEY_DECIMALS) return { ok: false, reason: `金额（万元）最多 ${MONEY_DECIMALS} 位小数，实际为“${text.trim()}”` };
      return { ok: true, value };
  }
}
