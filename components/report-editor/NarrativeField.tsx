"use client";
// 一、五、六: markdown with a live preview rendered like the public page, and the official
// items of the section offered as subheadings to insert.
import { memo, useDeferredValue, useRef, type ClipboardEvent } from "react";
import { Markdown } from "@/components/reports/Markdown";
import { useFormContext, useWatch } from "react-hook-form";
import type { NarrativeKey, NarrativeSectionDef } from "@/lib/templates";
import { fieldDomId, useEditor, useIssues } from "./context";
import type { EditorValues } from "./model";
import { clipboardToMarkdown, insertBlocks } from "./word-paste";

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

// The public page renders narrative markdown with react-markdown, raw HTML skipped
// (components/reports/ReportDocumentView.tsx); the preview uses the same settings so it
// reads as it will be published. When that renderer exports its markdown part, use it here.
const Preview = memo(function Preview({ name }: { name: `narrative.${NarrativeKey}` }) {
  const text = useWatch<EditorValues>({ name }) as string;
  const deferred = useDeferredValue(text);
  return (
    <div className="report-document narrative-preview" aria-label="预览（按公开页面的样式）">
      <div className="narrative">{deferred?.trim() ? <Markdown>{deferred}</Markdown> : <p className="muted">（尚未填写）</p>}</div>
    </div>
  );
});

