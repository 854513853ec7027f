"use client";

import { useRef, useState } from "react";
import { confirmImportAction, previewImportAction } from "@/app/admin/import/actions";
import type { ActionDone } from "@/lib/actions/result";
import { FilePicker } from "@/components/forms/FilePicker";
import { DataTable } from "@/components/layout/DataTable";
import { OneTimePasswords } from "./OneTimePasswords";
import { ResultMessage, type ActionMessage } from "./ResultMessage";

const MAX_BYTES = 400 * 1024;
const FILE_LABEL = { agencies: "单位名单", users: "用户名单" } as const;
const FILES = [
  { key: "agencies", hint: "表头：代码,名称,类型,所属地区代码；类型为“乡镇”或“部门”" },
  { key: "users", hint: "表头：用户名,姓名,角色,范围；角色为“填报人”“审核人”或“管理员”" },
] as const;
const KIND_LABEL = { TOWNSHIP: "乡镇", DEPARTMENT: "部门" } as const;
const ROLE_LABEL = { CLERK: "填报人", REVIEWER: "审核人", ADMIN: "管理员" } as const;
const FIELD_LABEL: Record<string, string> = { name: "名称", kind: "类型", regionCode: "所属地区代码" };

/** 修改：名称 旧 → 新；… */
function describeChanges(changes: Record<string, [unknown, unknown]>) {
  return `修改：${Object.entries(changes)
    .map(([f, [from, to]]) => `${FIELD_LABEL[f] ?? f} ${from} → ${to}`)
    .join("；")}`;
}

type Plan = (Awaited<ReturnType<typeof previewImportAction>> & { ok: true })["data"];
type Imported = (Awaited<ReturnType<typeof confirmImportAction>> & { ok: true })["data"];

/**
 * 批量导入: the two CSV files are sent to the server for 预览导入 and sent again for 确认导入,
 * where they are parsed and checked anew; nothing the browser shows is trusted.
 */
