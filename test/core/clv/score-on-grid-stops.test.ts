/**
 * Where the grid scoring's loop stops (src/core/clv/score-on-grid.ts): customers whose two grid
 * points are already worked out cost table reads in a loop that calls nothing; the loop stops only
 * at a customer that needs something new (a grid point, an (x, T) pair, a power or ln J) or is
 * off the grid (a fractional frequency: scored the general way). The scoring tests show the
 * values are those of the one-customer formulas whichever way a customer goes; this one counts the
 * stops (spies on the one-customer methods), which is what the loop is for. With 20,000 customers
 * over 40 histories, the loop stops at least once per (x, T) pair (each needs its sums) and at
 * most once per history, and the general way sees exactly the off-grid customers; each (x, T) pair's
 * sums over the horizon are worked out once, and so is each power of BG/NBD's and MBG/NBD's P(alive).
 * Off the grid, the general way (src/core/clv/score-general.ts) keeps each pair's sums in a hash
 * table: once per pair there too, past the table's first size.
 */
import { countModel, scoreCountModel, type CountModelId } from "../../../src/core";
import { GridScoring } from "../../../src/core/clv/score-on-grid";
import { GeneralWay } from "../../../src/core/clv/score-general";
import { HorizonSums } from "../../../src/core/clv/score-horizon";
import { CDNOW_PARAMS, CDNOW_SPEND } from "./cdnow";

const DAY = 1 / 7; // weeks
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

// 40 histories (x, t_x days, T days) in 20 (x, T) pairs of two (the two of x = 0 alike: t_x = 0):
// x = 0 … 4, last purchases before, at and (x = 0) without; each customer i has history i mod 40,
// and every 1,000th customer a frequency of 2.5 (off the grid).
const histories: [number, number, number][] = [];
for (let h = 0; h < 40; h++) {
  const x = (h >> 1) % 5;
  const tDays = 30 + 7 * (h >> 1);
  const txDays = x === 0 ? 0 : h % 8 === 3 ? tDays : 3 + ((h * 13) % (tDays - 3));
  histories.push([x, txDays, tDays]);
}
const n = 20_000;
const frequency: number[] = [], recency: number[] = [], T: number[] = [], monetary: number[] = [];
let offGrid = 0;
for (let i = 0; i < n; i++) {
  const [x, txDays, tDays] = histories[i % 40];
  const off = i % 1000 === 999;
  if (off) offGrid++;
  frequency.push(off ? 2.5 : x);
  recency.push(txDays * DAY);
  T.push(tDays * DAY);
  monetary.push(x === 0 ? 0 : 10 + (i % 7));
}
// the customers whose values are checked: every 97th and the off-grid ones
const checked = [...Array(n).keys()].filter((i) => i % 97 === 0 || i % 1000 === 999);
const pairs = new Set(histories.map(([x, , t]) => `${x},${t}`)).size;
// the off-grid customers' own (x, T) pairs, each worked out once by the general way
const offPairs = new Set(T.filter((_t, i) => i % 1000 === 999).map((t) => `2.5,${t}`)).size;
// BG/NBD's and MBG/NBD's powers: c(x)·g(x, T) once per (x, T) pair, 1/g(x, t_x) once per (x, t_x)
const lastPoints = new Set(histories.map(([x, tx]) => `${x},${tx}`)).size;

const params = CDNOW_PARAMS;
const gg = CDNOW_SPEND;

describe.each(["bgnbd", "mbgnbd", "paretonbd"] as CountModelId[])("%s on the day grid: where the loop stops", (id) => {
  const one = id === "paretonbd" ? "paretoOne" : "powersOne";
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ["spends given", false],
    ["Gamma-Gamma spends", true],
  ])("%s: once per pair at least, once per history at most; the general way for the off-grid customers only", (_name, withSpend) => {
    const stops = jest.spyOn(GridScoring.prototype as unknown as Record<string, () => void>, one);
    const general = jest.spyOn(GeneralWay.prototype, "score");
    const sums = jest.spyOn(HorizonSums.prototype, "sums");
    const powers = jest.spyOn(GridScoring.prototype as unknown as Record<string, () => void>, "power");
    const p = params[id];
    const ev = new Float64Array(n).fill(20);
    const s = scoreCountModel(id, p, withSpend ? gg : null, { frequency, recency, T, monetary }, { unit: "weeks", horizonMonths: 3, discount: 0 }, withSpend ? undefined : ev);
    expect(pairs).toBe(20);
    expect(general).toHaveBeenCalledTimes(offGrid);
    expect(stops.mock.calls.length).toBeGreaterThanOrEqual(pairs);
    expect(stops.mock.calls.length).toBeLessThanOrEqual(40 + offGrid);
    expect(sums).toHaveBeenCalledTimes(pairs + offPairs);
    expect(powers).toHaveBeenCalledTimes(id === "paretonbd" ? 0 : pairs + lastPoints);
    // and the values those of the one-customer formulas (FHL 2005 eq. 13, 10; FH 2005 eq. 36–37, 11)
    const model = countModel(id);
    const t3 = 3 * (365.25 / 12 / 7);
    let worst = 0;
    for (const i of checked) {
      const x = frequency[i], tx = recency[i], t = T[i];
      worst = Math.max(worst, rel(s.pAlive[i], model.probabilityAlive(p, x, tx, t)), rel(s.expectedPurchases[i], model.expectedPurchases(p, t3, x, tx, t)));
      // expected spend, FH 2013 eq. 5: (p(v + x·m̄))/(px + q − 1)
      const spend = withSpend ? (gg.p * (gg.v + x * monetary[i])) / (gg.p * x + gg.q - 1) : 20;
      expect(rel(s.expectedValue[i], spend)).toBeLessThan(1e-13);
    }
    expect(worst).toBeLessThan(1e-11);
  });
});

