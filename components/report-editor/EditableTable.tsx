"use client";
// One statistical table of the report as a spreadsheet-like grid. The grid comes from the
// template's printed layout (tableLayout): merged headers and verbatim labels as on the
// official form, an input in every value cell, an <output> in every derived cell.
import { memo, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type RefObject } from "react";
import { draftCellProblem, encodeFormRowKey } from "@/lib/exchange";
import { tableLayout, type CellDef, type LayoutCell, type ReportTemplate, type SectionKey } from "@/lib/templates";
import { cellFormId, fieldDomId, focusField, useEditor, useIssues, useStoreKey } from "./context";
import { formatCellText, parseCellText, parseClipboardBlock, type FormCell } from "./model";

const fieldName = (cell: CellDef) => `${cell.section}.${encodeFormRowKey(cell.row)}.${cell.column}` as const;

interface Position {
  r: number;
  c: number;
}

/** Whether an input's text already says `value` (typed "1,200" says 1200): then it is left as typed. */
function shows(text: string, value: FormCell) {
  const parsed = parseCellText(text);
  return (parsed.ok && parsed.value === value) || text === value;
}

/**
 * The <input> of a cell, rendered once: its props never change, so React never updates it
 * (React 19 rewrites an input's `name` twice on every update of its props, which the browser
 * treats as a change of the form control). What changes (aria-invalid, aria-describedby) the
 * cell sets on the element itself (CellInput's layout effect); the first render carries the
 * loaded state, so the server's HTML says it too.
 */
const CellField = memo(function CellField({
  cell,
  name,
  label,
  pos,
  initial,
  invalid,
  describedBy,
  readOnly,
  changeCell,
  inputRef,
}: {
  cell: CellDef;
  name: string;
  label: string;
  pos: Position;
  initial: string;
  invalid: boolean;
  describedBy: string;
  readOnly: boolean;
  changeCell: (name: string, value: FormCell) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <input
      id={fieldDomId(cell.id)}
      ref={inputRef}
      name={name}
      form={cellFormId(cell.id)}
      defaultValue={initial}
      inputMode={cell.kind === "money" ? "decimal" : "numeric"}
      autoComplete="off"
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy || undefined}
      readOnly={readOnly}
      data-grid={cell.section}
      data-r={pos.r}
      data-c={pos.c}
      data-name={name}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => {
        const raw = e.target.value;
        const parsed = parseCellText(raw);
        changeCell(name, parsed.ok ? parsed.value : raw);
      }}
    />
  );
});

/** Sets or removes an attribute of an element, touching it only when it differs. */
function setAttr(el: HTMLElement, attr: string, value: string | null) {
  if (value === null) {
    if (el.hasAttribute(attr)) el.removeAttribute(attr);
  } else if (el.getAttribute(attr) !== value) el.setAttribute(attr, value);
}

/**
 * An input cell, uncontrolled: the browser shows what is typed, and the keystroke goes to the
 * form and the rules (changeCell); no grid row or table renders for it, and no other cell is
 * asked. It reads its value from the rule store (`cell:` key) for its marks (not a number,
 * refused), and so that a value set from outside (paste, restore, import, 空白格填 0) reaches
 * the input too. The cell's children stay the same while its rule messages come and go: their
 * description is always there (hidden, empty when there is nothing to say), where inserting or
 * removing a child of a table cell laid out the whole table again.
 */
