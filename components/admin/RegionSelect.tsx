import { forwardRef, type SelectHTMLAttributes } from "react";

/** A select of regions shown as 名称（代码）; `none` labels an empty first choice. */
export const RegionSelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & { regions: readonly { code: string; name: string }[]; none?: string }>(
  function RegionSelect({ regions, none, ...rest }, ref) {
    return (
      <select ref={ref} {...rest}>
        {none !== undefined && <option value="">{none}</option>}
        {regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}（{r.code}）
          </option>
        ))}
      </select>
    );
  },
);
