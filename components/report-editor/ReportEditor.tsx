"use client";
// The clerk's editor for one report: every part of the template (header, 一 to 六), the
// grids as spreadsheets, live rule results, drafts that never lose work, preview, submit.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { FormProvider, useController, useForm, useFormContext, useFormState, type Resolver } from "react-hook-form";
import { submitReportAction } from "@/app/workspace/actions";
import type { DraftSaveReply } from "@/lib/server/reports/save-draft-reply";
import { ImportFromFile } from "./ImportFromFile";
import { ReportDocumentView } from "@/components/reports/ReportDocumentView";
import { reportDraftSchema, type ReportDocument } from "@/lib/exchange";
import { cellsOf, CONTACT_LABELS, FIELD_LABELS, getTemplate, NARRATIVE_KEYS, SECTION_KEYS, type OutlineKey, type SectionKey } from "@/lib/templates";
import type { ConvertedDocument } from "@/lib/documents/read/report-reader";
import type { ValidationOptions } from "@/lib/validation";
import { errorsOf } from "@/lib/validation";
import { cellFormId, EditorContext, fieldDomId, focusField, useEditor, useIssues, type EditorComment } from "./context";
import { EditableTable } from "./EditableTable";
import {
  clearLocalCopy,
  documentToFormValues,
  issueFieldId,
  formatDateText,
  parseDateText,
  formValuesToDocument,
  formValuesToEntries,
  localCopyKey,
  planImport,
  readLocalCopy,
  RuleStore,
  blankCells,
  textCells,
  withZeros,
  writeLocalCopy,
  type EditorValues,
  type Entries,
  type FormCell,
  type ImportPlan,
  type LocalCopy,
} from "./model";
import { NarrativeField } from "./NarrativeField";
import { BlankCount, SectionIssues, ValidationSummary } from "./ValidationSummary";
import "./editor.css";

export interface ReportEditorProps {
  reportId: string;
  userId: string;
  version: number;
  document: ReportDocument;
  /** cellId → text that is not a number, saved with the draft */
  cellTexts?: Readonly<Record<string, string>>;
  lastYear: ValidationOptions["lastYear"];
  returnReason: string | null;
  correctionReason: string | null;
  comments: EditorComment[];
}

type Notice = { kind: "error" | "info"; text: string; signIn?: boolean } | null;

/** A grid input's own form is never submitted (Enter moves between cells; 保存草稿 saves). */
const noSubmit = (e: FormEvent) => e.preventDefault();

/** Up to three cells named as the clerk reads them (row and column), with what they hold. */
function textCellNames(texts: { id: string; text: string }[]) {
  const names = texts.slice(0, 3).map(({ id, text }) => {
    const el = typeof document === "undefined" ? null : document.getElementById(fieldDomId(id));
    return `「${el?.getAttribute("aria-label") ?? id}」中的“${text}”`;
  });
  return names.join("、") + (texts.length > 3 ? " 等" : "");
}

/** A field as the clerk reads it: a cell's row and column, a text field's label. */
function fieldLabel(id: string) {
  const el = typeof document === "undefined" ? null : document.getElementById(fieldDomId(id));
  return el?.getAttribute("aria-label") ?? (el ? (el as HTMLInputElement).labels?.[0]?.textContent : null) ?? id;
}

const timeFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", second: "2-digit" });

const HEADER_FIELDS = [
  { key: "contact.address", label: CONTACT_LABELS.address, type: "text", autoComplete: "street-address" },
  { key: "contact.phone", label: CONTACT_LABELS.phone, type: "tel", autoComplete: "tel" },
  { key: "contact.email", label: CONTACT_LABELS.email, type: "email", autoComplete: "email" },
] as const;

