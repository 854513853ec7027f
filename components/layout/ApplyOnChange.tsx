"use client";
// Makes the GET filter form it sits in apply each choice at once: a change navigates to the
// form's URL (client-side, so the focus stays on the control just changed) and the submit
// button is hidden. Without JavaScript nothing of this runs: the button stays and submits.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

export function ApplyOnChange() {
  const marker = useRef<HTMLSpanElement>(null);
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    const apply = () => {
      const query = new URLSearchParams();
      for (const [name, value] of new FormData(form)) if (typeof value === "string" && value !== "") query.append(name, value);
      const path = new URL(form.action || window.location.href, window.location.href).pathname;
      startTransition(() => router.push(query.size ? `${path}?${query}` : path, { scroll: false }));
    };
    const submitted = (e: SubmitEvent) => {
      e.preventDefault();
      apply();
    };
    form.classList.add("applies-on-change");
    form.addEventListener("change", apply);
    form.addEventListener("submit", submitted);
    return () => {
      form.classList.remove("applies-on-change");
      form.removeEventListener("change", apply);
      form.removeEventListener("submit", submitted);
    };
  }, [router]);

  return (
    <span ref={marker} className="muted small apply-on-change-hint" role="status" aria-live="polite">
      {pending ? "正在筛选…" : ""}
    </span>
  );
}
