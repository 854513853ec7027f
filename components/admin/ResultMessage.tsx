// The status region every admin form reports into: text, not colour alone (docs/product.md: messages in a status region).
// It holds the outcome of the form's last action only: each attempt (one the form itself refuses too) replaces it.
import { ActionStatus } from "@/components/review/ActionStatus";

/** What the form's last attempt did: an ActionResult's `ok` and `message`, or the form's own words. */
export type ActionMessage = { ok: boolean; message: string; details?: string[] } | null;

/** What an attempt refused by the form's own checks says (the fields say why). */
export const INVALID_FORM_MESSAGE = "未保存：请检查标出的字段。";

/** The one status region of forms (ActionStatus). */
export function ResultMessage({ message }: { message: ActionMessage }) {
  return <ActionStatus result={message} />;
}
