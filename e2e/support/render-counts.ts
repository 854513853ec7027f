// Which of the editor's cells re-render, measured from outside the app: React calls the
// DevTools hook (`__REACT_DEVTOOLS_GLOBAL_HOOK__`) after every commit, in production builds too,
// and this one, installed before the page's scripts run, walks the committed fiber tree for the
// components that rendered in that commit. Nothing in the app's code counts anything.
//
// A component rendered in a commit when it is new (no alternate) or carries React's
// PerformedWork flag; a subtree React skipped keeps last commit's fibers (its parent's child is
// the same object as before) and is not walked. A cell's components are named by the `cell`
// prop (CellInput, DerivedOutput: the cell's id), a narrative preview by its `narrative.*` name.
import type { Page } from "@playwright/test";

type Counts = Record<string, number>;
const GLOBAL = "__e2eCellRenders";
/** every function component rendered, named or not, and the commits: `*` and `#commits` in the counts */
const ALL = "*";
const COMMITS = "#commits";

export async function countCellRenders(page: Page) {
  await page.addInitScript(([globalName, all, commits]) => {
    type Fiber = { tag: number; flags: number; alternate: Fiber | null; child: Fiber | null; sibling: Fiber | null; memoizedProps: unknown };
    const counts: Record<string, number> = {};
    (window as unknown as Record<string, unknown>)[globalName] = counts;
    // FunctionComponent, ForwardRef, SimpleMemoComponent (react-reconciler's work tags)
    const FUNCTION_TAGS = new Set([0, 11, 15]);
    const PERFORMED_WORK = 1;
    const idOf = (props: unknown): string | null => {
      const p = props as { cell?: { id?: unknown }; name?: unknown } | null;
      if (typeof p?.cell?.id === "string") return p.cell.id;
      if (typeof p?.name === "string" && p.name.startsWith("narrative.")) return p.name;
      return null;
    };
    const visit = (first: Fiber | null) => {
      for (let f = first; f; f = f.sibling) {
        const mounted = f.alternate === null;
        if (FUNCTION_TAGS.has(f.tag) && (mounted || (f.flags & PERFORMED_WORK) !== 0)) {
          counts[all] = (counts[all] ?? 0) + 1;
          const id = idOf(f.memoizedProps);
          if (id) counts[id] = (counts[id] ?? 0) + 1;
        }
        if (f.child && (mounted || f.child !== f.alternate!.child)) visit(f.child);
      }
    };
    (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => {
        counts[commits] = (counts[commits] ?? 0) + 1;
        visit(root.current);
      },
    };
  }, [GLOBAL, ALL, COMMITS] as const);
}

/** Forgets what was counted so far. */
export async function resetCellRenders(page: Page) {
  await page.evaluate((globalName) => {
    const counts = (window as unknown as Record<string, Counts>)[globalName]!;
    for (const k of Object.keys(counts)) delete counts[k];
  }, GLOBAL);
}

/** The cells (and narrative previews) rendered since the last reset, with how often. */
export async function cellRenders(page: Page): Promise<Counts> {
  const counts = await page.evaluate((globalName) => ({ ...(window as unknown as Record<string, Counts>)[globalName] }), GLOBAL);
  delete counts[ALL];
  delete counts[COMMITS];
  return counts;
}

/** Every function component rendered since the last reset (cells or not: a grid row, a table, the editor), and React's commits. */
export async function componentRenders(page: Page): Promise<{ components: number; commits: number }> {
  const counts = await page.evaluate((globalName) => ({ ...(window as unknown as Record<string, Counts>)[globalName] }), GLOBAL);
  return { components: counts[ALL] ?? 0, commits: counts[COMMITS] ?? 0 };
}
