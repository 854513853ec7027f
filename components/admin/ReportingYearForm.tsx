"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { createReportingYearAction, updateReportingYearAction } from "@/app/admin/years/actions";
import { FormField } from "@/components/forms/FormField";
import { SubmitWithStatus } from "@/components/forms/SubmitWithStatus";
import { useActionForm } from "@/components/forms/use-action-form";
import { defaultTemplateForYear, reportingYearSchema, type ReportingYearInput } from "@/lib/admin/schemas";

type FormValues = { year: unknown; template: "2019" | "2021"; deadline: string; open: boolean };

/** New reporting year (the template follows the year unless changed) or a year's deadline, template and state. */
export function ReportingYearForm({ year }: { year?: ReportingYearInput }) {
  const router = useRouter();
  const editing = Boolean(year);
  const { register, handleSubmit, watch, setValue, formState, message, setMessage, refused, onInvalid } = useActionForm<FormValues, unknown, ReportingYearInput>({
    resolver: zodResolver(reportingYearSchema),
    defaultValues: year ?? { year: "", template: "2021", deadline: "", open: true },
  });
  const { errors, isSubmitting, dirtyFields } = formState;
  const typedYear = Number(watch("year"));
  useEffect(() => {
    if (!editing && !dirtyFields.template && Number.isInteger(typedYear) && typedYear > 2000) setValue("template", defaultTemplateForYear(typedYear));
  }, [editing, typedYear, dirtyFields.template, setValue]);

  const onSubmit = async (values: ReportingYearInput) => {
    setMessage(null);
    const r = editing ? await updateReportingYearAction(values) : await createReportingYearAction(values);
    if (!r.ok) return refused(r);
    setMessage({ ok: true, message: editing ? "已保存。" : `已新建 ${values.year} 年度。` });
    router.refresh();
  };

  const id = (f: string) => `year-${year?.year ?? "new"}-${f}`;
  return (
    <form onSubmit={handleSubmit(onSubmit, onInvalid)} noValidate aria-label={editing ? `${year!.year} 年度设置` : "新建报告年度"} className="row-actions">
      {editing ? (
        <input type="hidden" {...register("year")} />
      ) : (
        <FormField id={id("year")} label="年度" error={errors.year?.message}>
          <input id={id("year")} inputMode="numeric" {...register("year")} />
        </FormField>
      )}
      <FormField id={id("template")} label="报告格式" error={errors.template?.message}>
        <select id={id("template")} {...register("template")}>
          <option value="2019">2019 版（国办公开办函〔2019〕60号）</option>
          <option value="2021">2021 版（国办公开办函〔2021〕30号）</option>
        </select>
      </FormField>
      <FormField id={id("deadline")} label="报送截止" error={errors.deadline?.message}>
        <input id={id("deadline")} type="date" {...register("deadline")} />
      </FormField>
      <label className="form-check">
        <input type="checkbox" {...register("open")} /> 开放填报
      </label>
      <SubmitWithStatus label={editing ? "保存" : "新建年度"} className="btn small" busy={isSubmitting} result={message} />
    </form>
  );
}
