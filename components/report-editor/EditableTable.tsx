"use client";
// One statistical table of the report as a spreadsheet-like grid. The grid comes from the
// template's printed layout (tableLayout): merged headers and verbatim labels as on the
// official form, an input in every value cell, an <output> in every derived cell.
import { memo, useMemo, useState, useSyncExternalStore, type ClipboardEvent, type KeyboardEvent } from "react";
import { useController, useFormContext } from "react-hook-form";
import { encodeFormRowKey } from "@/lib/exchange";
import { tableLayout, type CellDef, type LayoutCell, type ReportTemplate, type SectionKey } from "@/lib/templates";
import { fieldDomId, focusField, useEditor, useIssues } from "./context";
import { formatCellText, parseCellText, parseClipboardBlock, type EditorValues, type FormCell } from "./model";

const fieldName = (cell: CellDef) => `${cell.section}.${encodeFormRowKey(cell.row)}.${cell.column}` as const;

interface Position {
  r: number;
  c: number;
}

const CellInput = memo(function CellInput({ cell, name, label, pos }: { cell: CellDef; name: string; label: string; pos: Position }) {
  const { readOnly, commentsByAnchor } = useEditor();
  const { field } = useController<EditorValues>({ name: name as never });
  const value = field.value as unknown as FormCell;
  const [text, setText] = useState(() => formatCellText(value));
  const [shown, setShown] = useState<FormCell>(value);
  // a value set from outside (paste, restore, import): show it
  if (!Object.is(value, shown)) {
    setShown(value);
    const parsed = parseCellText(text);
    if (!(parsed.ok && parsed.value === value) && text !== value) setText(formatCellText(value));
  }
  const issues = useIssues(cell.id);
  const notANumber = typeof value === "string" && value.trim() !== "";
  const comments = commentsByAnchor.get(cell.id);
  const describedBy = [notANumber ? `${fieldDomId(cell.id)}-nan` : null, issues ? `${fieldDomId(cell.id)}-issues` : null, comments ? `${fieldDomId(cell.id)}-comments` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <td className={`num cell${notANumber || issues ? " invalid" : ""}${comments ? " commented" : ""}`}>
      <input
        id={fieldDomId(cell.id)}
        ref={field.ref}
        name={name}
        value={text}
        inputMode={cell.kind === "money" ? "decimal" : "numeric"}
        autoComplete="off"
        aria-label={label}
        aria-invalid={notANumber || issues ? true : undefined}
        aria-describedby={describedBy || undefined}
        readOnly={readOnly}
        data-grid={cell.section}
        data-r={pos.r}
        data-c={pos.c}
        data-name={name}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={field.onBlur}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          const parsed = parseCellText(raw);
          const next: FormCell = parsed.ok ? parsed.value : raw;
          setShown(next);
          field.onChange(next);
        }}
      />
      {notANumber && (
        <span id={`${fieldDomId(cell.id)}-nan`} className="cell-message" role="alert">
          「{String(value)}」不是数字：已随草稿保存，提交审核前请改为数字
        </span>
      )}
      {issues && (
        <span id={`${fieldDomId(cell.id)}-issues`} className="visually-hidden">
          {issues}
        </span>
      )}
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
  const { store } = useEditor();
  const value = useSyncExternalStore(store.subscribe, () => store.get().value(cell.section, cell.row, cell.column), () => null);
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

const GridRow = memo(function GridRow({ cells, r }: { cells: readonly LayoutCell[]; r: number }) {
  let c = 0;
  return (
    <tr>
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
              <th key={j} {...span(cell)} scope="row" className="row-label">
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
              <th key={j} {...span(cell)} className="corner">
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
 * Scrolls just enough that a cell is below the sticky toolbar and the table's sticky header
 * (and above the bottom of the window). CSS scroll-padding does this for Tab; arrow moves
 * measure, since the header's height differs per table.
 */
function reveal(el: HTMLElement) {
  const table = el.closest("table");
  const toolbar = document.querySelector<HTMLElement>(".report-editor .editor-toolbar");
  let top = toolbar ? toolbar.getBoundingClientRect().bottom : 0;
  if (table?.tHead) top = Math.max(top, table.tHead.getBoundingClientRect().bottom);
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

export function EditableTable({ template, section }: { template: ReportTemplate; section: SectionKey }) {
  const { readOnly, announce } = useEditor();
  const { setValue } = useFormContext<EditorValues>();
  const layout = useMemo(() => tableLayout(template, section), [template, section]);
  // grid row index of each layout row that has value cells
  const { head, body, rowIndex, rowCount } = useMemo(() => {
    const head = layout.rows.slice(0, layout.headRowCount);
    const body = layout.rows.slice(layout.headRowCount);
    let n = 0;
    const rowIndex = body.map((row) => (row.some((c) => c.type === "value") ? n++ : -1));
    return { head, body, rowIndex, rowCount: n };
  }, [layout]);

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
        setValue(target.dataset.name as never, (parsed.ok ? parsed.value : text.trim()) as never, { shouldDirty: true });
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
    <div className="table-frame">
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
              <GridRow key={i} cells={row} r={-1} />
            ))}
          </thead>
        )}
        <tbody>
          {body.map((row, i) => (
            <GridRow key={i} cells={row} r={rowIndex[i]!} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { focusField };
