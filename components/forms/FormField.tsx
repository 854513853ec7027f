import type { ReactNode } from "react";

/**
 * One labelled field of a form: its label (the control's accessible name, `htmlFor` = the
 * control's id), the control itself, an optional hint (`${id}-hint`, for the control's
 * aria-describedby) and the field's error message.
 */
export function FormField({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