export function OnboardingForm() {
  const form = useRef<HTMLFormElement>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [done, setDone] = useState<Imported | null>(null);
  const [problems, setProblems] = useState<Plan["problems"]>([]);
  const [message, setMessage] = useState<ActionMessage>(null);
  const [busy, setBusy] = useState(false);

  const formData = () => {
    const data = new FormData(form.current!);
    for (const key of ["agencies", "users"] as const) {
      const f = data.get(key);
      if (f instanceof File && f.size > MAX_BYTES) throw new Error(`${FILE_LABEL[key]}超过 400 KB，请分批导入。`);
    }
    return data;
  };

  const preview = async () => {
    setBusy(true);
    setDone(null);
    setPlan(null);
    setMessage(null);
    try {
      const r = await previewImportAction(formData());
      if (!r.ok) {
        setProblems([]);
        setMessage({ ok: false, message: r.message });
      } else if (r.data.problems.length > 0) {
        setProblems(r.data.problems);
        setMessage({ ok: false, message: `发现 ${r.data.problems.length} 处错误，整份文件不能导入。请修改后重新预览。` });
      } else {
        setProblems([]);
        setPlan(r.data);
        const n = r.data.agencies.create.length + r.data.agencies.update.length + r.data.users.create.length;
        setMessage(n > 0 ? { ok: true, message: "检查通过。请核对下列内容，确认无误后点击“确认导入”。" } : { ok: false, message: "没有需要新建或修改的内容。" });
      }
    } catch (e) {
      setMessage({ ok: false, message: e instanceof Error ? e.message : "预览失败，请重试。" });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!plan) return;
    setBusy(true);
    setMessage(null);
    try {
      const data = formData();
      data.set("digest", plan.digest);
      const r = await confirmImportAction(data);
      if (r.ok) {
        setDone(r.data);
        setPlan(null);
        setProblems([]);
        form.current?.reset();
        setMessage({ ok: true, message: `导入完成：新建单位 ${r.data.agenciesCreated} 个，修改单位 ${r.data.agenciesUpdated} 个，新建用户 ${r.data.accounts.length} 个。` });
      } else {
        setProblems(r.data?.problems ?? []);
        setMessage({ ok: false, message: r.message });
        setPlan(null);
      }
    } catch (e) {
      setMessage({ ok: false, message: e instanceof Error ? e.message : "导入失败，请重试。" });
    } finally {
      setBusy(false);
    }
  };

  const work = plan ? plan.agencies.create.length + plan.agencies.update.length + plan.users.create.length : 0;

  return (
    <>
      <form ref={form} className="card" aria-label="批量导入" onSubmit={(e) => (e.preventDefault(), preview())} onChange={() => setPlan(null)}>
        <div className="form-grid">
          {FILES.map(({ key, hint }) => (
            <div key={key} className="form-field">
              <FilePicker id={`import-${key}`} name={key} label={`${FILE_LABEL[key]}（CSV）`} accept=".csv,text/csv" aria-describedby={`import-${key}-hint`} />
              <span id={`import-${key}-hint`} className="hint">
                {hint}
              </span>
            </div>
          ))}
        </div>
        <p className="muted">
          支持 UTF-8（可带 BOM）和 GBK 编码（Excel“CSV（逗号分隔）”）。每个文件不超过 400 KB。整份文件全部正确才会导入，确认之前不写入任何数据。
        </p>
        <div className="row-actions">
          <button type="submit" className="btn secondary" disabled={busy}>
            预览导入
          </button>
          <button type="button" className="btn" disabled={busy || !plan || work === 0} onClick={confirm}>
            确认导入
          </button>
        </div>
        <ResultMessage message={message} />
      </form>

      {problems.length > 0 && (
        <div className="card">
          <h2>错误（{problems.length}）</h2>
          <DataTable
            label="导入错误"
            className="problem-list"
            rows={problems}
            rowKey={(_, i) => i}
            columns={[
              { header: "文件", cell: (p) => FILE_LABEL[p.file] },
              { header: "行号", cell: (p) => (p.line ? `第 ${p.line} 行` : "—") },
              { header: "原因", cell: (p) => p.message },
            ]}
          />
        </div>
      )}

      {plan && work > 0 && (
        <div className="card">
          <h2>将要导入的内容</h2>
          <p>
            新建单位 <strong>{plan.agencies.create.length}</strong> 个，修改单位 <strong>{plan.agencies.update.length}</strong> 个
            {plan.agencies.unchanged > 0 && `（另有 ${plan.agencies.unchanged} 个与现有记录相同，不变）`}，新建用户{" "}
            <strong>{plan.users.create.length}</strong> 个。
            {Object.entries(plan.encodings).map(([k, enc]) => ` ${FILE_LABEL[k as keyof typeof FILE_LABEL]}编码：${enc}。`)}
          </p>
          {plan.agencies.create.length + plan.agencies.update.length > 0 && (
            <DataTable
              label="将导入的单位"
              rows={[...plan.agencies.create.map((a) => ({ ...a, operation: "新建" })), ...plan.agencies.update.map((a) => ({ ...a, operation: describeChanges(a.changes) }))]}
              rowKey={(a) => a.code}
              columns={[
                { header: "行号", cell: (a) => a.line },
                { header: "操作", cell: (a) => a.operation },
                { header: "代码", cell: (a) => a.code },
                { header: "名称", cell: (a) => a.name },
                { header: "类型", cell: (a) => KIND_LABEL[a.kind] },
                { header: "所属地区", cell: (a) => `${a.regionName}（${a.regionCode}）` },
              ]}
            />
          )}
          {plan.users.create.length > 0 && (
            <DataTable
              label="将新建的用户"
              rows={plan.users.create}
              rowKey={(u) => u.username}
              columns={[
                { header: "行号", cell: (u) => u.line },
                { header: "用户名", cell: (u) => u.username },
                { header: "姓名", cell: (u) => u.displayName },
                { header: "角色", cell: (u) => ROLE_LABEL[u.role] },
                { header: "范围", cell: (u) => (u.scopeCode ? `${u.scopeName ?? ""}（${u.scopeCode}）` : "全部") },
              ]}
            />
          )}
        </div>
      )}

      {done && done.accounts.length > 0 && <OneTimePasswords accounts={done.accounts} caption="新建用户的一次性密码" downloadId={done.downloadId} />}
    </>
  );
}
