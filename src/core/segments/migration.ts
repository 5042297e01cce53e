/**
 * The pyramid over time (docs/migration.md): two snapshots of the same customer base — each
 * customer's id, tier, life-cycle stage and value, with CLV, P(alive) and upgrade potential where
 * known — compared into a tier migration matrix (customers and the NEW snapshot's value per
 * from-tier × to-tier), the customers who moved down from the top two tiers, the new customers
 * (ids only in NEW), the gone (ids only in OLD) and the customers now churned (churned in NEW, not
 * in OLD). Every listed customer of NEW carries the strategy texts the model gives for their tier
 * (docs/pyramid.md §7) and stage (docs/lifecycle.md §6), so "move customers up the pyramid"
 * becomes a count that can be followed from run to run.
 *
 * Cost: O(n) — one hash of OLD's ids (./id-index.ts), one pass over NEW — plus a sort of the listed
 * customers.
 */
import { CvaError, ErrorCodes } from "../errors";
import type { ErrorKey, ErrorParams } from "../i18n/errors";
import type { Lang } from "../i18n/messages";
import { LIFE_CYCLE_STAGES, stageLabel, stageStrategy, type LifeCycleStage } from "./lifecycle";
import { IdIndex } from "./id-index";
import { checkTierShares, DEFAULT_TIER_SHARES, tierRole, tierStrategy, type TierRole } from "./pyramid";

/** One snapshot by column, index i for customer i (the shape of the analysis's CustomerColumns). */
export interface Snapshot {
  /** How messages name it: a file name, a run date. Shown as it is, in front of the message. */
  name: string;
  ids: readonly string[];
  /** Tier per customer, 1 = top; 0 = no tier (docs/pyramid.md §11). */
  tier: ArrayLike<number>;
  /** Stage per customer as its index in LIFE_CYCLE_STAGES. */
  stage: ArrayLike<number>;
  /** The pyramid's value measure per customer (docs/pyramid.md §1). */
  value: ArrayLike<number>;
  /** CLV per customer, NaN where not known; leave out when there is none. */
  clv?: ArrayLike<number>;
  /** P(alive) per customer, NaN where not known. */
  pAlive?: ArrayLike<number>;
  /** Upgrade potential (docs/pyramid.md §6): 1 yes, 0 no, −1 not known. */
  upgrade?: ArrayLike<number>;
}

/** One customer of a snapshot as an object, for {@link snapshotOf}. */
export interface SnapshotRow {
  id: string;
  tier: number;
  stage: LifeCycleStage;
  value: number;
  clv?: number | null;
  pAlive?: number | null;
  upgrade?: boolean | null;
}

/** One cell of the migration matrix: customers in tier `from` of OLD and tier `to` of NEW, and their value in NEW. */
export interface MigrationCell {
  from: number;
  to: number;
  customers: number;
  value: number;
}

/** A listed customer of NEW (moved down, new, now churned) with the strategy for where they are now. */
export interface MigrationCustomer {
  id: string;
  /** Tier and stage in OLD; null for a new customer. */
  fromTier: number | null;
  fromStage: LifeCycleStage | null;
  oldValue: number | null;
  /** Tier, stage, value, CLV and P(alive) in NEW (CLV and P(alive) null where not known). */
  tier: number;
  stage: LifeCycleStage;
  stageLabel: string;
  value: number;
  clv: number | null;
  pAlive: number | null;
  tierStrategy: string;
  stageStrategy: string;
}

/** A customer only in OLD, as OLD had them. */
export interface GoneCustomer {
  id: string;
  tier: number;
  stage: LifeCycleStage;
  stageLabel: string;
  value: number;
}

export interface Migration {
  /** The tiers of the matrix in order: 1 … the highest tier in either snapshot, then 0 when a snapshot has "no tier". */
  tiers: number[];
  /** Every from × to pair of {@link tiers}, row by row (from), zeros included. */
  cells: MigrationCell[];
  /** Customers in OLD, in NEW, and in both. */
  customers: { old: number; new: number; both: number };
  /** Of the customers in both (tier 0 counts as neither up nor down): moved to a higher tier, stayed, moved to a lower tier. */
  up: number;
  same: number;
  down: number;
  /** Moved from tier 1 or 2 to a lower tier; by OLD's value, highest first. */
  movedDown: MigrationCustomer[];
  /** Only in NEW; by NEW's value, highest first. */
  newCustomers: MigrationCustomer[];
  /** Only in OLD; by OLD's value, highest first. */
  gone: GoneCustomer[];
  /** Churned in NEW and in another stage in OLD; by OLD's value, highest first. */
  churned: MigrationCustomer[];
}

