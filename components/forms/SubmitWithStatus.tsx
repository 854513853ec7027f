import { ActionStatus } from "@/components/review/ActionStatus";

/** A form's submit button (disabled while it runs) and, under it, the form's status region. */
export function SubmitWithStatus({ label, busy, className = "btn", result }: { label: string; busy: boolean; className?: string; result: { ok: boolean; message: string; details?: string[] } | null }) {
  return (
    <>
      <button type="submit" className={className} disabled={busy}>
        {label}
      </button>
      <ActionStatus result={result} />
    </>
  );
}
