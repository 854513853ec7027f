import type { ReactNode } from "react";

/** One right-aligned cell per item: a row of figures across years or key figures. */
export function NumCells<T>({ items, keyOf, children }: { items: readonly T[]; keyOf: (item: T) => string | number; children: (item: T) => ReactNode }) {
  return (
    <>
      {items.map((item) => (
        <td key={keyOf(item)} className="num">
          {children(item)}
        </td>
      ))}
    </>
  );
}