function HeaderField({ name, label, type, autoComplete }: { name: "contact.address" | "contact.phone" | "contact.email"; label: string; type: string; autoComplete: string }) {
  const { register } = useFormContext<EditorValues>();
  const { readOnly } = useEditor();
  const { errors } = useFormState<EditorValues>({ name });
  const schemaError = name.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], errors) as { message?: string } | undefined;
  const issues = useIssues(name);
  const message = [schemaError?.message, issues].filter(Boolean).join("；");
  return (
    <div className="form-field">
      <label htmlFor={fieldDomId(name)}>{label}</label>
      <input
        id={fieldDomId(name)}
        type={type}
        autoComplete={autoComplete}
        readOnly={readOnly}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${fieldDomId(name)}-error` : undefined}
        {...register(name)}
      />
      {message && (
        <span id={`${fieldDomId(name)}-error`} className="field-error">
          {message}
        </span>
      )}
    </div>
  );
}

/**
 * 成文日期 typed and shown as 年/月/日 whatever the browser's language (a date input would say
 * "mm/dd/yyyy" on an English one); "2025-01-20", "2025/1/20" are taken too. The form holds
 * YYYY-MM-DD, the saved format; text that is no date stays as typed, marked, and is not saved.
 */
function IssuedOnField() {
  const { readOnly } = useEditor();
  const { field } = useController<EditorValues, "issuedOn">({ name: "issuedOn" });
  const value = field.value;
  const [text, setText] = useState(() => formatDateText(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // set from outside (import, restore)
    setShown(value);
    if (parseDateText(text) !== value) setText(formatDateText(value));
  }
  const parsed = parseDateText(text);
  const problem = parsed === undefined ? "成文日期应为有效日期，如 2025年1月20日（也可输入 2025-01-20）" : null;
  const id = fieldDomId("issuedOn");
  return (
    <div className="form-field">
      <label htmlFor={id}>{FIELD_LABELS.issuedOn}</label>
      <input
        id={id}
        ref={field.ref}
        name={field.name}
        type="text"
        inputMode="text"
        autoComplete="off"
        placeholder="____年__月__日"
        value={text}
        readOnly={readOnly}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseDateText(e.target.value);
          const v = next === undefined ? e.target.value : next;
          setShown(v);
          field.onChange(v);
        }}
        onBlur={() => {
          if (parsed) setText(formatDateText(parsed));
          field.onBlur();
        }}
      />
      <span id={`${id}-hint`} className={problem ? "field-error" : "field-hint"}>
        {problem ?? "按 年/月/日 填写，如 2025年1月20日，也可输入 2025-01-20"}
      </span>
    </div>
  );
}

function CommentList({ comments, label }: { comments: EditorComment[]; label: string }) {
  if (comments.length === 0) return null;
  return (
    <ul className="comments" aria-label={label}>
      {comments.map((c) => (
        <li key={c.id}>
          {c.anchor && c.anchor.includes("/") ? (
            <a
              href={`#${fieldDomId(c.anchor)}`}
              onClick={(e) => {
                e.preventDefault();
                focusField(c.anchor!);
              }}
            >
              审核意见（{c.author}）：{c.body}
            </a>
          ) : (
            <>
              审核意见（{c.author}）：{c.body}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}


/**
 * 保存草稿 through the save route (app/api/drafts/route.ts): its answer, or a thrown error when
 * the server could not be reached or answered something else (a proxy's error page).
 */
