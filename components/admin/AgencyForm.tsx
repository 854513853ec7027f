"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createAgencyAction, deleteAgencyAction, updateAgencyAction } from "@/app/admin/agencies/actions";
import { FormField } from "@/components/forms/FormField";
import { useActionForm } from "@/components/forms/use-action-form";
import { agencyUpdateSchema, type AgencyUpdateInput } from "@/lib/admin/schemas";
import { RegionSelect } from "./RegionSelect";
import { ResultMessage } from "./ResultMessage";

type Values = AgencyUpdateInput;

/** New agency, or edit of one (code, name, kind, region, active) with 删除 for one without history. */
export function AgencyForm({ agency, regions }: { agency?: Values & { deletable: boolean }; regions: { code: string; name: string; level: string }[] }) {
  const router = useRouter();
  const editing = Boolean(agency);
  // unticking 启用 of an active agency asks 确认停用 before saving
  const [deactivating, setDeactivating] = useState<Values | null>(null);
  const { register, handleSubmit, reset, formState, message, setMessage, refused, onInvalid } = useActionForm<Values>({
    // one schema for both: a new agency carries a placeholder id and is active
    resolver: zodResolver(agencyUpdateSchema),
    defaultValues: agency ?? { id: "new", code: "", name: "", kind: "TOWNSHIP", regionCode: regions.find((r) => r.level === "COUNTY")?.code ?? "", active: true },
  });

  const onSubmit = async (values: Values) => {
    if (editing && agency!.active && !values.active) {
      setMessage(null);
      setDeactivating(values);
      return;
    }
    await save(values);
  };

  const save = async ({ id, active, ...fields }: Values) => {
    setDeactivating(null);
    setMessage(null);
    const r = editing ? await updateAgencyAction({ id, active, ...fields }) : await createAgencyAction(fields);
    if (!r.ok) return refused(r);
    setMessage({ ok: true, message: editing ? "已保存。" : `已新建单位 ${fields.name}。` });
    if (!editing) reset();
    router.refresh();
  };

  const remove = async () => {
    setMessage(null);
    const r = await deleteAgencyAction(agency!.id);
    if (!r.ok) return setMessage({ ok: false, message: r.message });
    router.replace("/admin/agencies");
    router.refresh();
  };

  const { errors, isSubmitting } = formState;

  return (
    <form onSubmit={handleSubmit(onSubmit, onInvalid)} noValidate aria-label={editing ? "编辑单位" : "新建单位"}>
      <div className="form-grid">
        <FormField id="agency-code" label="单位代码" error={errors.code?.message}>
          <input id="agency-code" autoComplete="off" {...register("code")} />
        </FormField>
        <FormField id="agency-name" label="单位名称" error={errors.name?.message}>
          <input id="agency-name" {...register("name")} />
        </FormField>
        <FormField id="agency-kind" label="类型">
          <select id="agency-kind" {...register("kind")}>
            <option value="TOWNSHIP">乡镇</option>
            <option value="DEPARTMENT">部门</option>
          </select>
        </FormField>
        <FormField id="agency-region" label="所属地区" error={errors.regionCode?.message}>
          <RegionSelect id="agency-region" regions={regions} {...register("regionCode")} />
        </FormField>
      </div>
      {editing && (
        <label className="form-check">
          <input type="checkbox" {...register("active")} /> 启用（停用的单位不再出现在审核工作台，历史报告保留）
        </label>
      )}
      {deactivating && (
        <div className="row-actions" role="group" aria-label="确认停用单位">
          <span>
            停用后 {agency!.name} 不再出现在审核工作台，其填报人不能再填报；历史报告保留。
          </span>
          <button type="button" className="btn small" onClick={() => save(deactivating)} autoFocus>
            确认停用
          </button>
          <button type="button" className="btn small secondary" onClick={() => setDeactivating(null)}>
            取消
          </button>
        </div>
      )}
      <div className="row-actions">
        <button type="submit" className="btn" disabled={isSubmitting}>
          {editing ? "保存" : "新建单位"}
        </button>
        {editing && agency!.deletable && (
          <button type="button" className="btn secondary" onClick={remove}>
            删除
          </button>
        )}
      </div>
      <ResultMessage message={message} />
    </form>
  );
}