const CellInput = memo(function CellInput({ cell, name, label, pos }: { cell: CellDef; name: string; label: string; pos: Position }) {
  const { readOnly, commentsByAnchor, changeCell } = useEditor();
  const value = useStoreKey(`cell:${cell.id}`, (s) => s.cell(cell.section, cell.row, cell.column));
  const input = useRef<HTMLInputElement>(null);
  const [initial] = useState(() => formatCellText(value));
  const issues = useIssues(cell.id);
  // what the draft schema refuses (a 201-character text, a figure too large to store) is not saved
  const refused = draftCellProblem(value, cell);
  const notANumber = typeof value === "string" && value.trim() !== "";
  const comments = commentsByAnchor.get(cell.id);
  const describedBy = [notANumber || refused ? `${fieldDomId(cell.id)}-nan` : null, issues ? `${fieldDomId(cell.id)}-issues` : null, comments ? `${fieldDomId(cell.id)}-comments` : null]
    .filter(Boolean)
    .join(" ");
  const invalid = Boolean(notANumber || refused || issues);
  // the first render's marks go into CellField's props (and the server's HTML); later ones onto the element
  const [first] = useState(() => ({ invalid, describedBy }));
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    if (!shows(el.value, value)) el.value = formatCellText(value);
    setAttr(el, "aria-invalid", invalid ? "true" : null);
    setAttr(el, "aria-describedby", describedBy || null);
  }, [value, invalid, describedBy]);
  return (
    <td className={`num cell${invalid ? " invalid" : ""}${comments ? " commented" : ""}`}>
      <CellField
        cell={cell}
        name={name}
        label={label}
        pos={pos}
        initial={initial}
        invalid={first.invalid}
        describedBy={first.describedBy}
        readOnly={readOnly}
        changeCell={changeCell}
        inputRef={input}
      />
      {refused ? (
        <span id={`${fieldDomId(cell.id)}-nan`} className="cell-message" role="alert">
          {refused}：不能保存，请改正
        </span>
      ) : (
        notANumber && (
          <span id={`${fieldDomId(cell.id)}-nan`} className="cell-message" role="alert">
            「{String(value)}」不是数字：可随草稿保存，提交审核前请改为数字
          </span>
        )
      )}
      {/* hidden: no box to lay out or paint, and still the input's description (aria-describedby reads hidden elements it names) */}
      <span id={`${fieldDomId(cell.id)}-issues`} hidden>
        {issues}
      </span>
      {comments && (
        <span id={`${fieldDomId(cell.id)}-comments`} className="cell-comment" title={comments.map((c) => c.body).join("\n")}>
          <span aria-hidden="true">💬</span>
          <span className="visually-hidden">审核意见：{comments.map((c) => c.body).join("；")}</span>
        </span>
      )}
    </td>
  );
});

const DerivedOutput = memo(function DerivedOutput({ cell, label, pos }: { cell: CellDef; label: string; pos: Position }) {
  const value = useStoreKey(`value:${cell.id}`, (s) => s.value(cell.section, cell.row, cell.column), null);
  return (
    <td className="num derived">
      <output id={fieldDomId(cell.id)} aria-label={label} data-grid={cell.section} data-r={pos.r} data-c={pos.c} title="自动计算">
        {value === null ? "" : String(value)}
      </output>
    </td>
  );
});

function span(cell: LayoutCell) {
  return { rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined, colSpan: cell.colSpan > 1 ? cell.colSpan : undefined };
}

/**
 * The grid column each layout cell starts in (rowspans of the rows above taken into account):
 * a label's column tells how far from the left it sticks on a narrow screen.
 */
export function startColumns(rows: readonly (readonly LayoutCell[])[]): number[][] {
  const taken: number[] = []; // per grid column: rows still covered by a rowspan from above
  return rows.map((row) => {
    let col = 0;
    const starts = row.map((cell) => {
      while ((taken[col] ?? 0) > 0) col++;
      const start = col;
      for (let k = 0; k < cell.colSpan; k++) taken[col + k] = cell.rowSpan;
      col += cell.colSpan;
      return start;
    });
    for (let k = 0; k < taken.length; k++) if ((taken[k] ?? 0) > 0) taken[k]!--;
    return starts;
  });
}

