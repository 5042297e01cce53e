/**
 * Where a customer stands: =CVA.LIFECYCLE, RELATIONSHIP and LOYALTY (docs/lifecycle.md §7,
 * docs/relationship.md §4, docs/loyalty.md §8).
 */
import {
  tierLabel,
  tierRole,
  stageFromVolumes,
  stageLabel,
  LIFE_CYCLE_STAGES,
  relationshipLevel,
  levelLabel,
  loyaltyIndex,
  LOYALTY_INDICATORS,
  indicatorLabel,
  CvaError,
  ErrorCodes,
  given,
  type LifeCycleStage,
  type LoyaltyIndicator,
  type LoyaltyIndicators,
} from "../core";
import { readNumber, readLang, isMatrix, isOmitted, unwrap, cellValue, cellError, errorCodeOf } from "./args";
import { excelCall, toExcelError } from "./errors";
import { elementwise, column } from "./spill";
import { readNumberRows, readNumberTable } from "./tables";
import { tierShares } from "./pyramid";
import { num, FREQUENCY, TENURE, P_ALIVE } from "./rules";

/**
 * The life cycle stage of each customer from its purchase volumes per period (oldest first, one row per customer): Exploration, Formation (rising), Stability, Decline (falling) or Churned. With P(alive), churn is P(alive) below 0.1. Example: =CVA.LIFECYCLE(B2:E2358, G2:G2358).
 * @customfunction LIFECYCLE
 * @param {any[][]} volumes Purchases or amounts per period, oldest first; one row per customer.
 * @param {any[][]} [p_alive] Each customer's P(alive) (e.g. from CVA.PALIVE), one per row.
 * @param {any[][]} [lang] Language of the stage names: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language.
 * @returns {any[][]} The stage of each customer.
 */
export function lifecycle(volumes: any[][], p_alive?: any[][], lang?: any[][]): any[][] {
  return excelCall(() => {
    const rows = readNumberRows("volumes", volumes, "error", "row");
    const alive = isOmitted(p_alive) ? null : (isMatrix(p_alive) ? p_alive : [[p_alive]]);
    if (alive && alive.length !== rows.length) {
      throw CvaError.keyed(ErrorCodes.InvalidType, "fn.rowsMismatch", { arg: "p_alive", count: alive.length, otherArg: "volumes", otherCount: rows.length }, { argument: "p_alive" });
    }
    const language = readLang(lang);
    return rows.map((row, i) => {
      try {
        if (row instanceof CvaError) throw row;
        const p = alive ? readNumber(P_ALIVE, alive[i][0]) : undefined;
        return [stageLabel(stageFromVolumes(row as number[], p), language)];
      } catch (e) {
        return [toExcelError(e)];
      }
    });
  });
}

function stageOf(raw: unknown): LifeCycleStage {
  const v = cellValue(unwrap(raw));
  if (errorCodeOf(v) !== undefined) throw cellError("stage", v);
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    for (const s of LIFE_CYCLE_STAGES) {
      if (s === t || stageLabel(s, "en-US").toLowerCase() === t || stageLabel(s, "zh-CN") === v.trim()) return s;
    }
  }
  throw CvaError.keyed(ErrorCodes.InvalidType, "fn.stageInvalid", { arg: "stage", got: given(v) }, { argument: "stage" });
}

function tierNumber(raw: unknown, tiers: number): number {
  const v = cellValue(unwrap(raw));
  if (errorCodeOf(v) !== undefined) throw cellError("tier", v);
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1 && v <= tiers) return v;
    throw CvaError.keyed(ErrorCodes.OutOfRange, "fn.tierOutOfRange", { arg: "tier", tiers, got: v }, { argument: "tier" });
  }
  if (typeof v === "string") {
    for (let k = 1; k <= tiers; k++) {
      for (const lang of ["en-US", "zh-CN"] as const) {
        for (const set of ["standard", "metal"] as const) if (tierLabel(k, tiers, lang, set) === v.trim()) return k;
      }
    }
  }
  throw CvaError.keyed(ErrorCodes.InvalidType, "fn.tierInvalid", { arg: "tier", got: given(v) }, { argument: "tier" });
}

/**
 * The relationship level of a customer: Casual buyer (one purchase), Customer, Client (repeat buyer in formation or stability, or in the regular tier) or Partner (key tier, stable, for two years or more). Example: =CVA.RELATIONSHIP(B2, J2, K2, L2).
 * @customfunction RELATIONSHIP
 * @param {any[][]} frequency Repeat purchases (0 = bought once), or a range.
 * @param {any[][]} tier The customer's tier: a number (1 = top) or a name as CVA.TIER returns it.
 * @param {any[][]} stage The customer's life cycle stage as CVA.LIFECYCLE returns it.
 * @param {any[][]} tenure_days Days since the first purchase.
 * @param {any[][]} [cutoffs] The tier shares used for the tiers; default {1,19,30,50}.
 * @param {any[][]} [lang] Language of the level names: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language.
 * @returns {any[][]} The relationship level.
 */
