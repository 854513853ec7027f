"use client";

// 从文件导入: the clerk picks a Word / Excel / web-page report; the server reads it
// (POST /api/convert, nothing saved) and the editor's form is filled with the result for
// the clerk to check. What could not be read is listed by the editor (onImported's problems).
import type { ActionResult } from "@/lib/actions/result";
import { useId, useRef, useState, type ChangeEvent } from "react";
import type { ConvertedDocument, ConvertProblem } from "@/lib/documents/read/report-reader";
import { MAX_REPORT_FILE_BYTES } from "@/lib/exchange";

export interface ImportFromFileProps {
  onImported(document: ConvertedDocument, problems: ConvertProblem[]): void;
}

type Status = { kind: "idle" } | { kind: "busy"; file: string } | { kind: "done"; file: string; problems: number } | { kind: "error"; file: string; message: string };

const ACCEPT =
  ".docx,.xlsx,.html,.htm,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/html";

export function ImportFromFile({ onImported }: ImportFromFileProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_REPORT_FILE_BYTES) {
      setStatus({ kind: "error", file: file.name, message: `文件过大（${Math.ceil(file.size / 1024)} KB），上限 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB。` });
      return;
    }
    setStatus({ kind: "busy", file: file.name });
    try {
      const body = new FormData();
      body.append("file", file);
      const res = await fetch("/api/convert", { method: "POST", body });
      const json = (await res.json().catch(() => null)) as ActionResult<{ document: ConvertedDocument; problems: ConvertProblem[] }> | null;
      if (!json?.ok) {
        const message = json?.message ?? (res.status === 401 ? "登录已失效，请重新登录后再导入。" : `导入失败（HTTP ${res.status}），请稍后再试。`);
        setStatus({ kind: "error", file: file.name, message });
        return;
      }
      const problems = json.data.problems ?? [];
      onImported(json.data.document, problems);
      setStatus({ kind: "done", file: file.name, problems: problems.length });
    } catch {
      setStatus({ kind: "error", file: file.name, message: "网络错误，文件未能上传，请重试。" });
    } finally {
      // the same file may be chosen again after a fix
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div className="form-field import-from-file">
      <label htmlFor={id}>从文件导入</label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={ACCEPT}
        onChange={onChange}
        disabled={status.kind === "busy"}
        aria-describedby={`${id}-status`}
      />
      <p id={`${id}-status`} role="status" className={status.kind === "error" ? "alert error" : "muted"}>
        {status.kind === "idle" && "可导入 Word（.docx）、Excel（.xlsx）或网页（.html）格式的年度报告；读取结果只填入表单，不会自动保存。"}
        {status.kind === "busy" && `正在读取 ${status.file}…`}
        {status.kind === "done" &&
          (status.problems === 0
            ? `已从 ${status.file} 读取全部内容并填入表单，请核对后保存。`
            : `已从 ${status.file} 读取并填入表单；有 ${status.problems} 处未能读取，已留空，请核对补填后保存。`)}
        {status.kind === "error" && `${status.file}：${status.message}`}
      </p>
    </div>
  );
}
