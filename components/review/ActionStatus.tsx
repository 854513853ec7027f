/**
 * The status region of every form (review, account, admin): text, not only colour
 * (docs/product.md "Accessible names"). Fed the last ActionResult, or a message the form wrote.
 */
export function ActionStatus({ result, label }: { result: { ok: boolean; message: string; details?: string[] } | null; label?: string }) {
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