export interface MigrationOptions {
  /** Language of the strategy texts and stage labels (default en-US). */
  lang?: Lang;
  /** The tier shares both analyses used, top first (default 1 %, 19 %, 30 %, 50 %): the tiers' roles for the strategy. */
  tierShares?: readonly number[];
}

/** How many top tiers a move down is listed from. */
export const MIGRATION_TOP_TIERS = 2;

const CHURNED = LIFE_CYCLE_STAGES.indexOf("churned");

/** A snapshot from one object per customer (tests, small tables). */
export function snapshotOf(name: string, rows: readonly SnapshotRow[]): Snapshot {
  const n = rows.length;
  const out = {
    name,
    ids: rows.map((r) => r.id),
    tier: Float64Array.from(rows, (r) => r.tier),
    stage: Float64Array.from(rows, (r) => LIFE_CYCLE_STAGES.indexOf(r.stage)),
    value: Float64Array.from(rows, (r) => r.value),
    clv: new Float64Array(n),
    pAlive: new Float64Array(n),
    upgrade: new Int8Array(n),
  };
  rows.forEach((r, i) => {
    out.clv[i] = r.clv ?? NaN;
    out.pAlive[i] = r.pAlive ?? NaN;
    out.upgrade[i] = r.upgrade === true ? 1 : r.upgrade === false ? 0 : -1;
  });
  return out;
}

/** A keyed error about a snapshot, prefixed with its name. */
function snapshotError(s: Snapshot, code: (typeof ErrorCodes)[keyof typeof ErrorCodes], key: ErrorKey, params: ErrorParams, row?: number): CvaError {
  return CvaError.keyed(code, key, params, row === undefined ? undefined : { row }).withContext(s.name);
}

/**
 * Checks a snapshot's columns and rows: one value per id in every column; each id not empty;
 * each tier a whole number from 0 to `tierCount`; each stage a stage's index; each value finite.
 * Ids are checked for repeats by the comparison's hash ({@link compareSnapshots}).
 * @throws CvaError naming the snapshot, the row (1-based) and the customer.
 */
function checkSnapshot(s: Snapshot, tierCount: number): void {
  const n = s.ids.length;
  const columns: [string, ArrayLike<number> | undefined][] = [["tier", s.tier], ["stage", s.stage], ["value", s.value], ["clv", s.clv], ["p_alive", s.pAlive], ["upgrade", s.upgrade]];
  for (const [column, values] of columns) {
    if (values !== undefined && values.length !== n) throw snapshotError(s, ErrorCodes.InvalidFormat, "snapshot.lengths", { column, got: values.length, count: n });
  }
  for (let i = 0; i < n; i++) {
    const id = s.ids[i];
    if (typeof id !== "string" || id.trim() === "") throw snapshotError(s, ErrorCodes.Missing, "tx.emptyIdAt", { row: i + 1 }, i + 1);
    const tier = s.tier[i];
    if (!Number.isInteger(tier) || tier < 0 || tier > tierCount) {
      throw snapshotError(s, ErrorCodes.OutOfRange, "snapshot.badTier", { row: i + 1, id, got: String(tier), tiers: tierCount }, i + 1);
    }
    const stage = s.stage[i];
    if (!Number.isInteger(stage) || stage < 0 || stage >= LIFE_CYCLE_STAGES.length) {
      throw snapshotError(s, ErrorCodes.InvalidType, "snapshot.badStage", { row: i + 1, id, got: String(stage), stages: LIFE_CYCLE_STAGES.join(", ") }, i + 1);
    }
    const value = s.value[i];
    if (!Number.isFinite(value)) throw snapshotError(s, ErrorCodes.InvalidNumber, "snapshot.badValue", { row: i + 1, id, got: String(value) }, i + 1);
  }
}

