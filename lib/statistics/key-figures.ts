// The key figures shown side by side for agencies, regions and years: each is the sum of
// named cells that both templates have (三 and 四 are the same in 2019 and 2021).
import type { SectionKey } from "@/lib/templates";

export interface KeyFigure {
  key: "received" | "granted" | "handled" | "reconsideration" | "litigation";
  label: string;
  /** what a column header or chart legend says */
  shortLabel: string;
  cells: readonly (readonly [SectionKey, string, string])[];
}

export const KEY_FIGURES: readonly KeyFigure[] = [
  { key: "received", label: "本年新收政府信息公开申请数量", shortLabel: "新收申请", cells: [["applications", "received", "total"]] },
  { key: "granted", label: "予以公开", shortLabel: "予以公开", cells: [["applications", "granted", "total"]] },
  { key: "handled", label: "本年度办理结果总计", shortLabel: "办结总计", cells: [["applications", "handledTotal", "total"]] },
  { key: "reconsideration", label: "行政复议总计", shortLabel: "行政复议", cells: [["reviewLitigation", "reconsideration", "total"]] },
  {
    key: "litigation",
    label: "行政诉讼总计（未经复议直接起诉与复议后起诉）",
    shortLabel: "行政诉讼",
    cells: [
      ["reviewLitigation", "litigationDirect", "total"],
      ["reviewLitigation", "litigationAfterReconsideration", "total"],
    ],
  },
];

export type KeyFigureKey = KeyFigure["key"];
/** key figure → NUMERIC text */
export type KeyFigureValues = Record<KeyFigureKey, string>;
