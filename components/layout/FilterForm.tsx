// A list page's filters as a plain GET form: works without JavaScript, and the URL is the
// state (bookmarkable, shareable). Used by /review and the administration lists.
// `applyOnChange`: with JavaScript each choice applies at once and the button is hidden.
import { ApplyOnChange } from "./ApplyOnChange";

export interface FilterOption {
  value: string;
  label: string;
}

export type FilterField =
  | { kind: "search"; name: string; label: string; value: string; placeholder: string; accessibleName: string }
  /** `all`: the label of the empty choice ("全部"), or none when a value is required */
  | { kind: "select"; name: string; label: string; value: string; options: FilterOption[]; all?: string; accessibleName?: string };

export function FilterForm({
  fields,
  submitLabel,
  className = "filters",
  applyOnChange = false,
  ...form
}: {
  fields: FilterField[];
  submitLabel: string;
  className?: string;
  applyOnChange?: boolean;
  role?: string;
  "aria-label"?: string;
}) {
  return (
    <form className={className} method="get" {...form}>
      {fields.map((f) =>
        f.kind === "search" ? (
          <label key={f.name}>
            {f.label} <input name={f.name} defaultValue={f.value} placeholder={f.placeholder} aria-label={f.accessibleName} />
          </label>
        ) : (
          <label key={f.name}>
            {f.label}{" "}
            <select name={f.name} defaultValue={f.value} aria-label={f.accessibleName}>
              {f.all !== undefined && <option value="">{f.all}</option>}
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ),
      )}
      <button className="btn secondary" type="submit">
        {submitLabel}
      </button>
      {applyOnChange && <ApplyOnChange />}
    </form>
  );
}