/** Strategy texts looked up once per (tier, upgrade, lost), not per customer. */
function strategyTexts(lang: Lang, roles: readonly TierRole[]) {
  const tierTexts: (string | undefined)[] = [];
  const stageTexts = LIFE_CYCLE_STAGES.map((st) => stageStrategy(st, lang));
  const stageLabels = LIFE_CYCLE_STAGES.map((st) => stageLabel(st, lang));
  return {
    stageText: (stage: number) => stageTexts[stage],
    stageLabel: (stage: number) => stageLabels[stage],
    /** The tier strategy as the analysis gives it (src/core/results.ts): a churned key or regular customer is one to win back. */
    tierText: (tier: number, upgrade: number, stage: number) => {
      const role: TierRole = tier === 0 ? "none" : roles[tier - 1];
      const lost = stage === CHURNED && (role === "key" || role === "regular");
      // Stryker disable next-line ArithmeticOperator,ConditionalExpression: a cache key; 6t − 2u + l, 6t + 2u − l and 6t + 2·upgrade + l (upgrade −1 kept) are one-to-one over tier × upgrade × lost as well, so each still finds its own text (the other operators make keys collide, which migration-rules.test.ts detects)
      const key = 6 * tier + 2 * (upgrade < 0 ? 2 : upgrade) + (lost ? 1 : 0);
      let text = tierTexts[key];
      // Stryker disable next-line ConditionalExpression: a cache; without it each customer looks up an equal text again
      if (text === undefined) tierTexts[key] = text = tierStrategy(role, upgrade < 0 ? null : upgrade === 1, lang, lost);
      return text;
    },
  };
}

/** A number column's value at i, null where it is missing or not finite. */
function known(values: ArrayLike<number> | undefined, i: number): number | null {
  if (values === undefined) return null;
  const v = values[i];
  return Number.isFinite(v) ? v : null;
}

/**
 * The rows `rows` ordered by `value` of the row, highest first, equal values in their order: a sort
 * of a typed array of positions by numbers kept in another, so no object is made or moved.
 */
function byValueDesc(rows: readonly number[], value: (row: number) => number): Int32Array {
  const k = rows.length;
  const key = new Float64Array(k);
  const order = new Int32Array(k);
  // Stryker disable next-line EqualityOperator: p <= k writes one past the end of the typed arrays, which JavaScript ignores
  for (let p = 0; p < k; p++) {
    key[p] = value(rows[p]);
    order[p] = p;
  }
  order.sort((a, b) => key[b] - key[a] || a - b);
  // Stryker disable next-line EqualityOperator: as above, order[k] is past the end
  for (let p = 0; p < k; p++) order[p] = rows[order[p]];
  return order;
}

/**
 * Compares two snapshots (see the module comment). A customer is matched by id; the matrix counts
 * the customers in both, and its value is NEW's value summed over each cell's customers.
 * @throws CvaError, prefixed with the snapshot's name, for an empty or repeated id, a tier outside
 *   0…the number of tier shares, a stage that is not one, a value that is not finite, or columns of
 *   different lengths; OUT_OF_RANGE for bad tier shares.
 * @example compareSnapshots(snapshotOf("may", [{ id: "a", tier: 1, stage: "stability", value: 9 }]),
 *   snapshotOf("june", [{ id: "a", tier: 2, stage: "decline", value: 4 }])).movedDown[0].id // "a"
 */
