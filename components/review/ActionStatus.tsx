import type { FormState } from "@/lib/actions/result";

/** The status region of a form: text, not only colour (docs/product.md "Accessible names"). */
export function ActionStatus({ result, label }: { result: FormState; label?: string }) {
  return (
    <div role="status" aria-live="polite" aria-label={label}>
      {result && (
        <div className={`alert ${result.ok ? "info" : "error"}`}>
          <p style={{ margin: 0 }}>{result.message}</p>
          {result.details && result.details.length > 0 && (
            <ul style={{ margin: "6px 0 0", paddingLeft: 20 }}>
              {result.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
