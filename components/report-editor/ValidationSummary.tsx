"use client";
// Every rule result at once, each a link that focuses the cells it concerns.
import { SECTION_KEYS, type SectionKey } from "@/lib/templates";
import type { Violation } from "@/lib/validation";
import { focusField, useEditor, useStoreKey } from "./context";
import { violationKey } from "./model";

const EMPTY: Violation[] = [];

function useViolations(filter?: (v: Violation) => boolean) {
  const { store } = useEditor();
  // the joined messages are the snapshot (a primitive), the list is read alongside
  const key = useStoreKey(
    "violations",
    (s) => s.violations.filter((v) => !filter || filter(v)).map((v) => v.message).join("\u0000"),
    "",
  );
  return key ? store.get().violations.filter((v) => !filter || filter(v)) : EMPTY;
}

/** A message's key: itself (a message coming or going inserts or removes its item; the others stay as they are). */
function keysOf(violations: Violation[]) {
  const seen = new Map<string, number>();
  return violations.map((v) => {
    const k = violationKey(v);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n ? `${k}\u0002${n}` : k;
  });
}

function ViolationList({ violations, label }: { violations: Violation[]; label: string }) {
  const keys = keysOf(violations);
  return (
    <ul className="problems" aria-label={label}>
      {violations.map((v, i) => (
        <li key={keys[i]} className={v.severity}>
          <a
            href={`#field-${v.cells[0] ?? ""}`}
            onClick={(e) => {
              e.preventDefault();
              if (v.cells[0]) focusField(v.cells[0]);
            }}
          >
            {v.severity === "warning" ? "提示：" : ""}
            {v.message}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** `还有 N 格未填` for one table (or all), live, with the button that fills those blanks with 0. */
export function BlankCount({ section, title }: { section?: SectionKey; title?: string }) {
  const { fillBlanks, readOnly } = useEditor();
  const n = useStoreKey("blanks", (snap) => (section ? snap.blanks[section] : SECTION_KEYS.reduce((sum, s) => sum + snap.blanks[s], 0)), 0);
  return (
    <p className="blank-count">
      <span role="status">还有 {n} 格未填</span>
      {fillBlanks && !readOnly && (
        <button type="button" className="btn small secondary" disabled={n === 0} onClick={() => fillBlanks(section)}>
          空白格填 0{section ? `（${title}）` : "（全部表格）"}
        </button>
      )}
    </p>
  );
}

/**
 * The results that concern one table, printed under it, in a box of a fixed height (editor.css):
 * a message appearing or going while the clerk types does not move the rest of the page.
 */
export function SectionIssues({ section, title }: { section: string; title: string }) {
  const violations = useViolations((v) => v.cells.some((c) => c.startsWith(`${section}/`)));
  return (
    <div className="section-issues">
      {violations.length === 0 ? <p className="muted">本表未发现问题。</p> : <ViolationList violations={violations} label={`${title} 的校验结果`} />}
    </div>
  );
}

export function ValidationSummary() {
  const violations = useViolations();
  const errors = violations.filter((v) => v.severity === "error").length;
  const warnings = violations.length - errors;
  return (
    <section className="card validation-summary" aria-labelledby="validation-summary-title" tabIndex={-1} id="validation-summary">
      <h2 id="validation-summary-title">校验结果</h2>
      <BlankCount />
      <div className="summary-body">
        {violations.length === 0 ? (
          <p className="ok-text">未发现问题。</p>
        ) : (
          <>
            <p>
              {errors > 0 ? `${errors} 处错误` : "没有错误"}
              {warnings > 0 ? `，${warnings} 处提示` : ""}（点击可定位到单元格）
            </p>
            <ViolationList violations={violations} label="校验问题" />
          </>
        )}
      </div>
    </section>
  );
}
