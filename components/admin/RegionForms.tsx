"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { createRegionAction, deleteRegionAction, updateRegionAction } from "@/app/admin/regions/actions";
import { FormField } from "@/components/forms/FormField";
import { SubmitWithStatus } from "@/components/forms/SubmitWithStatus";
import { useActionForm } from "@/components/forms/use-action-form";
import { expectedParentCode, isRegionCode } from "@/lib/codes";
import { regionCreateSchema, regionUpdateSchema, type RegionCreateInput, type RegionUpdateInput } from "@/lib/admin/schemas";
import { RegionSelect } from "./RegionSelect";
import { ResultMessage } from "./ResultMessage";

/** New province, city or county; the parent follows from the code and must be one level up. */
export function RegionCreateForm({ regions }: { regions: { code: string; name: string }[] }) {
  const router = useRouter();
  const { register, handleSubmit, reset, watch, setValue, formState, message, setMessage, refused, onInvalid } = useActionForm<RegionCreateInput>({
    resolver: zodResolver(regionCreateSchema),
    defaultValues: { code: "", name: "", parentCode: "" },
  });
  const { errors, isSubmitting } = formState;
  const code = watch("code");
  useEffect(() => {
    if (isRegionCode(code)) setValue("parentCode", expectedParentCode(code) ?? "");
  }, [code, setValue]);

  const onSubmit = async (values: RegionCreateInput) => {
    setMessage(null);
    const r = await createRegionAction(values);
    if (!r.ok) return refused(r);
    setMessage({ ok: true, message: `已新建地区 ${values.name}（${values.code}）。` });
    reset();
    router.refresh();
  };

  return (
    <form onSubmit={handleSubmit(onSubmit, onInvalid)} noValidate aria-label="新建地区">
      <div className="form-grid">
        <FormField id="region-code" label="地区代码" hint="6 位行政区划代码：省 XX0000，市 XXXX00，县 XXXXXX" error={errors.code?.message}>
          <input id="region-code" inputMode="numeric" autoComplete="off" aria-describedby="region-code-hint" {...register("code")} />
        </FormField>
        <FormField id="region-name" label="地区名称" error={errors.name?.message}>
          <input id="region-name" {...register("name")} />
        </FormField>
        <FormField id="region-parent" label="上级地区" error={errors.parentCode?.message}>
          <RegionSelect id="region-parent" regions={regions} none="无（省级）" {...register("parentCode")} />
        </FormField>
      </div>
      <SubmitWithStatus label="新建地区" busy={isSubmitting} result={message} />
    </form>
  );
}

/** A region row: rename, 停用/启用, and 删除 for one that nothing refers to. */
export function RegionEditForm({ region, deletable }: { region: RegionUpdateInput; deletable: boolean }) {
  const router = useRouter();
  const { register, handleSubmit, formState, message, setMessage, onInvalid } = useActionForm<RegionUpdateInput>({ resolver: zodResolver(regionUpdateSchema), defaultValues: region });
  const { errors, isSubmitting } = formState;

  const onSubmit = async (values: RegionUpdateInput) => {
    setMessage(null);
    const r = await updateRegionAction(values);
    setMessage(r.ok ? { ok: true, message: "已保存。" } : { ok: false, message: r.message });
    if (r.ok) router.refresh();
  };
  const remove = async () => {
    setMessage(null);
    const r = await deleteRegionAction(region.code);
    setMessage(r.ok ? { ok: true, message: "已删除。" } : { ok: false, message: r.message });
    if (r.ok) router.refresh();
  };

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
