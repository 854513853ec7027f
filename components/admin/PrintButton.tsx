"use client";

/** Opens the browser's print dialog (the page's print CSS decides what goes on paper). */
export function PrintButton({ label = "打印" }: { label?: string }) {
  return (
    <button type="button" className="btn" onClick={() => window.print()}>
      {label}
    </button>
  );
}
