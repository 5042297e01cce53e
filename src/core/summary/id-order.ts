/**
 * The order of customer ids: numerically when both are digit strings ("2" < "10"), else by code
 * unit; {@link sortPresent} sorts a summary's customers into it without a string comparator in
 * the hot path.
 */

/** Compares customer ids: numerically when both are digit strings ("2" < "10"), else by code unit. Allocation-free. */
export function compareIds(a: string, b: string): number {
  const za = leadingZeros(a);
  const zb = leadingZeros(b);
  return compareIdKeys(a, za, b, zb);
}

/** -1 when s is not all digits, else the index of its first significant digit. */
export function leadingZeros(s: string): number {
  // Stryker disable next-line ConditionalExpression: a shortcut: for "" the loop below does not run and z stays −1
  if (s.length === 0) return -1;
  let z = -1;
  // Stryker disable next-line EqualityOperator: one past the end reads NaN, which is not a digit, but a digit string has set z at its last character already (and a non-digit one has returned)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    if (z < 0 && (c !== 48 || i === s.length - 1)) z = i;
  }
  return z;
}

function compareIdKeys(a: string, za: number, b: string, zb: number): number {
  if (za >= 0 && zb >= 0) {
    const la = a.length - za;
    const lb = b.length - zb;
    if (la !== lb) return la - lb;
    for (let i = 0; i < la; i++) {
      const d = a.charCodeAt(za + i) - b.charCodeAt(zb + i);
      if (d !== 0) return d;
    }
  } else if (za >= 0 || zb >= 0) {
    return za >= 0 ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts customer indices into {@link compareIds} order without a string comparator in the hot
 * path: short digit ids by their numeric value (exact below 2^53), other ids by the engine's
 * native string sort (code-unit order, as compareIds), long digit ids in between by compareIds.
 */
export function sortPresent(present: number[], ids: readonly string[], zeros: Int32Array): void {
  const short: number[] = [];
  const long: number[] = [];
  const other: string[] = [];
  const otherIndex = new Map<string, number>();
  for (const c of present) {
    const z = zeros[c];
    // The three groups only make the sort fast; each comparator falls back to compareIdKeys, which
    // puts digit ids before the others, so a customer sorted in another group ends up in the same place.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: see above (a 15-digit id is exact as a Number and in compareIdKeys alike)
    if (z >= 0 && ids[c].length - z <= 15) short.push(c);
    else if (
      // Stryker disable next-line ConditionalExpression: see above
      z >= 0
    )
      long.push(c);
    else {
      other.push(ids[c]);
      otherIndex.set(ids[c], c);
    }
  }
  const key = new Float64Array(ids.length);
  for (const c of short) key[c] = Number(ids[c]);
  short.sort((a, b) => key[a] - key[b] || compareIdKeys(ids[a], zeros[a], ids[b], zeros[b]));
  long.sort((a, b) => compareIdKeys(ids[a], zeros[a], ids[b], zeros[b]));
  other.sort();
  let k = 0;
  for (const c of short) present[k++] = c;
  for (const c of long) present[k++] = c;
  for (const id of other) present[k++] = otherIndex.get(id) as number;
}