export function compareSnapshots(old: Snapshot, now: Snapshot, options: MigrationOptions = {}): Migration {
  const lang = options.lang ?? "en-US";
  const shares = options.tierShares ?? DEFAULT_TIER_SHARES;
  checkTierShares(shares);
  const tierCount = shares.length;
  checkSnapshot(old, tierCount);
  checkSnapshot(now, tierCount);
  const roles = shares.map((_, k) => tierRole(k + 1, shares));
  const texts = strategyTexts(lang, roles);

  // OLD's ids, each once.
  const nOld = old.ids.length;
  const oldIndex = new IdIndex(old.ids);
  for (let j = 0; j < nOld; j++) {
    const first = oldIndex.add(j);
    if (first >= 0) throw snapshotError(old, ErrorCodes.InconsistentData, "snapshot.duplicateId", { first: first + 1, row: j + 1, id: old.ids[j] }, j + 1);
  }

  // The matrix over tiers 0 … tierCount, indexed from * size + to.
  const size = tierCount + 1;
  const counts = new Float64Array(size * size);
  const values = new Float64Array(size * size);
  /** NEW's row (1-based) matched to each OLD customer; 0 for none. */
  const matchedBy = new Int32Array(nOld);
  const nNew = now.ids.length;
  /** NEW's ids not in OLD, with their row. */
  const newOnly = new IdIndex(now.ids);
  /** OLD's row of each NEW customer; −1 for a new one. */
  const oldRowOf = new Int32Array(nNew);
  // The listed customers' rows (NEW's; OLD's for the gone), made into objects once sorted.
  const movedDown: number[] = [];
  const churned: number[] = [];
  const added: number[] = [];
  let up = 0;
  let down = 0;
  let same = 0;
  let hasNoTier = false;
  let highest = 0;

  for (let i = 0; i < nNew; i++) {
    const id = now.ids[i];
    const to = now.tier[i];
    if (to === 0) hasNoTier = true;
    // Stryker disable next-line EqualityOperator: to >= highest sets highest to the value it has
    if (to > highest) highest = to;
    const j = oldIndex.get(id);
    oldRowOf[i] = j;
    if (j < 0) {
      const first = newOnly.add(i);
      if (first >= 0) throw snapshotError(now, ErrorCodes.InconsistentData, "snapshot.duplicateId", { first: first + 1, row: i + 1, id }, i + 1);
      added.push(i);
      continue;
    }
    if (matchedBy[j] !== 0) throw snapshotError(now, ErrorCodes.InconsistentData, "snapshot.duplicateId", { first: matchedBy[j], row: i + 1, id }, i + 1);
    matchedBy[j] = i + 1;
    const from = old.tier[j];
    counts[from * size + to] += 1;
    values[from * size + to] += now.value[i];
    // Tier 0 ("no tier") is no rank: a move to or from it is neither up nor down.
    if (from === 0 || to === 0 || from === to) same++;
    else {
      // Stryker disable next-line EqualityOperator: to === from was counted as the same tier above
      if (to < from) up++;
      else {
        down++;
        if (from <= MIGRATION_TOP_TIERS) movedDown.push(i);
      }
    }
    if (now.stage[i] === CHURNED && old.stage[j] !== CHURNED) churned.push(i);
  }

  const goneRows: number[] = [];
  // Stryker disable next-line EqualityOperator: j <= nOld reads one past the end: tier and matchedBy are undefined there, neither 0 nor above highest, and push nothing
  for (let j = 0; j < nOld; j++) {
    const tier = old.tier[j];
    if (tier === 0) hasNoTier = true;
    // Stryker disable next-line EqualityOperator: tier >= highest sets highest to the value it has
    if (tier > highest) highest = tier;
    if (matchedBy[j] === 0) goneRows.push(j);
  }

  /** NEW's customer i, with OLD's tier, stage and value when OLD has them. */
  const listed = (i: number): MigrationCustomer => {
    const j = oldRowOf[i];
    const tier = now.tier[i];
    const stage = now.stage[i];
    return {
      id: now.ids[i],
      fromTier: j < 0 ? null : old.tier[j],
      fromStage: j < 0 ? null : LIFE_CYCLE_STAGES[old.stage[j]],
      oldValue: j < 0 ? null : old.value[j],
      tier,
      stage: LIFE_CYCLE_STAGES[stage],
      stageLabel: texts.stageLabel(stage),
      value: now.value[i],
      clv: known(now.clv, i),
      pAlive: known(now.pAlive, i),
      tierStrategy: texts.tierText(tier, now.upgrade ? now.upgrade[i] : -1, stage),
      stageStrategy: texts.stageText(stage),
    };
  };
  const oldValueOf = (i: number) => old.value[oldRowOf[i]];
  const goneCustomer = (j: number): GoneCustomer => {
    const stage = old.stage[j];
    return { id: old.ids[j], tier: old.tier[j], stage: LIFE_CYCLE_STAGES[stage], stageLabel: texts.stageLabel(stage), value: old.value[j] };
  };

  const tiers: number[] = [];
  for (let k = 1; k <= highest; k++) tiers.push(k);
  if (hasNoTier) tiers.push(0);
  const cells: MigrationCell[] = [];
  for (const from of tiers) {
    for (const to of tiers) cells.push({ from, to, customers: counts[from * size + to], value: values[from * size + to] });
  }
  const both = nNew - newOnly.size;
  return {
    tiers,
    cells,
    customers: { old: nOld, new: nNew, both },
    up,
    same,
    down,
    movedDown: Array.from(byValueDesc(movedDown, oldValueOf), listed),
    newCustomers: Array.from(byValueDesc(added, (i) => now.value[i]), listed),
    gone: Array.from(byValueDesc(goneRows, (j) => old.value[j]), goneCustomer),
    churned: Array.from(byValueDesc(churned, oldValueOf), listed),
  };
}
