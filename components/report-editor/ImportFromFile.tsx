"use client";

// 从文件导入: the clerk picks a Word / Excel / web-page report; the server reads it
// (POST /api/convert, nothing saved) and hands the result to the editor, which decides what to
// take (asking first when it would overwrite what was typed, or when the file is of another
// year) and says so in `result`: one message for the whole import.
import type { ActionResult } from "@/lib/actions/result";
import { useRef, useState, type ChangeEvent, type ReactNode } from "react";
import { FilePicker } from "@/components/forms/FilePicker";
import type { ConvertedDocument, ConvertProblem } from "@/lib/documents/read/report-reader";
import { MAX_REPORT_FILE_BYTES } from "@/lib/exchange";

export interface ImportFromFileProps {
  onImported(document: ConvertedDocument, problems: ConvertProblem[], fileName: string): void;
  /** what the editor made of the file read last: its message, and the choices it offers */
  result: { text: string; actions?: ReactNode } | null;
}

type Status = { kind: "idle" } | { kind: "busy"; file: string } | { kind: "read" } | { kind: "error"; file: string; message: string };

const ACCEPT =
  ".docx,.xlsx,.html,.htm,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/html";

const ID = "import-from-file";

export function ImportFromFile({ onImported, result }: ImportFromFileProps) {
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
      setStatus({ kind: "read" });
      onImported(json.data.document, json.data.problems ?? [], file.name);
    } catch {
      setStatus({ kind: "error", file: file.name, message: "网络错误，文件未能上传，请重试。" });
    } finally {
      // the same file may be chosen again after a fix
      if (input.current) input.current.value = "";
    }
  };

  return (
    <div className="form-field import-from-file">
      <FilePicker ref={input} id={ID} label="从文件导入" accept={ACCEPT} onChange={onChange} disabled={status.kind === "busy"} aria-describedby={`${ID}-status`} />
      <p id={`${ID}-status`} role="status" aria-label="导入结果" className={status.kind === "error" ? "alert error" : status.kind === "read" ? "import-result" : "muted"}>
        {status.kind === "idle" && "可导入 Word（.docx）、Excel（.xlsx）或网页（.html）格式的年度报告；读取结果只填入表单，不会自动保存。"}
        {status.kind === "busy" && `正在读取 ${status.file}…`}
        {status.kind === "read" && result?.text}
        {status.kind === "error" && `${status.file}：${status.message}`}
      </p>
      {status.kind === "read" && result?.actions && <div className="import-actions">{result.actions}</div>}
    </div>
  );
}
