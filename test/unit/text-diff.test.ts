import { describe, expect, it } from "vitest";
import { textDiff, type DiffSegment } from "@/lib/reports/text-diff";

const rebuild = (segments: DiffSegment[], side: "before" | "after") =>
  segments.map((s) => (s.kind === "same" ? s.text : s.kind === (side === "before" ? "del" : "ins") ? s.text : "")).join("");

describe("textDiff (narrative changes between submissions)", () => {
  it("marks one added sentence inside a long Chinese text, the rest unchanged", () => {
    const before = "2022年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》。全年主动公开政府信息120条。";
    const after = "2022年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》。新增政策解读栏目。全年主动公开政府信息120条。";
    const segments = textDiff(before, after, { context: 1000 })!;
    expect(segments.filter((s) => s.kind !== "same")).toEqual([{ kind: "ins", text: "新增政策解读栏目。" }]);
    expect(rebuild(segments, "before")).toBe(before);
    expect(rebuild(segments, "after")).toBe(after);
  });

  it("a rewritten phrase is one deletion and one insertion, not characters matched by chance", () => {
    // "答复" matches by chance between two changes
    const segments = textDiff("按时答复率达到百分之百", "答复的平均用时为五天")!;
    expect(segments).toEqual([
      { kind: "del", text: "按时答复率达到百分之百" },
      { kind: "ins", text: "答复的平均用时为五天" },
    ]);
  });

  it("collapses long unchanged stretches to their context", () => {
    const long = "政府信息公开".repeat(50); // 300 characters
    const segments = textDiff(`${long}原文${long}`, `${long}改文${long}`, { context: 10 })!;
    expect(segments[0]).toEqual({ kind: "skip", length: 290 });
    expect(segments[1]).toEqual({ kind: "same", text: "信息公开政府信息公开" });
    expect(segments.filter((s) => s.kind === "del" || s.kind === "ins")).toEqual([
      { kind: "del", text: "原" },
      { kind: "ins", text: "改" },
    ]);
    // the last stretch is "文" and the 300 characters after it
    expect(segments.at(-1)).toEqual({ kind: "skip", length: 291 });
  });

  it("counts characters outside the BMP as one", () => {
    const segments = textDiff("𠀀甲", "𠀀乙")!;
    expect(rebuild(segments, "after")).toBe("𠀀乙");
  });
});