describe("BG/NBD's powers at the top frequency the grid keeps", () => {
  // Ages up to 30 days (4.29 weeks): the powers g(x, t) = ((α+t)/m)^{r+x}, m the geometric middle
  // of α and α + max T, keep |ln g| ≤ 300 up to x = 600/ln((α + 4.29)/α) − r = 883 (α = 4.414), and
  // x = 500 is on the grid. Its P(alive) with t_x = 1 day, T = 30 days is below 1e-100 (the odds
  // grow as ((α+T)/(α+t_x))^{r+x} = e^323), yet ln g(T) = 500.243·(ln 8.70 − ln m) = +172 and
  // ln g(t_x) = −151 are far inside a double.
  it("a customer with 500 repeat purchases as the one-customer formula", () => {
    const p = params.bgnbd;
    const f = [500, 500, 1, 0], tx = [1 * DAY, 29 * DAY, 10 * DAY, 0], t = [30 * DAY, 30 * DAY, 30 * DAY, 20 * DAY];
    const s = scoreCountModel("bgnbd", p, null, { frequency: f, recency: tx, T: t, monetary: [0, 0, 0, 0] }, { unit: "weeks", horizonMonths: 3, discount: 0 }, new Float64Array(4).fill(1));
    const model = countModel("bgnbd");
    const exact = f.map((x, i) => model.probabilityAlive(p, x, tx[i], t[i]));
    expect(exact[0]).toBeGreaterThan(1e-150);
    expect(exact[0]).toBeLessThan(1e-100);
    for (let i = 0; i < 4; i++) expect(rel(s.pAlive[i], exact[i])).toBeLessThan(1e-12);
  });
});

describe("off the grid: each (x, T) pair's sums once, through the general way's table", () => {
  // 34,000 customers with fractional frequencies (x = 0.5 … 5.5: none on the grid) in 17,000
  // distinct (x, T) pairs, each pair twice (customers j and j + 17,000): the pair table starts with
  // 16,384 slots, fewer than the pairs, and is rebuilt at twice as many once it holds 8,192.
  const m = 17000;
  const f: number[] = [], tx: number[] = [], t: number[] = [];
  for (let i = 0; i < 2 * m; i++) {
    const j = i % m;
    f.push(0.5 + (j % 6));
    t.push(2 + 0.007 * Math.floor(j / 6));
    tx.push(1 + 0.003 * Math.floor(j / 6));
  }
  afterEach(() => jest.restoreAllMocks());

  it.each(["bgnbd", "mbgnbd", "paretonbd"] as CountModelId[])("%s: 17,000 pairs worked out once each, every customer as the one-customer formulas", (id) => {
    const sums = jest.spyOn(HorizonSums.prototype, "sums");
    const general = jest.spyOn(GeneralWay.prototype, "score");
    const p = params[id];
    const s = scoreCountModel(id, p, null, { frequency: f, recency: tx, T: t, monetary: f.map(() => 0) }, { unit: "weeks", horizonMonths: 3, discount: 0 }, new Float64Array(2 * m).fill(1));
    expect(general).toHaveBeenCalledTimes(2 * m);
    expect(sums).toHaveBeenCalledTimes(m);
    const model = countModel(id);
    const t3 = 3 * (365.25 / 12 / 7);
    let worst = 0;
    for (let i = 0; i < 2 * m; i += 89) {
      worst = Math.max(worst, rel(s.pAlive[i], model.probabilityAlive(p, f[i], tx[i], t[i])), rel(s.expectedPurchases[i], model.expectedPurchases(p, t3, f[i], tx[i], t[i])));
    }
    expect(worst).toBeLessThan(1e-11);
    // twins have the same scores
    for (let j = 0; j < m; j += 97) expect(s.expectedPurchases[j + m]).toBe(s.expectedPurchases[j]);
  });
});
