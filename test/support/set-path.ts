/**
 * Sets (or, for `undefined`, deletes) the value at `path` inside `target`, making the objects on
 * the way, for property tests that change one place of a body. The value is a copy (fast-check's
 * constants are shared between runs, and setting one into a body could make it cyclic), and is
 * set as an own property even for "__proto__", as JSON.parse makes it.
 */
export function setPath(target: Record<string, any>, path: string[], value: unknown) {
  let o = target;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== "object" || o[k] === null) o[k] = {};
    o = o[k];
  }
  if (value === undefined) delete o[path.at(-1)!];
  else Object.defineProperty(o, path.at(-1)!, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
}