const GridRow = memo(function GridRow({ cells, r, starts }: { cells: readonly LayoutCell[]; r: number; starts: readonly number[] }) {
  let c = 0;
  // a row of column headers inside the body (二's groups each have their own): it sticks as a thead does
  const headerRow = cells.some((cell) => cell.type === "header") && !cells.some((cell) => cell.type === "value");
  return (
    <tr className={headerRow ? "header-row" : undefined}>
      {cells.map((cell, j) => {
        switch (cell.type) {
          case "value": {
            const def = cell.cell!;
            const pos = { r, c: c++ };
            const label = def.name;
            return def.derived ? (
              <DerivedOutput key={j} cell={def} label={label} pos={pos} />
            ) : (
              <CellInput key={j} cell={def} name={fieldName(def)} label={label} pos={pos} />
            );
          }
          case "label":
            return (
              <th key={j} {...span(cell)} scope="row" className="row-label" data-col={starts[j]} data-span={cell.colSpan}>
                {cell.text}
              </th>
            );
          case "heading":
            return (
              <th key={j} {...span(cell)} scope="colgroup" className="group-heading">
                {cell.text}
              </th>
            );
          case "note":
            return (
              <th key={j} {...span(cell)} className="corner" data-col={starts[j]} data-span={cell.colSpan}>
                {cell.text}
              </th>
            );
          case "header":
            return (
              <th key={j} {...span(cell)} scope={cell.colSpan > 1 ? "colgroup" : "col"}>
                {cell.text}
              </th>
            );
          case "blank":
            return <td key={j} {...span(cell)} />;
        }
      })}
    </tr>
  );
});

/**
 * The bottom of the column headers over a cell: the table's thead, or (二) the header row of
 * a group, whichever is at or above the cell (a sticky one stays at the top while its rows scroll).
 */
function headerBottom(table: HTMLTableElement, el: HTMLElement, fallback: number): number {
  const top = el.getBoundingClientRect().top;
  let bottom = fallback;
  // a body header row's cells stick, not the row: measure a cell
  for (const h of [table.tHead, ...table.querySelectorAll<HTMLElement>("tbody tr.header-row > th:first-child")]) {
    if (!h) continue;
    const r = h.getBoundingClientRect();
    if (r.top <= top + 1) bottom = Math.max(bottom, r.bottom);
  }
  return bottom;
}

/** The right edge of a table's sticky row labels (its left edge when none stick). */
function labelsRight(table: HTMLTableElement): number {
  let right = table.getBoundingClientRect().left;
  for (const th of table.querySelectorAll<HTMLElement>("tbody th.row-label"))
    if (getComputedStyle(th).position === "sticky") right = Math.max(right, th.getBoundingClientRect().right);
  return right;
}

/**
 * Scrolls just enough that a cell is clear of the sticky toolbar, the table's sticky header
 * and (on a narrow screen, where the table scrolls in its own frame) its sticky row labels.
 * CSS scroll-padding does this for Tab; arrow moves measure, since the header's height differs per table.
 */
function reveal(el: HTMLElement) {
  const table = el.closest("table");
  const frame = el.closest<HTMLElement>(".table-frame");
  const toolbar = document.querySelector<HTMLElement>(".report-editor .editor-toolbar");
  const barBottom = toolbar ? toolbar.getBoundingClientRect().bottom : 0;
  if (table && frame && getComputedStyle(frame).overflowY !== "visible") {
    // the frame scrolls (a narrow screen): the page first, so that the whole frame (no taller
    // than the window below the toolbar) is in sight with its sticky header; then the frame,
    // so that the cell is clear of its header and its sticky row labels
    let f = frame.getBoundingClientRect();
    if (f.top < barBottom) window.scrollBy({ top: f.top - barBottom - 4, behavior: "instant" });
    else if (f.bottom > window.innerHeight) window.scrollBy({ top: Math.min(f.bottom - window.innerHeight + 4, f.top - barBottom - 4), behavior: "instant" });
    f = frame.getBoundingClientRect();
    const headBottom = headerBottom(table, el, f.top);
    const innerBottom = f.top + frame.clientTop + frame.clientHeight;
    const innerRight = f.left + frame.clientLeft + frame.clientWidth;
    let r = el.getBoundingClientRect();
    if (r.top < headBottom) frame.scrollTop -= headBottom - r.top + 2;
    else if (r.bottom > innerBottom) frame.scrollTop += r.bottom - innerBottom + 2;
    const left = labelsRight(table);
    r = el.getBoundingClientRect();
    if (r.left < left) frame.scrollLeft -= left - r.left + 2;
    else if (r.right > innerRight) frame.scrollLeft += r.right - innerRight + 2;
    return;
  }
  const top = table ? headerBottom(table, el, barBottom) : barBottom;
  const r = el.getBoundingClientRect();
  if (r.top < top) window.scrollBy({ top: r.top - top - 8, behavior: "instant" });
  else if (r.bottom > window.innerHeight) window.scrollBy({ top: r.bottom - window.innerHeight + 8, behavior: "instant" });
}

