/** What a review server action hands back to its form: shown in the form's status region. */
export type ActionResult = { ok: boolean; message: string; details?: string[] } | null;
