// Data-quality notes of a report imported as published elsewhere: the cells its publisher
// left blank and the rules its printed figures break. The report itself is shown exactly as
// printed; these notes tell the reader where the figures do not add up.
import type { QualityNote } from "@/lib/validation";

export function QualityNotes({ notes }: { notes: readonly QualityNote[] }) {
  if (notes.length === 0) return null;
  return (
    <section className="alert info" aria-labelledby="quality-notes-title" data-testid="quality-notes">
      <h2 id="quality-notes-title" style={{ fontSize: "1em", margin: "0 0 6px" }}>
        数据质量说明
      </h2>
      <p style={{ margin: "0 0 6px" }}>
        本报告在纳入本系统之前已由发布机关公开发布，以下数据按原报告照录，未作改动。经系统核对，原报告存在以下情况：
      </p>
      <ul style={{ margin: 0, paddingLeft: "1.4em" }}>
        {notes.map((n, i) => (
          <li key={i} data-rule={n.id}>
            {n.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