/** A label as compared for pasting: no spaces, parentheses full-width (Excel keeps what the Word form had). */
const labelKey = (text: string) => text.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");

/**
 * A pasted block whose first column(s) repeat the table's row labels, aligned by them: each
 * line's figures go to the row it names, from the row's first column (without this, a block
 * copied with its label column shifted every figure one column right). Null when no line
 * names a row.
 */
export function alignByLabels(block: readonly string[][], rowOf: ReadonlyMap<string, number>): { r: number; values: string[] }[] | null {
  const out: { r: number; values: string[] }[] = [];
  for (const line of block) {
    let k = -1;
    let r = -1;
    // the label may follow a group label (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密): the last one that names a row
    for (let j = 0; j < Math.min(3, line.length); j++) {
      const at = rowOf.get(labelKey(line[j]!));
      if (at !== undefined) {
        k = j;
        r = at;
      }
    }
    if (k >= 0) out.push({ r, values: line.slice(k + 1) });
  }
  return out.length > 0 ? out : null;
}

/** Moves focus from (r, c) one step in a direction, skipping derived outputs. */
function moveFrom(table: HTMLElement, from: Position, dr: number, dc: number): boolean {
  const rows = Number(table.dataset.rows);
  let { r, c } = from;
  for (let step = 0; step < 64; step++) {
    r += dr;
    c += dc;
    if (r < 0 || r >= rows || c < 0) return false;
    const inRow = [...table.querySelectorAll<HTMLElement>(`[data-r="${r}"]`)];
    if (inRow.length === 0) continue;
    // a narrower row (二's smaller items): the nearest column
    const target = dr !== 0 ? (inRow.find((el) => Number(el.dataset.c) === Math.min(c, inRow.length - 1)) ?? null) : inRow.find((el) => Number(el.dataset.c) === c);
    if (!target) return false;
    if (target instanceof HTMLInputElement) {
      target.focus({ preventScroll: true });
      reveal(target);
      return true;
    }
  }
  return false;
}

