// The status region every admin form reports into: text, not colour alone (docs/product.md: messages in a status region).
export type ActionMessage = { kind: "ok" | "error"; text: string } | null;

export function ResultMessage({ message }: { message: ActionMessage }) {
  return (
    <div role="status" aria-live="polite">
      {message && <p className={`alert ${message.kind === "ok" ? "info" : "error"}`}>{message.text}</p>}
    </div>
  );
}