export function relationship(frequency: any[][], tier: any[][], stage: any[][], tenure_days: any[][], cutoffs?: any[][], lang?: any[][]): any[][] {
  return excelCall(() => {
    const shares = tierShares(cutoffs);
    const language = readLang(lang);
    return elementwise(["frequency", "tier", "stage", "tenure_days"], [frequency, tier, stage, tenure_days], (f, k, s, d) =>
      levelLabel(
        relationshipLevel({ frequency: num(FREQUENCY, f), role: tierRole(tierNumber(k, shares.length), shares), stage: stageOf(s), tenureDays: num(TENURE, d) }),
        language,
      ),
    );
  });
}

function indicatorOf(header: unknown): LoyaltyIndicator | undefined {
  if (typeof header !== "string") return undefined;
  const h = header.trim().toLowerCase().replace(/[\s_-]/g, "");
  for (const { key } of LOYALTY_INDICATORS) {
    if (key.toLowerCase() === h) return key;
    for (const lang of ["en-US", "zh-CN"] as const) if (indicatorLabel(key, lang).toLowerCase().replace(/[\s_-]/g, "") === h) return key;
  }
  return h === "palive" ? "pAlive" : undefined;
}

/**
 * The loyalty index, 0 to 100, of each customer: each indicator present becomes a percentile rank within the customers, turned so that higher is more loyal, and the ranks are averaged with the default weights (repeat rate 0.30, purchase amount 0.20, complaint rate 0.15, price sensitivity 0.10, reputation 0.10, brand designation 0.05, P(alive) 0.10), renormalised over the indicators present. Loyal from 70, satisfied 50–70, wavering 30–50, defecting below 30. Example: =CVA.LOYALTY(B1:E2358).
 * @customfunction LOYALTY
 * @param {any[][]} indicators A table with a header row naming the indicators (Repeat rate, Purchase amount, Complaint rate, Price sensitivity, Reputation, Brand designation, P(alive), in English or Chinese) and one row per customer. Blank cells are unknown.
 * @param {any[][]} [weights] One row of weights, one per indicator column, to replace the defaults.
 * @returns {any[][]} The loyalty index of each customer (one per data row).
 */
export function loyalty(indicators: any[][], weights?: any[][]): any[][] {
  return excelCall(() => {
    const m = isMatrix(indicators) ? indicators : [[indicators]];
    if (m.length < 2) throw CvaError.keyed(ErrorCodes.Missing, "fn.loyaltyNoRows", { arg: "indicators" }, { argument: "indicators" });
    const seen = new Map<LoyaltyIndicator, number>();
    const keys = m[0].map((cell, j) => {
      const h = cellValue(cell);
      const key = indicatorOf(h);
      if (!key) {
        throw CvaError.keyed(ErrorCodes.InvalidType, "fn.loyaltyUnknownHeader", { arg: "indicators", col: j + 1, got: given(h) }, { argument: "indicators" });
      }
      const first = seen.get(key);
      if (first !== undefined) {
        throw CvaError.keyed(
          ErrorCodes.InvalidType,
          "fn.loyaltyDuplicate",
          { arg: "indicators", col: first, otherCol: j + 1, indicator: indicatorLabel(key, readLang(undefined)) },
          { argument: "indicators" },
        );
      }
      seen.set(key, j + 1);
      return key;
    });
    const rows = readNumberTable("indicators", m.slice(1), "null");
    const n = rows.length;
    const cols: LoyaltyIndicators = {};
    keys.forEach((key, j) => (cols[key] = rows.map((r) => r[j])));
    const w: Partial<Record<LoyaltyIndicator, number>> = {};
    if (!isOmitted(weights)) {
      const row = readNumberTable("weights", weights, "error");
      if (row.length !== 1 || row[0].length !== keys.length) {
        throw CvaError.keyed(ErrorCodes.InvalidType, "fn.weightsPerIndicator", { arg: "weights", count: keys.length }, { argument: "weights" });
      }
      keys.forEach((key, j) => (w[key] = row[0][j] as number));
    }
    const index = loyaltyIndex(cols, n, w);
    return column(index.map((v, i) => (v === null ? toExcelError(CvaError.keyed(ErrorCodes.Missing, "fn.loyaltyNothingKnown", { row: i + 1 })) : v)));
  });
}
