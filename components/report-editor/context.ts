"use client";
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { SectionKey } from "@/lib/templates";
import type { FormCell, RuleStore } from "./model";

export interface EditorComment {
  id: string;
  anchor: string | null;
  body: string;
  author: string;
  createdAt: string;
}

export interface EditorContextValue {
  store: RuleStore;
  readOnly: boolean;
  commentsByAnchor: ReadonlyMap<string, EditorComment[]>;
  /**
   * A grid cell's new value (typed or pasted; the form's field name): into the form's values,
   * the rules re-checked for it, the draft marked unsaved. No component is told but those
   * showing what changed (RuleStore's keys).
   */
  changeCell: (name: string, value: FormCell) => void;
  /** tells the status region what a paste did */
  announce: (message: string) => void;
  /** 空白格填 0: fills the blank input cells of one table, or of all */
  fillBlanks?: (section?: SectionKey) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor() {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error("useEditor outside the report editor");
  return ctx;
}

/**
 * One key of the rule store (RuleStore.subscribe): the component re-renders when that key's
 * snapshot changes, and is not even asked when another cell's results change. Without
 * `server`, the server renders the store's own snapshot (it is built from the loaded values).
 */
export function useStoreKey<T>(key: string, read: (snapshot: ReturnType<RuleStore["get"]>) => T, server?: T): T {
  const { store } = useEditor();
  const subscribe = useCallback((listener: () => void) => store.subscribe(key, listener), [store, key]);
  const snapshot = () => read(store.get());
  return useSyncExternalStore(subscribe, snapshot, server === undefined ? snapshot : () => server);
}

/** The rule messages about one cell or field, as one string (a primitive: unchanged results do not re-render). */
export function useIssues(id: string): string {
  return useStoreKey(`issues:${id}`, (s) => s.byCell.get(id)?.join("\n") ?? "", "");
}

/**
 * DOM id of the empty form that owns one grid input (its `form` attribute). Chromium's autofill
 * reads the whole form owning an edited field after each keystroke: the report's form with its
 * ~530 cells cost ~10 ms of the main thread per keystroke, a form of one field almost nothing.
 * Saving never reads a form's fields (it sends the form library's values).
 */
export const cellFormId = (id: string) => `cell-form-${id}`;

/** DOM id of a cell's input or output (cell ids contain slashes and dots; both are fine in an id). */
export const fieldDomId = (id: string) => `field-${id}`;

/** Focuses a cell or field named by a rule or comment anchor. */
export function focusField(id: string) {
  const el = document.getElementById(fieldDomId(id));
  if (el) {
    el.scrollIntoView({ block: "center" });
    el.focus();
  }
}
