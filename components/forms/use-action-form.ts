"use client";
// The admin and account forms' one pattern: react-hook-form checks the fields in the browser,
// the server action checks them again, and the form's status region says what the last attempt
// did — its own refusal (INVALID_FORM_MESSAGE), the server's message, or the success.
import { useState } from "react";
import { useForm, type FieldValues, type Path, type UseFormProps } from "react-hook-form";
import { INVALID_FORM_MESSAGE, type ActionMessage } from "@/components/admin/ResultMessage";
import type { ActionRefused } from "@/lib/actions/result";

export function useActionForm<V extends FieldValues, C = unknown, T = V>(options: UseFormProps<V, C, T>) {
  const form = useForm<V, C, T>(options);
  const [message, setMessage] = useState<ActionMessage>(null);
  return {
    ...form,
    message,
    setMessage,
    /** the server's refusal: its field messages beside the fields, its message in the status region */
    refused(r: ActionRefused) {
      for (const [field, text] of Object.entries(r.fieldErrors ?? {})) form.setError(field as Path<V>, { message: text });
      setMessage({ ok: false, message: r.message });
    },
    // an attempt the form itself refuses is an action too: the last message must not stay beside it
    onInvalid: () => setMessage({ ok: false, message: INVALID_FORM_MESSAGE }),
  };
}
