/**
 * One value per process, whichever copy of a module asks for it. Next's build gives each route
 * and instrumentation.ts (what runs in front of Next: the draft save, the response cache) a copy
 * of every module they import, so a module-level `const` is one per copy: a cache the editor's
 * page fills would not be the one the save reads, and a pool registry would miss the pools
 * another copy made. `key` names the value on the process's global (Symbol.for: the same symbol
 * in every copy); `make` runs once, for the first copy that asks.
 */
export function processWide<T>(key: string, make: () => T): T {
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  return (slots[Symbol.for(`govreports.${key}`)] ??= make());
}
