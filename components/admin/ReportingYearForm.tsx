"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { createReportingYearAction, updateReportingYearAction } from "@/app/admin/years/actions";
import { defaultTemplateForYear, reportingYearSchema, type ReportingYearInput } from "@/lib/admin/schemas";
import { INVALID_FORM_MESSAGE, ResultMessage, type ActionMessage } from "./ResultMessage";

type FormValues = { year: unknown; template: "2019" | "2021"; deadline: string; open: boolean };

/** New reporting year (the template follows the year unless changed) or a year's deadline, template and state. */
export function ReportingYearForm({ year }: { year?: ReportingYearInput }) {
  const router = useRouter();
  const editing = Boolean(year);
  const [message, setMessage] = useState<ActionMessage>(null);
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    setError,
    formState: { errors, isSubmitting, dirtyFields },
  } = useForm<FormValues, unknown, ReportingYearInput>({
    resolver: zodResolver(reportingYearSchema),
    defaultValues: year ?? { year: "", template: "2021", deadline: "", open: true },
  });
  const typedYear = Number(watch("year"));
  useEffect(() => {
    if (!editing && !dirtyFields.template && Number.isInteger(typedYear) && typedYear > 2000) setValue("template", defaultTemplateForYear(typedYear));
  }, [editing, typedYear, dirtyFields.template, setValue]);

  const onSubmit = async (values: ReportingYearInput) => {
    setMessage(null);
    const r = editing ? await updateReportingYearAction(values) : await createReportingYearAction(values);
    if (!r.ok) {
      for (const [field, text] of Object.entries(r.fieldErrors ?? {})) setError(field as keyof FormValues, { message: text });
      return setMessage({ kind: "error", text: r.message });
    }
    setMessage({ kind: "ok", text: editing ? "已保存。" : `已新建 ${values.year} 年度。` });
    router.refresh();
  };

  // an attempt the form itself refuses is an action too: the last message must not stay beside it
  const onInvalid = () => setMessage({ kind: "error", text: INVALID_FORM_MESSAGE });
  const id = (f: string) => `year-${year?.year ?? "new"}-${f}`;
  return (
    <form onSubmit={handleSubmit(onSubmit, onInvalid)} noValidate aria-label={editing ? `${year!.year} 年度设置` : "新建报告年度"} className="row-actions">
      {editing ? (
        <input type="hidden" {...register("year")} />
      ) : (
        <div className="form-field">
          <label htmlFor={id("year")}>年度</label>
          <input id={id("year")} inputMode="numeric" {...register("year")} />
          {errors.year && <span className="field-error">{errors.year.message}</span>}
        </div>
      )}
      <div className="form-field">
        <label htmlFor={id("template")}>报告格式</label>
        <select id={id("template")} {...register("template")}>
          <option value="2019">2019 版（国办公开办函〔2019〕60号）</option>
          <option value="2021">2021 版（国办公开办函〔2021〕30号）</option>
        </select>
        {errors.template && <span className="field-error">{errors.template.message}</span>}
      </div>
      <div className="form-field">
        <label htmlFor={id("deadline")}>报送截止</label>
        <input id={id("deadline")} type="date" {...register("deadline")} />
        {errors.deadline && <span className="field-error">{errors.deadline.message}</span>}
      </div>
      <label className="form-check">
        <input type="checkbox" {...register("open")} /> 开放填报
      </label>
      <button type="submit" className="btn small" disabled={isSubmitting}>
        {editing ? "保存" : "新建年度"}
      </button>
      <ResultMessage message={message} />
    </form>
  );
}
