// The status region every admin form reports into: text, not colour alone (docs/product.md: messages in a status region).
// It holds the outcome of the form's last action only: each attempt (one the form itself refuses too) replaces it.
export type ActionMessage = { kind: "ok" | "error"; text: string } | null;

/** What an attempt refused by the form's own checks says (the fields say why). */
export const INVALID_FORM_MESSAGE = "未保存：请检查标出的字段。";

export function ResultMessage({ message }: { message: ActionMessage }) {
  return (
    <div role="status" aria-live="polite">
      {message && <p className={`alert ${message.kind === "ok" ? "info" : "error"}`}>{message.text}</p>}
    </div>
  );
}
