/**
 * Results of expensive calls (model fits) kept by the content of their input ranges, so
 * that recalculating the sheet — which Excel does often — never refits a model whose
 * inputs have not changed. A hit compares the inputs element by element (a hash only
 * picks the slot), so a collision can never return another range's result.
 * Holds the 32 most recently used entries.
 */
interface Entry {
  key: string;
  inputs: readonly ArrayLike<number>[];
  value: unknown;
}

const CAPACITY = 32;
const entries: Entry[] = [];
let hits = 0;
let misses = 0;

/** FNV-1a over the inputs' 64-bit floats, plus their lengths: O(total length). */
function hash(tag: string, inputs: readonly ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  for (const a of inputs) {
    h = Math.imul(h ^ a.length, 0x01000193);
    for (let i = 0; i < a.length; i++) {
      f[0] = a[i];
      h = Math.imul(h ^ u[0], 0x01000193);
      h = Math.imul(h ^ u[1], 0x01000193);
    }
  }
  return `${tag}:${(h >>> 0).toString(16)}`;
}

function same(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  return true;
}

/** Returns the cached result for `tag` and these inputs, or computes and keeps it. Errors are not kept. */
export function memoByContent<T>(tag: string, inputs: readonly ArrayLike<number>[], compute: () => T): T {
  const key = hash(tag, inputs);
  const i = entries.findIndex((e) => e.key === key && same(e.inputs, inputs));
  if (i >= 0) {
    hits++;
    const [e] = entries.splice(i, 1);
    entries.unshift(e);
    return e.value as T;
  }
  misses++;
  const value = compute();
  entries.unshift({ key, inputs: inputs.map((a) => Float64Array.from(a as ArrayLike<number>)), value });
  if (entries.length > CAPACITY) entries.pop();
  return value;
}

/** Hit and miss counts since the last reset (for tests and the benchmark). */
export function cacheStats(): { hits: number; misses: number; size: number } {
  return { hits, misses, size: entries.length };
}

export function clearCache(): void {
  entries.length = 0;
  hits = 0;
  misses = 0;
}
