/**
 * Structural equality of JSON-like values. Edits share unchanged sub-trees, so the identity
 * check up front makes comparing a draft with its saved version cost about the size of what
 * changed. Keys whose value is `undefined` count as absent (JSON drops them).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ka = Object.entries(a).filter(([, v]) => v !== undefined);
  const kb = Object.entries(b).filter(([, v]) => v !== undefined);
  if (ka.length !== kb.length) return false;
  const bm = new Map(kb);
  return ka.every(([k, v]) => bm.has(k) && deepEqual(v, bm.get(k)));
}