export function NarrativeField({ def }: { def: NarrativeSectionDef }) {
  const { readOnly, commentsByAnchor } = useEditor();
  const { register, getValues, setValue } = useFormContext<EditorValues>();
  const name = `narrative.${def.key}` as const;
  const id = `narrative.${def.key}`;
  const issues = useIssues(id);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const { ref, ...field } = register(name);
  const comments = commentsByAnchor.get(id) ?? [];

  const insertHeading = (index: number, item: string) => {
    const current = (getValues(name) as string) ?? "";
    const el = textarea.current;
    const at = el ? el.selectionStart : current.length;
    const before = current.slice(0, at);
    const heading = `### （${ORDINALS[index] ?? index + 1}）${item}`;
    const insert = `${before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : ""}${heading}\n\n`;
    const next = before + insert + current.slice(at);
    setValue(name, next, { shouldDirty: true });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.selectionStart = el.selectionEnd = before.length + insert.length;
    });
  };

  /**
   * Replaces [start, end) of the textarea with `text` the way typing would (execCommand keeps
   * the browser's undo and fires the input event the form listens to); where that is not
   * available, through the form.
   */
  const replaceRange = (start: number, end: number, text: string, select?: [number, number]) => {
    const el = textarea.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(start, end);
    const typed = typeof document.execCommand === "function" && document.execCommand("insertText", false, text);
    if (!typed) {
      const current = el.value;
      setValue(name, current.slice(0, start) + text + current.slice(end), { shouldDirty: true });
    }
    const [a, b] = select ?? [start + text.length, start + text.length];
    requestAnimationFrame(() => el.setSelectionRange(a, b));
  };

  /** Word/WPS paste: the clipboard's paragraphs, bold and numbering lines kept as markdown. */
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (readOnly) return;
    const md = clipboardToMarkdown(
      { html: e.clipboardData.getData("text/html"), text: e.clipboardData.getData("text/plain") },
      (html) => new DOMParser().parseFromString(html, "text/html"),
    );
    if (md === null) return; // one line of plain text: the textarea takes it as it is
    e.preventDefault();
    const el = e.currentTarget;
    // the paste as blocks of their own: blank lines around it where the text needs them
    const { text, caret } = insertBlocks(el.value, el.selectionStart, el.selectionEnd, md);
    replaceRange(el.selectionStart, el.selectionEnd, text, [caret, caret]);
  };

  /** The whole lines the selection touches. */
  const selectedLines = () => {
    const el = textarea.current!;
    const v = el.value;
    const start = v.lastIndexOf("\n", el.selectionStart - 1) + 1;
    let end = v.indexOf("\n", Math.max(el.selectionEnd - (el.selectionEnd > el.selectionStart && v[el.selectionEnd - 1] === "\n" ? 1 : 0), start));
    if (end < 0) end = v.length;
    return { start, end, lines: v.slice(start, end).split("\n") };
  };

  const makeHeading = () => {
    const { start, end, lines } = selectedLines();
    const all = lines.every((l) => /^#{1,6}\s/.test(l));
    if (lines.length === 1 && lines[0]!.trim() === "") return replaceRange(start, end, "### 小标题", [start + 4, start + 7]);
    const text = lines.map((l) => (all ? l.replace(/^#{1,6}\s+/, "") : l.trim() ? `### ${l.replace(/^#{1,6}\s+/, "").replace(/^[\s\u3000]+/, "")}` : l)).join("\n");
    replaceRange(start, end, text);
  };

  const makeBold = () => {
    const el = textarea.current!;
    const s = el.selectionStart;
    const e = el.selectionEnd;
    const selected = el.value.slice(s, e);
    if (!selected.trim()) return replaceRange(s, e, "**加粗文字**", [s + 2, s + 6]);
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(selected)!;
    const bolded = /^\*\*[\s\S]+\*\*$/.test(m[2]!) ? m[2]!.slice(2, -2) : `**${m[2]}**`;
    replaceRange(s, e, `${m[1]}${bolded}${m[3]}`);
  };

  const makeList = () => {
    const { start, end, lines } = selectedLines();
    const marker = /^(\d+\.|[-*+])\s+/;
    const filled = lines.filter((l) => l.trim());
    const all = filled.length > 0 && filled.every((l) => marker.test(l));
    let n = 0;
    const text = lines.map((l) => (!l.trim() ? l : all ? l.replace(marker, "") : `${++n}. ${l.replace(marker, "").replace(/^[\s\u3000]+/, "")}`)).join("\n");
    replaceRange(start, end, text.trim() ? text : "1. ");
  };

  return (
    <section className="card narrative-field" aria-labelledby={`${fieldDomId(id)}-label`}>
      <h2 id={`${fieldDomId(id)}-label`}>
        <label htmlFor={fieldDomId(id)}>{def.title}</label>
        {def.required ? <span className="required-mark">（必填）</span> : <span className="muted small">（选填）</span>}
      </h2>
      {def.guidance.length > 0 && (
        <div className="guidance">
          <span className="muted small">可插入的小标题：</span>
          {def.guidance.map((g, i) => (
            <button key={g} type="button" className="btn small secondary" disabled={readOnly} onClick={() => insertHeading(i, g)}>
              插入小标题：{g}
            </button>
          ))}
        </div>
      )}
      {comments.length > 0 && (
        <ul className="comments" aria-label={`${def.title} 的审核意见`}>
          {comments.map((c) => (
            <li key={c.id}>
              审核意见（{c.author}）：{c.body}
            </li>
          ))}
        </ul>
      )}
      <div className="format-bar" role="toolbar" aria-label={`${def.title} 的格式`}>
        {/* mousedown would take the focus and the selection the buttons act on */}
        <button type="button" className="btn small secondary" disabled={readOnly} onMouseDown={(e) => e.preventDefault()} onClick={makeHeading} title="所选各行设为小标题">
          小标题
        </button>
        <button type="button" className="btn small secondary" disabled={readOnly} onMouseDown={(e) => e.preventDefault()} onClick={makeBold} title="所选文字加粗">
          加粗
        </button>
        <button type="button" className="btn small secondary" disabled={readOnly} onMouseDown={(e) => e.preventDefault()} onClick={makeList} title="所选各行设为编号列表">
          列表
        </button>
        <span className="muted small">从 Word 粘贴会保留段落、加粗和“一、”“（一）”小标题。</span>
      </div>
      <div className="narrative-columns">
        <textarea
          id={fieldDomId(id)}
          {...field}
          ref={(el) => {
            ref(el);
            textarea.current = el;
          }}
          rows={14}
          readOnly={readOnly}
          onPaste={onPaste}
          aria-invalid={issues ? true : undefined}
          aria-describedby={issues ? `${fieldDomId(id)}-issues` : undefined}
          placeholder="支持 Markdown：### 小标题，1. 编号段落，**加粗**"
        />
        <Preview name={name} />
      </div>
      {issues && (
        <p id={`${fieldDomId(id)}-issues`} className="field-error">
          {issues}
        </p>
      )}
    </section>
  );
}
