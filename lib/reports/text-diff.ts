// What changed in a narrative between two submissions, character by character (Chinese has
// no spaces between words, so a word diff would treat a whole sentence as one token). The
// diff itself is the `diff` package's; this only shapes it for reading: tiny common runs
// between two changes are folded into them (otherwise "的", "，" matched by chance split one
// rewritten phrase into confetti), and long unchanged stretches are cut to their context.
import { diffChars } from "diff";

export type DiffSegment =
  | { kind: "same"; text: string }
  | { kind: "ins" | "del"; text: string }
  /** an unchanged stretch left out: `length` characters */
  | { kind: "skip"; length: number };

export interface TextDiffOptions {
  /** characters of unchanged text kept on each side of a change */
  context?: number;
  /** common runs this short (in characters) between two changes are folded into them */
  foldBelow?: number;
  /** give up (null) when the diff takes longer than this, in ms */
  timeout?: number;
}

const length = (s: string) => [...s].length;
const head = (s: string, n: number) => [...s].slice(0, n).join("");
const tail = (s: string, n: number) => [...s].slice(-n).join("");

/** The character diff of `before` → `after` as segments to render, or null when too costly to compute. */
export function textDiff(before: string, after: string, { context = 30, foldBelow = 3, timeout = 200 }: TextDiffOptions = {}): DiffSegment[] | null {
  const changes = diffChars(before, after, { timeout });
  if (!changes) return null;
  // runs: equal text, or a change holding what was deleted and what was inserted there
  type Run = { same: string } | { del: string; ins: string };
  const runs: Run[] = [];
  for (const c of changes) {
    const last = runs[runs.length - 1];
    if (!c.added && !c.removed) runs.push({ same: c.value });
    else if (last && "del" in last) {
      if (c.added) last.ins += c.value;
      else last.del += c.value;
    } else runs.push(c.added ? { del: "", ins: c.value } : { del: c.value, ins: "" });
  }
  // fold short common runs sitting between two changes into one change
  for (let i = 1; i < runs.length - 1; i++) {
    const [prev, run, next] = [runs[i - 1]!, runs[i]!, runs[i + 1]!];
    if ("same" in run && "del" in prev && "del" in next && length(run.same) < foldBelow) {
      prev.del += run.same + next.del;
      prev.ins += run.same + next.ins;
      runs.splice(i, 2);
      i--;
    }
  }
  const segments: DiffSegment[] = [];
  runs.forEach((run, i) => {
    if ("del" in run) {
      if (run.del) segments.push({ kind: "del", text: run.del });
      if (run.ins) segments.push({ kind: "ins", text: run.ins });
      return;
    }
    const n = length(run.same);
    const first = i === 0;
    const last = i === runs.length - 1;
    const keep = (first ? 0 : context) + (last ? 0 : context);
    if (n <= keep + 10) return segments.push({ kind: "same", text: run.same });
    if (!first) segments.push({ kind: "same", text: head(run.same, context) });
    segments.push({ kind: "skip", length: n - keep });
    if (!last) segments.push({ kind: "same", text: tail(run.same, context) });
  });
  return segments;
}