async function postDraft(input: unknown): Promise<DraftSaveReply> {
  const r = await fetch("/api/drafts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(input), cache: "no-store" });
  const body = (await r.json().catch(() => null)) as DraftSaveReply | null;
  if (!body || typeof body.ok !== "boolean" || typeof body.message !== "string") throw new Error(`HTTP ${r.status}`);
  return body;
}

export function ReportEditor(props: ReportEditorProps) {
  const { reportId, userId, document: loaded } = props;
  const router = useRouter();
  const template = getTemplate(loaded.template);
  const cellTexts = props.cellTexts;
  const initial = useMemo(() => documentToFormValues(loaded, cellTexts), [loaded, cellTexts]);
  const resolver = useMemo(() => zodResolver(reportDraftSchema(loaded.template, { formKeys: true })) as unknown as Resolver<EditorValues>, [loaded.template]);
  const form = useForm<EditorValues>({ defaultValues: initial, resolver, mode: "onSubmit", reValidateMode: "onSubmit" });
  const [store] = useState(() => new RuleStore(loaded.template, props.lastYear, initial));

  const version = useRef(props.version);
  /** the values as the server has them at `version`: a conflict names what changed since */
  const base = useRef<Entries>(formValuesToEntries(initial));
  const storageKey = localCopyKey(reportId, userId);
  const [unsaved, setUnsaved] = useState(false);
  const [status, setStatus] = useState("");
  const [notice, setNotice] = useState<Notice>(null);
  const [offer, setOffer] = useState<LocalCopy | null>(null);
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const [preview, setPreview] = useState<ReportDocument | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const commentsByAnchor = useMemo(() => {
    const m = new Map<string, EditorComment[]>();
    for (const c of props.comments) if (c.anchor) (m.get(c.anchor) ?? m.set(c.anchor, []).get(c.anchor)!).push(c);
    return m;
  }, [props.comments]);
  const announce = useCallback((message: string) => setStatus(message), []);
  /** 空白格填 0: only blank input cells; derived cells are outputs, text stays flagged */
  const fillBlanks = useCallback(
    (section?: SectionKey) => {
      const values = form.getValues();
      const blanks = blankCells(loaded.template, values, section);
      if (blanks.length === 0) return;
      // one reset, not a setValue per cell: the rules run once
      form.reset(withZeros(values, blanks), { keepDefaultValues: true });
      store.update(form.getValues());
      setUnsaved(true);
      setStatus(`已将 ${blanks.length} 个空白格填为 0${section ? `（${template.sections[section].title}）` : ""}，尚未保存`);
    },
    [form, store, loaded.template, template],
  );
  // every change: rules re-run (only what shows a changed result re-renders), a local copy is kept
  const copyTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const edited = useCallback(
    (name?: string) => {
      store.update(form.getValues(), name);
      setUnsaved(true);
      clearTimeout(copyTimer.current);
      copyTimer.current = setTimeout(() => writeLocalCopy(storageKey, { version: version.current, at: new Date().toISOString(), values: form.getValues() }), 300);
    },
    [form, store, storageKey],
  );
  useEffect(() => () => clearTimeout(copyTimer.current), []);
  // a grid cell: set in the form's values directly (no component subscribes to the form for a cell)
  const changeCell = useCallback(
    (name: string, value: FormCell) => {
      form.setValue(name as never, value as never);
      edited(name);
    },
    [form, edited],
  );
  // the text fields (registered with the form): their changes only, so that a cell's change is
  // not offered to this subscription nor makes the form copy its values for it
  useEffect(() => form.subscribe({ name: ["issuedOn", "contact", "narrative"], formState: { values: true }, callback: ({ name }) => edited(name) }), [form, edited]);
  const context = useMemo(
    () => ({ store, readOnly: false, commentsByAnchor, changeCell, announce, fillBlanks }),
    [store, commentsByAnchor, changeCell, announce, fillBlanks],
  );

  // entries left unsaved by a crash, a closed tab or an expired session
  useEffect(() => {
    const copy = readLocalCopy(storageKey);
    if (!copy) return;
    if (JSON.stringify(formValuesToEntries(copy.values)) === JSON.stringify(formValuesToEntries(initial))) clearLocalCopy(storageKey);
    else setOffer(copy);
  }, [storageKey, initial]);

  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  useEffect(() => {
    if (preview) dialog.current?.showModal();
  }, [preview]);

  /** what the last import did or asks, shown in the import panel (the toolbar's status says the same) */
  const [importResult, setImportResult] = useState<{ text: string; actions?: ReactNode } | null>(null);

  /** Puts a planned import into the form; nothing is saved until 保存草稿. */
  const applyImport = useCallback(
    (plan: ImportPlan, file: string, problems: readonly string[], textOnly: boolean) => {
      form.reset(plan.values, { keepDefaultValues: true });
      store.update(form.getValues());
      setUnsaved(true);
      setNotice(null);
      const text = textOnly
        ? `已从文件导入正文与联系方式（${file}；数字未导入），尚未保存${plan.overwrites.length ? `；替换了您填写的 ${plan.overwrites.length} 项` : ""}。`
        : `已从文件填入，尚未保存（${file}）${plan.overwrites.length ? `；替换了您填写的 ${plan.overwrites.length} 项` : ""}${
            plan.zeros ? `；导入的表格中 ${plan.zeros} 个空白格按 0 填入，请核对` : ""
          }${problems.length ? `；文件中有 ${problems.length} 处未能读取，已留空，请核对补填：${problems.slice(0, 5).join("；")}${problems.length > 5 ? "……" : ""}` : ""}。`;
      setStatus(text);
      setImportResult({ text });
    },
    [form, store],
  );

  const cancelImport = useCallback((file: string) => {
    const text = `未导入 ${file}，表单未改变。`;
    setStatus(text);
    setImportResult({ text });
  }, []);

  /**
   * 从文件导入: a file of this report's year and template fills the form, after asking when it
   * would replace what was typed (saying how much); a file of another year offers its
   * narratives and contact only (its figures are another year's).
   */
  const offerImport = useCallback(
    (doc: ConvertedDocument, problems: readonly string[], file: string) => {
      const current = form.getValues();
      const sameYear = doc.template === loaded.template && (doc.year ?? loaded.year) === loaded.year;
      const whole = { ...doc, year: doc.year ?? loaded.year } as ReportDocument;
      const names = (ids: string[]) => ids.slice(0, 3).map(fieldLabel).join("、") + (ids.length > 3 ? " 等" : "");
      if (sameYear) {
        const plan = planImport(current, whole, false);
        if (plan.overwrites.length === 0) return applyImport(plan, file, problems, false);
        const text = `${file} 会替换您已填写的 ${plan.overwrites.length} 项（${names(plan.overwrites)}）：确认后才导入。`;
        setStatus(text);
        setImportResult({
          text,
          actions: (
            <>
              <button type="button" className="btn small" onClick={() => applyImport(planImport(form.getValues(), whole, false), file, problems, false)}>
                导入并替换 {plan.overwrites.length} 项
              </button>{" "}
              <button type="button" className="btn small secondary" onClick={() => cancelImport(file)}>
                取消导入
              </button>
            </>
          ),
        });
        return;
      }
      // another year (or the other template): only what does not depend on the year
      const plan = planImport(current, whole, true);
      const textProblems = problems.filter((p) => p.startsWith("联系方式") || NARRATIVE_KEYS.some((k) => p.startsWith(template.narrative[k].title)));
      const text =
        `${file} 是 ${doc.year ?? "未知"} 年度的报告（${doc.template} 模板），本报告是 ${loaded.year} 年度：其中的数字不能作为本年度的数字导入。` +
        `可以只导入正文（一、五、六）与联系方式${plan.overwrites.length ? `，这会替换您已填写的 ${plan.overwrites.length} 项（${names(plan.overwrites)}）` : ""}。`;
      setStatus(text);
      setImportResult({
        text,
        actions: (
          <>
            <button type="button" className="btn small" onClick={() => applyImport(planImport(form.getValues(), whole, true), file, textProblems, true)}>
              仅导入正文与联系方式
            </button>{" "}
            <button type="button" className="btn small secondary" onClick={() => cancelImport(file)}>
              取消导入
            </button>
          </>
        ),
      });
    },
    [form, loaded, template, applyImport, cancelImport],
  );

  const restore = () => {
    if (!offer) return;
    form.reset(offer.values, { keepDefaultValues: true });
    store.update(form.getValues());
    setUnsaved(true);
    setOffer(null);
    setStatus("已恢复未保存的内容，请保存草稿。");
  };
  const discard = () => {
    clearLocalCopy(storageKey);
    setOffer(null);
    setStatus("已放弃未保存的内容。");
  };

  const failed = async (e: unknown) => {
    // the sign-in gate answers an expired session with a redirect, not with the action's result
    const session = await fetch("/api/auth/session", { cache: "no-store" })
      .then((r) => r.json())
      .catch(() => null);
    if (session && !session.user) {
      setNotice({ kind: "error", signIn: true, text: "登录已过期，未保存。您填写的内容仍在本页，也已保存在本机浏览器中：请在新标签页重新登录，再回到本页点击「保存草稿」。" });
    } else {
      setNotice({ kind: "error", text: `无法连接服务器，未保存（${e instanceof Error ? e.message : "网络错误"}）。您填写的内容仍在本页，也已保存在本机浏览器中，请稍后再试。` });
    }
    setStatus("未保存");
  };

  const payload = () => {
    const values = form.getValues();
    return { values, input: { reportId, expectedVersion: version.current, entries: formValuesToEntries(values), base: base.current } };
  };

  /**
   * The draft schema the server reads a save with (text in a cell passes; a date that is no
   * date, a 201-character cell or a bad e-mail does not): refused here first, with the message
   * beside the field and the save status naming it.
   */
  const draftProblems = async () => {
    // the errors shown beside the fields come from the resolver; the names from the schema itself
    if (await form.trigger()) return null;
    const checked = reportDraftSchema(loaded.template, { formKeys: true }).safeParse(form.getValues());
    if (checked.success) return null;
    const fields = [...new Set(checked.error.issues.map((i) => issueFieldId(i.path)))];
    const names = fields.slice(0, 3).map((f) => fieldLabel(f));
    focusField(fields[0]!);
    return `未保存：${fields.length} 处格式不对（${names.join("、")}${fields.length > 3 ? " 等" : ""}），请按提示改正`;
  };

  const save = async () => {
    setBusy("save");
    setNotice(null);
    const refused = await draftProblems();
    if (refused) {
      setStatus(refused);
      setBusy(null);
      return;
    }
    const { values, input } = payload();
    try {
      const result = await postDraft(input);
      if (result.ok) {
        const saved = result.data;
        version.current = saved.version;
        base.current = input.entries;
        clearLocalCopy(storageKey);
        setUnsaved(JSON.stringify(formValuesToEntries(form.getValues())) !== JSON.stringify(formValuesToEntries(values)));
        const texts = textCells(values);
        setStatus(
          `已保存（${timeFmt.format(new Date(saved.savedAt))}，第 ${saved.version} 版）` +
            (texts.length ? `；${texts.length} 格填的不是数字（已标出，如${textCellNames(texts)}），提交审核前请改为数字` : ""),
        );
      } else {
        setNotice({ kind: "error", text: result.message, signIn: result.status === 401 });
        setStatus("未保存");
      }
    } catch (e) {
      await failed(e);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    setNotice(null);
    store.mode = "submit";
    store.update(form.getValues());
    const schemaOk = await form.trigger();
    const ruleErrors = errorsOf(store.get().violations);
    if (!schemaOk || ruleErrors.length > 0) {
      setNotice({ kind: "error", text: `还有 ${ruleErrors.length || "若干"} 处错误，不能提交审核：请按“校验结果”逐项改正（必填项也要填写，没有发生的填 0）。` });
      const texts = textCells(form.getValues());
      setStatus(texts.length ? `未提交：${texts.length} 格填的不是数字（${textCellNames(texts)}），请改为数字` : `未提交：还有 ${ruleErrors.length || "若干"} 处错误`);
      document.getElementById("validation-summary")?.focus();
      return;
    }
    setBusy("submit");
    const { values, input } = payload();
    try {
      const result = await submitReportAction(input);
      // a refusal after the save still carries the version the save reached
      const reached = result.ok ? result.data.version : result.data?.version;
      if (reached) {
        version.current = reached;
        base.current = input.entries;
      }
      if (result.ok) {
        clearLocalCopy(storageKey);
        setUnsaved(false);
        setStatus("已提交审核");
        router.refresh();
      } else {
        if (reached) setUnsaved(JSON.stringify(formValuesToEntries(form.getValues())) !== JSON.stringify(formValuesToEntries(values)));
        const details = result.details?.join("；");
        setNotice({ kind: "error", text: details ? `${result.message}：${details}` : result.message, signIn: result.status === 401 });
        setStatus(reached ? "已保存，未提交" : "未提交");
      }
    } catch (e) {
      await failed(e);
    } finally {
      setBusy(null);
    }
  };

  const inputCells = useMemo(() => cellsOf(template).flatMap((c) => (c.derived ? [] : [c.id])), [template]);
  const generalComments = props.comments.filter((c) => !c.anchor || c.anchor === "contact");
  const part = (key: OutlineKey) => {
    switch (key) {
      case "overview":
      case "problems":
      case "other":
        return <NarrativeField key={key} def={template.narrative[key]} />;
      default: {
        const s = template.sections[key];
        return (
          <section key={key} className="card table-section" aria-labelledby={`section-${key}`}>
            <h2 id={`section-${key}`}>{s.title}</h2>
            <EditableTable template={template} section={key} />
            <BlankCount section={key} title={s.title} />
            <SectionIssues section={key} title={s.title} />
            <CommentList comments={props.comments.filter((c) => c.anchor?.startsWith(`${key}/`))} label={`${s.title} 的审核意见`} />
          </section>
        );
      }
    }
  };

  return (
    <EditorContext.Provider value={context}>
      <FormProvider {...form}>
        <form
          className="report-editor"
          aria-label="填报表单"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="editor-toolbar" role="toolbar" aria-label="填报操作">
            <button type="submit" className="btn" disabled={busy !== null}>
              保存草稿
            </button>
            <button type="button" className="btn" disabled={busy !== null} onClick={submit}>
              提交审核
            </button>
            <button type="button" className="btn secondary" onClick={() => setPreview(formValuesToDocument(form.getValues()))}>
              预览
            </button>
            <p role="status" aria-live="polite" aria-label="保存状态" className="save-status" title={status || undefined}>
              {status || (unsaved ? "有未保存的修改" : "")}
            </p>
          </div>

          {/* its own panel, not in the sticky toolbar: the toolbar stays one line */}
          <section className="card import-panel" aria-labelledby="import-panel-title">
            <h2 id="import-panel-title">导入已有的报告文件</h2>
            <ImportFromFile
              // a file whose title names no year is taken for this report's year
              onImported={(doc, problems, file) => offerImport(doc, problems.map((p) => `${p.where}：${p.reason}`), file)}
              result={importResult}
            />
          </section>

          {notice && (
            <div role="alert" className={`alert ${notice.kind}`}>
              {notice.text}
              {notice.signIn && (
                <>
                  {" "}
                  <a href={`/login?callbackUrl=${encodeURIComponent(`/workspace/reports/${reportId}`)}`} target="_blank" rel="noopener">
                    在新标签页登录
                  </a>
                </>
              )}
            </div>
          )}

          {offer && (
            <div className="alert info" role="region" aria-label="未保存的内容">
              <p>
                本机保存有您在 {timeFmt.format(new Date(offer.at))} 填写但尚未保存的内容
                {offer.version !== props.version ? `（填写时为第 ${offer.version} 版，报告现为第 ${props.version} 版）` : ""}。
              </p>
              <button type="button" className="btn small" onClick={restore}>
                恢复未保存的内容
              </button>{" "}
              <button type="button" className="btn small secondary" onClick={discard}>
                放弃
              </button>
            </div>
          )}

          {props.returnReason && (
            <div className="alert error" role="region" aria-label="退回理由">
              <strong>审核人退回：</strong>
              {props.returnReason}
            </div>
          )}
          {props.correctionReason && (
            <div className="alert info" role="region" aria-label="更正说明">
              <strong>更正说明：</strong>
              {props.correctionReason}
            </div>
          )}
          <CommentList comments={generalComments} label="对整份报告的审核意见" />

          <section className="card header-fields" aria-labelledby="header-title">
            <h2 id="header-title">联系方式与成文日期</h2>
            <div className="grid-4">
              {HEADER_FIELDS.map((f) => (
                <HeaderField key={f.key} name={f.key} label={f.label} type={f.type} autoComplete={f.autoComplete} />
              ))}
              <IssuedOnField />
            </div>
          </section>

          {template.outline.map(part)}

          <ValidationSummary />
        </form>
        {/* each grid input's own form (cellFormId), outside the report's form: forms do not nest */}
        <div hidden>
          {inputCells.map((id) => (
            <form key={id} id={cellFormId(id)} onSubmit={noSubmit} />
          ))}
        </div>
      </FormProvider>

      {preview && (
        <dialog ref={dialog} className="preview-dialog" aria-label="预览" onClose={() => setPreview(null)}>
          <div className="preview-bar">
            <span>预览：公开后将如下所示</span>
            <button type="button" className="btn small" onClick={() => dialog.current?.close()}>
              关闭预览
            </button>
          </div>
          <ReportDocumentView doc={preview} />
        </dialog>
      )}
    </EditorContext.Provider>
  );
}
