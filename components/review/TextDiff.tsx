// A narrative's changes since the previous submission: insertions in <ins>, deletions in
// <del>, each also announced in words (a screen reader does not say "underlined"); unchanged
// stretches far from any change are cut to "…".
import { textDiff } from "@/lib/reports/text-diff";

export function TextDiff({ before, after }: { before: string; after: string }) {
  const segments = textDiff(before, after);
  if (!segments) {
    // too many changes to compute in time: both texts, as before
    return (
      <div className="text-diff">
        <p className="muted">改动过多，分别列出原文和新文：</p>
        <del className="text-change">
          <span className="visually-hidden">原文：</span>
          {before || "空白"}
        </del>
        <ins className="text-change">
          <span className="visually-hidden">新文：</span>
          {after || "空白"}
        </ins>
      </div>
    );
  }
  return (
    <div className="text-diff">
      {segments.map((s, i) => {
        switch (s.kind) {
          case "same":
            return <span key={i}>{s.text}</span>;
          case "skip":
            return (
              <span key={i} className="diff-skip" title={`未改动的 ${s.length} 字从略`}>
                …<span className="visually-hidden">（未改动的 {s.length} 字从略）</span>
              </span>
            );
          case "ins":
            return (
              <ins key={i}>
                <span className="visually-hidden">［新增：</span>
                {s.text}
                <span className="visually-hidden">］</span>
              </ins>
            );
          case "del":
            return (
              <del key={i}>
                <span className="visually-hidden">［删除：</span>
                {s.text}
                <span className="visually-hidden">］</span>
              </del>
            );
        }
      })}
    </div>
  );
}
