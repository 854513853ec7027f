/**
 * Figures as printed and as read back: counts as integers, money in 万元 with up to 6
 * decimal places written exactly as stated (no float artefacts, no trailing zeros).
 */
import type { CellKind, CellValue } from "@/lib/templates";

/** Money (万元) is exact to the 分: at most 6 decimal places. */
export const MONEY_DECIMALS = 6;

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
 * Reads the text of one table cell as a figure of `kind`. Blank → null. Full-width digits,
 * spaces and thousands separators are tolerated; anything else (words, dashes, units, too
 * many decimals, a negative count) is not guessed at: it is refused with the reason.
 */
export function readFigure(text: string, kind: CellKind): FigureReading {
  const raw = text.normalize("NFKC").replace(/[\s\u00a0\u3000]/g, "");
  if (raw === "") return { ok: true, value: null };
  const t = raw.replace(/[−–]/g, "-").replace(/(\d),(?=\d{3}(\D|$))/g, "$1");
  if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return { ok: false, reason: `无法识别为数字：“${text.trim()}”` };
  const value = Number(t);
  const decimals = t.includes(".") ? t.length - t.indexOf(".") - 1 : 0;
  switch (kind) {
    case "count":
      if (decimals > 0 || !Number.isSafeInteger(value)) return { ok: false, reason: `应为整数，实际为“${text.trim()}”` };
      if (value < 0) return { ok: false, reason: `不能为负数，实际为“${text.trim()}”` };
      return { ok: true, value: value === 0 ? 0 : value };
    case "signedCount":
      if (decimals > 0 || !Number.isSafeInteger(value)) return { ok: false, reason: `应为整数，实际为“${text.trim()}”` };
      return { ok: true, value: value === 0 ? 0 : value };
    case "money":
      if (value < 0) return { ok: false, reason: `金额不能为负数，实际为“${text.trim()}”` };
      if (decimals > MONEY_DECIMALS) return { ok: false, reason: `金额（万元）最多 ${MONEY_DECIMALS} 位小数，实际为“${text.trim()}”` };
      return { ok: true, value: value === 0 ? 0 : value };
  }
}