/** memo: the editor re-renders when its save status changes; the grid has nothing to redo then */
export const EditableTable = memo(function EditableTable({ template, section }: { template: ReportTemplate; section: SectionKey }) {
  const { readOnly, announce, changeCell } = useEditor();
  const layout = useMemo(() => tableLayout(template, section), [template, section]);
  // grid row index of each layout row that has value cells
  const { head, body, rowIndex, rowCount, headStarts, bodyStarts } = useMemo(() => {
    const head = layout.rows.slice(0, layout.headRowCount);
    const body = layout.rows.slice(layout.headRowCount);
    let n = 0;
    const rowIndex = body.map((row) => (row.some((c) => c.type === "value") ? n++ : -1));
    const starts = startColumns(layout.rows);
    return { head, body, rowIndex, rowCount: n, headStarts: starts.slice(0, layout.headRowCount), bodyStarts: starts.slice(layout.headRowCount) };
  }, [layout]);
  const frame = useRef<HTMLDivElement>(null);
  // the browser's own scrolling to a focused cell (Tab, a click) keeps it clear of this frame's
  // sticky header and label columns (on a narrow screen the frame scrolls both ways)
  useLayoutEffect(() => {
    const el = frame.current;
    const table = el?.querySelector("table");
    if (!el || !table) return;
    const fit = () => {
      const sticky = getComputedStyle(el).overflowY !== "visible";
      el.style.scrollPaddingTop = sticky && table.tHead ? `${table.tHead.offsetHeight}px` : "";
      el.style.scrollPaddingLeft = sticky ? `${labelsRight(table) - table.getBoundingClientRect().left}px` : "";
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const el = e.target as HTMLElement;
    if (!(el instanceof HTMLInputElement) || el.dataset.r === undefined) return;
    const pos = { r: Number(el.dataset.r), c: Number(el.dataset.c) };
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.selectionStart === el.value.length && el.selectionEnd === el.value.length;
    const allSelected = el.selectionStart === 0 && el.selectionEnd === el.value.length;
    let moved = false;
    switch (e.key) {
      case "ArrowDown":
        moved = moveFrom(e.currentTarget, pos, 1, 0);
        break;
      case "ArrowUp":
        moved = moveFrom(e.currentTarget, pos, -1, 0);
        break;
      case "Enter":
        moved = moveFrom(e.currentTarget, pos, e.shiftKey ? -1 : 1, 0);
        if (!moved) e.preventDefault(); // never submit the form from a cell
        break;
      case "ArrowRight":
        if (atEnd || allSelected) moved = moveFrom(e.currentTarget, pos, 0, 1);
        break;
      case "ArrowLeft":
        if (atStart || allSelected) moved = moveFrom(e.currentTarget, pos, 0, -1);
        break;
      default:
        return;
    }
    if (moved) e.preventDefault();
  };

  // each body row's own (last) label → its grid row, for pastes that carry the labels
  const rowOfLabel = useMemo(() => {
    const m = new Map<string, number>();
    body.forEach((row, i) => {
      const labels = row.filter((c) => c.type === "label");
      const r = rowIndex[i]!;
      if (r >= 0 && labels.length > 0 && !m.has(labelKey(labels[labels.length - 1]!.text))) m.set(labelKey(labels[labels.length - 1]!.text), r);
    });
    return m;
  }, [body, rowIndex]);

  const onPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    const el = e.target as HTMLElement;
    if (readOnly || !(el instanceof HTMLInputElement) || el.dataset.r === undefined) return;
    const block = parseClipboardBlock(e.clipboardData.getData("text/plain"));
    if (block.length === 0 || (block.length === 1 && block[0]!.length === 1)) return; // one value: the input takes it
    e.preventDefault();
    const r0 = Number(el.dataset.r);
    const c0 = Number(el.dataset.c);
    let filled = 0;
    let refused = 0;
    let computed = 0;
    let outside = 0;
    const aligned = alignByLabels(block, rowOfLabel);
    const placed = aligned ? aligned.map(({ r, values }) => ({ r, c: 0, values })) : block.map((values, i) => ({ r: r0 + i, c: c0, values }));
    placed.forEach(({ r, c, values }) =>
      values.forEach((text, j) => {
        const target = e.currentTarget.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c + j}"]`);
        if (!target) return void outside++;
        if (!(target instanceof HTMLInputElement)) return void computed++;
        const parsed = parseCellText(text);
        if (!parsed.ok) refused++;
        else filled++;
        changeCell(target.dataset.name!, parsed.ok ? parsed.value : text.trim());
      }),
    );
    const cols = Math.max(...block.map((l) => l.length));
    announce(
      `已粘贴 ${block.length} 行 × ${cols} 列${aligned ? `（按行名对齐 ${aligned.length} 行${aligned.length < block.length ? `，${block.length - aligned.length} 行无对应行名未粘贴` : ""}）` : ""}：填入 ${filled} 格` +
        (refused ? `，${refused} 格不是数字（已标出，提交审核前请改正）` : "") +
        (computed ? `，${computed} 格为自动计算的合计，未采用粘贴值` : "") +
        (outside ? `，${outside} 个值超出表格范围未粘贴` : ""),
    );
  };

  return (
    <div className="table-frame" ref={frame}>
      <table
        className={`official editable ${section}`}
        aria-label={layout.title}
        data-rows={rowCount}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      >
        {head.length > 0 && (
          <thead>
            {head.map((row, i) => (
              <GridRow key={i} cells={row} r={-1} starts={headStarts[i]!} />
            ))}
          </thead>
        )}
        <tbody>
          {body.map((row, i) => (
            <GridRow key={i} cells={row} r={rowIndex[i]!} starts={bodyStarts[i]!} />
          ))}
        </tbody>
      </table>
    </div>
  );
});

export { focusField };
