/**
 * A hash of customer ids to their rows for the comparison of snapshots (./migration.ts): open
 * addressing with linear probing in typed arrays at most half full, the FNV-1a 32-bit hash of the
 * id's UTF-16 code units (Fowler, Noll & Vo; IETF draft-eastlake-fnv), each slot's hash kept so
 * only a matching hash costs a string comparison. A million ids go in about three times faster
 * than into a Map of strings, which grows by rehashing and holds an entry object per id.
 */

/** FNV-1a over the UTF-16 code units of `s`, as a signed 32-bit integer. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h | 0;
}

export class IdIndex {
  /** Row + 1 of the id in each slot; 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  /** Number of ids added. */
  size = 0;

  /** @param ids the ids of the rows; @param capacity the most rows that will be added. */
  constructor(
    private readonly ids: readonly string[],
    capacity: number = ids.length,
  ) {
    let slots = 8;
    // Stryker disable next-line EqualityOperator: at slots = 2·capacity the table is at most half full either way; one more doubling costs memory only, and every id is found the same
    while (slots < 2 * capacity) slots *= 2;
    this.slots = new Int32Array(slots);
    this.hashes = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** Adds row `i` under its id; returns the row that already holds that id (then nothing is added), or −1. */
  add(i: number): number {
    const id = this.ids[i];
    const h = fnv1a(id);
    let k = h & this.mask;
    for (;;) {
      const s = this.slots[k];
      if (s === 0) {
        this.slots[k] = i + 1;
        this.hashes[k] = h;
        this.size++;
        return -1;
      }
      // Stryker disable next-line ConditionalExpression: the hash test only spares a string comparison; equal ids have equal hashes, so without it the same row is found
      if (this.hashes[k] === h && this.ids[s - 1] === id) return s - 1;
      k = (k + 1) & this.mask;
    }
  }

  /** The row added under `id`, or −1. */
  get(id: string): number {
    const h = fnv1a(id);
    let k = h & this.mask;
    for (;;) {
      const s = this.slots[k];
      if (s === 0) return -1;
      // Stryker disable next-line ConditionalExpression: the hash test only spares a string comparison; equal ids have equal hashes, so without it the same row is found
      if (this.hashes[k] === h && this.ids[s - 1] === id) return s - 1;
      k = (k + 1) & this.mask;
    }
  }
}
