"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { scopeLabel } from "@/lib/admin/scope-label";

type Role = "CLERK" | "REVIEWER";
type Option = { code: string; path: string[] };

const WHAT = { CLERK: "单位", REVIEWER: "地区" } as const;

/**
 * 范围: a searchable select over the region → agency tree (the ARIA 1.2 combobox pattern).
 * What is typed is searched on the server (app/api/admin/scopes), which sends at most a page
 * of matches with their path; ↑/↓ move through them, Enter chooses, Esc closes. Only a chosen
 * option sets the value: typing again clears it, and the server checks the code anyway.
 * Another role needs another picker (the form gives it a new key).
 */
export function ScopePicker({
  id,
  role,
  value,
  initialLabel,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  role: Role;
  value: string;
  /** the label of the scope the user has now (edit form) */
  initialLabel?: string;
  onChange: (code: string) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const listId = useId();
  const [text, setText] = useState(value && initialLabel ? initialLabel : value);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [total, setTotal] = useState(0);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    request.current?.abort();
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const search = (q: string, delay = 150) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      try {
        const r = await fetch(`/api/admin/scopes?role=${role}&q=${encodeURIComponent(q)}`, { signal: controller.signal, cache: "no-store" });
        if (!r.ok) throw new Error(String(r.status));
        const found = (await r.json()) as { options: Option[]; total: number };
        if (controller.signal.aborted) return;
        setOptions(found.options);
        setTotal(found.total);
        setActive(found.options.length > 0 ? 0 : -1);
        setOpen(true);
        setStatus(
          found.total === 0
            ? `没有找到匹配的${WHAT[role]}。`
            : found.total > found.options.length
              ? `找到 ${found.total} 个${WHAT[role]}，列出前 ${found.options.length} 个；输入更多字可缩小范围。`
              : `找到 ${found.total} 个${WHAT[role]}。`,
        );
      } catch (e) {
        if ((e as { name?: string }).name !== "AbortError") setStatus("查找失败，请重试。");
      }
    }, delay);
  };

  const choose = (o: Option) => {
    setText(scopeLabel(o));
    setOpen(false);
    setActive(-1);
    setStatus(`已选择 ${scopeLabel(o)}。`);
    onChange(o.code);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open || options.length === 0) return search(value ? "" : text, 0);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (e.key === "Enter") {
      // choosing from the open list must not submit the form
      if (open && active >= 0 && options[active]) {
        e.preventDefault();
        choose(options[active]);
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
      }
    }
  };

  const activeId = open && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <div className="scope-picker">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={`输入${WHAT[role]}名称或代码查找`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (value) onChange("");
          search(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={`候选${WHAT[role]}`} hidden={!open || options.length === 0}>
        {options.map((o, i) => (
          <li
            key={o.code}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // keep the focus in the input: the click chooses, the blur would close the list first
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            {o.path.join(" › ")}
            <span className="code">{o.code}</span>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" aria-live="polite">
        {status}
      </span>
      {open && total > options.length && (
        <span className="hint" aria-hidden="true">
          共 {total} 个，列出前 {options.length} 个；输入更多字可缩小范围。
        </span>
      )}
    </div>
  );
}
