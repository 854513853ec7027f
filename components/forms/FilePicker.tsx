"use client";
// A file input that speaks Chinese whatever the browser's language: the native control's
// "Choose File / No file chosen" comes from the browser's locale, so the input is visually
// hidden and a styled label `选择文件` opens it; the chosen file's name (or 未选择文件) is
// shown beside it. The input keeps its accessible name (its own label, then 选择文件).
import { forwardRef, useEffect, useId, useRef, useState, type InputHTMLAttributes } from "react";

export interface FilePickerProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id"> {
  id?: string;
  /** the field's own label, shown above the button */
  label: string;
}

export const FilePicker = forwardRef<HTMLInputElement, FilePickerProps>(function FilePicker({ id: given, label, onChange, className, ...rest }, ref) {
  const auto = useId();
  const id = given ?? auto;
  const [chosen, setChosen] = useState<string | null>(null);
  // a form's reset() empties the input without a change event: the shown name must follow
  const own = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    const form = own.current?.form;
    if (!form) return;
    const clear = () => setChosen(null);
    form.addEventListener("reset", clear);
    return () => form.removeEventListener("reset", clear);
  }, []);
  return (
    <div className={`file-picker${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} className="file-picker-label">
        {label}
      </label>
      <span className="file-picker-row">
        <input
          ref={(el) => {
            own.current = el;
            if (typeof ref === "function") ref(el);
            else if (ref) ref.current = el;
          }}
          id={id}
          type="file"
          className="visually-hidden"
          onChange={(e) => {
            setChosen(e.target.files?.[0]?.name ?? null);
            onChange?.(e);
          }}
          {...rest}
        />
        <label htmlFor={id} className={`btn secondary small file-picker-button${rest.disabled ? " disabled" : ""}`}>
          选择文件
        </label>
        <span className="file-picker-name" data-testid="file-picker-name">
          {chosen ?? "未选择文件"}
        </span>
      </span>
    </div>
  );
});
