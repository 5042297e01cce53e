// BG/NBD's expected purchases where its 2F1 has c = a + b + x − 1 below 0 (a one-time buyer,
// a + b < 1: the series is summed with signs) or at 0 (a + b = 1: its limit), and BG/NBD's and
// MBG/NBD's at and near a = 1 with c below A = r + x (the printed form is 0/0 or loses digits,
// and the terms of the gap's sum change sign): against the printed form at 60 digits (test/fixtures/bgnbd_small_c.py,
// mpmath). And the count probability's arguments: a whole n, and nothing bought in no time.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as bgnbd from "../../../src/core/clv/bgnbd";
import * as mbgnbd from "../../../src/core/clv/mbgnbd";
import { thrown } from "../../support/thrown";

interface Case {
  kind: "ifAlive" | "unconditional" | "mbgIfAlive" | "mbgUnconditional";
  params: bgnbd.BgNbdParams;
  t: number;
  x?: number;
  T?: number;
  value: number;
}
const cases = (): Case[] => (JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/bgnbd-small-c.json"), "utf8")) as { cases: Case[] }).cases;
const ours = (c: Case): number => {
  if (c.kind === "ifAlive") return bgnbd.expectedPurchasesIfAlive(c.params, c.t, c.x as number, c.T as number);
  if (c.kind === "unconditional") return bgnbd.expectedPurchasesUnconditional(c.params, c.t);
  if (c.kind === "mbgIfAlive") return mbgnbd.expectedPurchasesIfAlive(c.params, c.t, c.x as number, c.T as number);
  return mbgnbd.expectedPurchasesUnconditional(c.params, c.t);
};

test("a + b below 1 and a one-time buyer: c < 0, to 1e-12 of the 60-digit value", () => {
  const list = cases().filter((c) => c.params.a + c.params.b < 1);
  expect(list).toHaveLength(12);
  for (const c of list) expect(Math.abs(ours(c) - c.value)).toBeLessThanOrEqual(1e-12 * c.value);
});

test("a + b = 1: c = 0, the limit of c · 2F1, to 1e-12", () => {
  const list = cases().filter((c) => c.params.a + c.params.b === 1);
  expect(list).toHaveLength(6);
  for (const c of list) expect(Math.abs(ours(c) - c.value)).toBeLessThanOrEqual(1e-12 * c.value);
});

test("a = 1 with c below r + x, BG/NBD and MBG/NBD: the 0/0 of the printed form, to 1e-12", () => {
  const list = cases().filter((c) => c.params.a === 1 && c.t < 1000);
  expect(list.map((c) => c.kind).sort()).toStrictEqual([...Array(4).fill("ifAlive"), ...Array(4).fill("mbgIfAlive"), ...Array(4).fill("mbgUnconditional"), ...Array(4).fill("unconditional")]);
  for (const c of list) expect(Math.abs(ours(c) - c.value)).toBeLessThanOrEqual(1e-12 * c.value);
});

test("a = 1 with c below r + x and t beyond 999 α, where the gap's sum declines, BG/NBD and MBG/NBD: to 1e-8", () => {
  // the printed form at a = 1 ± 1e-5, averaged (before: 1e-9 off 1, 2 % short at t = 1,500 α)
  const list = cases().filter((c) => c.params.a === 1 && c.t >= 1000);
  expect(list.map((c) => c.kind)).toStrictEqual(["unconditional", "mbgUnconditional", "unconditional", "mbgUnconditional"]);
  for (const c of list) expect(Math.abs(ours(c) - c.value)).toBeLessThanOrEqual(1e-8 * c.value);
});

test("near a = 1, c below r + x: within 1e-6 the gap's signed sum, to 1e-12; at 1e-4 the printed form, to 1e-11", () => {
  const near = cases().filter((c) => c.params.a !== 1 && Math.abs(c.params.a - 1) <= 1e-6);
  expect(near).toHaveLength(8);
  for (const c of near) expect(Math.abs(ours(c) - c.value)).toBeLessThanOrEqual(1e-12 * c.value);
  // 1e-4 off 1 the printed form keeps its digits to about 1e-16·c²/(A·|a − 1|) and the 2F1's own error
  const off = cases().filter((c) => c.params.a === 1 - 1e-4);
  expect(off).toHaveLength(4);
  for (const c of off) expect(Math.abs(ours(c) - c.value)).toBeLessThanOrEqual(1e-11 * c.value);
});

test("in a moment t the expectations grow at the purchase rate of whoever is alive: r/α, (r + x)/(α + T), b/(a + b) of it for MBG/NBD's new customer", () => {
  // E(t)/t = rate · (1 − O(t)): at t = 1e-7, within 1e-5 of the rate
  const t = 1e-7;
  const p = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
  const rel = (got: number, want: number) => Math.abs(got / want - 1);
  expect(rel(bgnbd.expectedPurchasesUnconditional(p, t) / t, p.r / p.alpha)).toBeLessThan(1e-5);
  expect(rel(bgnbd.expectedPurchasesIfAlive(p, t, 2, 38.86) / t, (p.r + 2) / (p.alpha + 38.86))).toBeLessThan(1e-5);
  // a + b < 1 (c < 0 for a one-time buyer): the signed series, as accurate
  const q = { r: 0.5, alpha: 2, a: 0.3, b: 0.4 };
  expect(rel(bgnbd.expectedPurchasesIfAlive(q, t, 0, 10) / t, q.r / (q.alpha + 10))).toBeLessThan(1e-5);
  expect(rel(mbgnbd.expectedPurchasesUnconditional(p, t) / t, ((p.r / p.alpha) * p.b) / (p.a + p.b))).toBeLessThan(1e-5);
  expect(rel(mbgnbd.expectedPurchasesIfAlive(p, t, 2, 38.86) / t, (p.r + 2) / (p.alpha + 38.86))).toBeLessThan(1e-5);
});

test("the probability of n purchases wants a whole n; in no time nothing is bought", () => {
  const p = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
  const e = thrown(() => bgnbd.probabilityOfPurchases(p, 10, 1.5));
  expect([e.code, e.key, e.where?.argument]).toStrictEqual(["OUT_OF_RANGE", "arg.notWhole", "n"]);
  expect([0, 1, 2].map((n) => bgnbd.probabilityOfPurchases(p, 0, n))).toStrictEqual([1, 0, 0]);
  expect([bgnbd.expectedPurchasesIfAlive(p, 0, 3, 20), bgnbd.expectedPurchasesUnconditional(p, 0)]).toStrictEqual([0, 0]);
});
