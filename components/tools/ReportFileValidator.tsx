"use client";

// Runs the same parser and rules as the server (lib/exchange, lib/validation) in the
// browser: the file never leaves the user's machine.
import { useState, type ChangeEvent } from "react";
import { FilePicker } from "@/components/forms/FilePicker";
import { DataTable } from "@/components/layout/DataTable";
import { checkReportDocument, MAX_REPORT_FILE_BYTES, type CheckResult } from "@/lib/exchange";
import { RULES } from "@/lib/validation";
import { reportTitle } from "@/lib/templates";

type State = { file: string } & ({ kind: "problem"; message: string } | { kind: "checked"; result: CheckResult });

export function ReportFileValidator() {
  const [state, setState] = useState<State | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_REPORT_FILE_BYTES) {
      setState({ file: file.name, kind: "problem", message: `文件过大（${Math.ceil(file.size / 1024)} KB），上限 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB。` });
      return;
    }
    let json: unknown;
    const text = await file.text();
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch {
      setState({ file: file.name, kind: "problem", message: "不是有效的 JSON 文件，请确认导出的是年度报告 JSON。" });
      return;
    }
    setState({ file: file.name, kind: "checked", result: checkReportDocument(json, { mode: "submit", sourceText: text }) });
  };

  return (
    <div>
      <div className="form-field">
        <FilePicker id="report-file" label="报告文件（.json）" accept="application/json,.json" onChange={onFile} />
      </div>
      {state?.kind === "problem" && (
        <div className="alert error" role="status">
          {state.file}：{state.message}
        </div>
      )}
      {state?.kind === "checked" && <CheckReport file={state.file} result={state.result} />}
    </div>
  );
}

function CheckReport({ file, result }: { file: string; result: CheckResult }) {
  const errors = result.violations.filter((v) => v.severity === "error");
  const warnings = result.violations.filter((v) => v.severity === "warning");
  const subject = result.doc ? reportTitle(result.doc.agency.name, result.doc.year) : file;
  return (
    <div role="status" aria-label="校验结果">
      {result.ok ? (
        <div className="alert info">
          {subject}：校验通过{warnings.length ? `，另有 ${warnings.length} 条提醒` : ""}。
        </div>
      ) : (
        <div className="alert error">
          {subject}：发现 {result.parseErrors.length + errors.length} 处问题，请修改后再导入。
        </div>
      )}
      {result.parseErrors.length > 0 && (
        <ul className="problems">
          {result.parseErrors.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {result.violations.length > 0 && (
        <DataTable
          label="校验问题"
          rows={result.violations}
          rowKey={(_, i) => i}
          columns={[
            {
              header: "规则",
              cell: (v) => (
                <>
                  {RULES[v.ruleId].title}
                  <div className="muted">{v.ruleId}</div>
                </>
              ),
            },
            { header: "级别", cell: (v) => (v.severity === "error" ? "错误" : "提醒") },
            { header: "说明", cell: (v) => v.message },
          ]}
        />
      )}
    </div>
  );
}
