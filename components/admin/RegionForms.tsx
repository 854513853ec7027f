"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { createRegionAction, deleteRegionAction, updateRegionAction } from "@/app/admin/regions/actions";
import { expectedParentCode, isRegionCode } from "@/lib/codes";
import { regionCreateSchema, regionUpdateSchema, type RegionCreateInput, type RegionUpdateInput } from "@/lib/admin/schemas";
import { INVALID_FORM_MESSAGE, ResultMessage, type ActionMessage } from "./ResultMessage";

/** New province, city or county; the parent follows from the code and must be one level up. */
export function RegionCreateForm({ regions }: { regions: { code: string; name: string }[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<ActionMessage>(null);
  const {
    register,
    handleSubmit,
    reset,
    watch,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegionCreateInput>({ resolver: zodResolver(regionCreateSchema), defaultValues: { code: "", name: "", parentCode: "" } });
  const code = watch("code");
  useEffect(() => {
    if (isRegionCode(code)) setValue("parentCode", expectedParentCode(code) ?? "");
  }, [code, setValue]);

  const onSubmit = async (values: RegionCreateInput) => {
    setMessage(null);
    const r = await createRegionAction(values);
    if (!r.ok) {
      for (const [field, text] of Object.entries(r.fieldErrors ?? {})) setError(field as keyof RegionCreateInput, { message: text });
      return setMessage({ kind: "error", text: r.message });
    }
    setMessage({ kind: "ok", text: `已新建地区 ${values.name}（${values.code}）。` });
    reset();
    router.refresh();
  };
  // an attempt the form itself refuses is an action too: the last message must not stay beside it
  const onInvalid = () => setMessage({ kind: "error", text: INVALID_FORM_MESSAGE });

  return (
    <form onSubmit={handleSubmit(onSubmit, onInvalid)} noValidate aria-label="新建地区">
      <div className="form-grid">
        <div className="form-field">
          <label htmlFor="region-code">地区代码</label>
          <input id="region-code" inputMode="numeric" autoComplete="off" aria-describedby="region-code-hint" {...register("code")} />
          <span id="region-code-hint" className="hint">
            6 位行政区划代码：省 XX0000，市 XXXX00，县 XXXXXX
          </span>
          {errors.code && <span className="field-error">{errors.code.message}</span>}
        </div>
        <div className="form-field">
          <label htmlFor="region-name">地区名称</label>
          <input id="region-name" {...register("name")} />
          {errors.name && <span className="field-error">{errors.name.message}</span>}
        </div>
        <div className="form-field">
          <label htmlFor="region-parent">上级地区</label>
          <select id="region-parent" {...register("parentCode")}>
            <option value="">无（省级）</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}（{r.code}）
              </option>
            ))}
          </select>
          {errors.parentCode && <span className="field-error">{errors.parentCode.message}</span>}
        </div>
      </div>
      <button type="submit" className="btn" disabled={isSubmitting}>
        新建地区
      </button>
      <ResultMessage message={message} />
    </form>
  );
}

/** A region row: rename, 停用/启用, and 删除 for one that nothing refers to. */
export function RegionEditForm({ region, deletable }: { region: RegionUpdateInput; deletable: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<ActionMessage>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<RegionUpdateInput>({ resolver: zodResolver(regionUpdateSchema), defaultValues: region });

  const onSubmit = async (values: RegionUpdateInput) => {
    setMessage(null);
    const r = await updateRegionAction(values);
    setMessage(r.ok ? { kind: "ok", text: "已保存。" } : { kind: "error", text: r.message });
    if (r.ok) router.refresh();
  };
  const remove = async () => {
    setMessage(null);
    const r = await deleteRegionAction(region.code);
    setMessage(r.ok ? { kind: "ok", text: "已删除。" } : { kind: "error", text: r.message });
    if (r.ok) router.refresh();
  };
  // an attempt the form itself refuses is an action too: the last message must not stay beside it
  const onInvalid = () => setMessage({ kind: "error", text: INVALID_FORM_MESSAGE });

  return (
    <form onSubmit={handleSubmit(onSubmit, onInvalid)} noValidate aria-label={`编辑地区 ${region.code}`} className="row-actions">
      <input type="hidden" {...register("code")} />
      <input aria-label={`${region.code} 名称`} {...register("name")} />
      {errors.name && <span className="field-error">{errors.name.message}</span>}
      <label className="form-check" style={{ margin: 0 }}>
        <input type="checkbox" {...register("active")} /> 启用
      </label>
      <button type="submit" className="btn small secondary" disabled={isSubmitting}>
        保存
      </button>
      {deletable && (
        <button type="button" className="btn small secondary" onClick={remove}>
          删除
        </button>
      )}
      <ResultMessage message={message} />
    </form>
  );
}
