"use client";
// 一、五、六: markdown with a live preview rendered like the public page, and the official
// items of the section offered as subheadings to insert.
import { memo, useDeferredValue, useRef } from "react";
import { Markdown } from "@/components/reports/Markdown";
import { useFormContext, useWatch } from "react-hook-form";
import type { NarrativeKey, NarrativeSectionDef } from "@/lib/templates";
import { countRender, fieldDomId, useEditor, useIssues } from "./context";
import type { EditorValues } from "./model";

const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

// The public page renders narrative markdown with react-markdown, raw HTML skipped
// (components/reports/ReportDocumentView.tsx); the preview uses the same settings so it
// reads as it will be published. When that renderer exports its markdown part, use it here.
const Preview = memo(function Preview({ name }: { name: `narrative.${NarrativeKey}` }) {
  countRender(name);
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
