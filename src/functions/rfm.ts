/**
 * RFM cells and segments, =CVA.RFM and RFMSEGMENT (docs/rfm.md §7; scores §2, segments §4).
 */
import { RankedPopulation, rfmSegment, rfmSegmentLabel, CvaError, ErrorCodes } from "../core";
import { readPopulation, readLang, isMatrix, isOmitted } from "./args";
import { excelCall } from "./errors";
import { elementwise } from "./spill";
import { memoByContent } from "./cache";
import { num, RECENCY, MONETARY } from "./rules";

interface RfmPopulations {
  r: RankedPopulation;
  f: RankedPopulation;
  m: RankedPopulation;
}

function rfmPopulations(recency: unknown, frequency: unknown, monetary: unknown, recencies: unknown, frequencies: unknown, monetaries: unknown): RfmPopulations {
  const populations = [recencies, frequencies, monetaries].map((p) => !isOmitted(p));
  if (populations.some((g) => g) && !populations.every((g) => g)) {
    throw CvaError.keyed(ErrorCodes.Missing, "fn.populationsPartial", {}, { argument: "recencies" });
  }
  const [pr, pf, pm] = populations[0] ? [recencies, frequencies, monetaries] : [recency, frequency, monetary];
  if (!populations[0] && ![pr, pf, pm].every((p) => isMatrix(p) && p.flat().length > 1)) {
    throw CvaError.keyed(ErrorCodes.Missing, "fn.populationsMissing", {}, { argument: "recencies" });
  }
  const pop = (name: string, raw: unknown) => {
    // Error cells are left out of the ranking; the customer's own cell shows the error.
    const v = readPopulation(name, raw, { errors: "skip" });
    return memoByContent("rfm", [v], () => new RankedPopulation(v));
  };
  return {
    r: pop(populations[0] ? "recencies" : "recency", pr),
    f: pop(populations[0] ? "frequencies" : "frequency", pf),
    m: pop(populations[0] ? "monetaries" : "monetary", pm),
  };
}

function rfmScoresOf(p: RfmPopulations, r: unknown, f: unknown, m: unknown): [number, number, number] {
  return [
    p.r.quantileScore(num(RECENCY, r), false),
    p.f.quantileScore(num({ name: "frequency", kind: "number" }, f), true),
    p.m.quantileScore(num(MONETARY, m), true),
  ];
}

/**
 * The RFM cell of a customer, e.g. 545: recency, frequency and monetary scores from 1 to 5 by quintile within all customers (5 = most recent, most frequent, highest spend). Give all customers' columns as ranges to spill one cell per customer; or one customer's values with the three population ranges. Example: =CVA.RFM(E2:E2358, B2:B2358, F2:F2358).
 * @customfunction RFM
 * @param {any[][]} recency Time since the last purchase (smaller is better), or a range of them.
 * @param {any[][]} frequency Number of purchases, or a range.
 * @param {any[][]} monetary Spend (total or per purchase), or a range.
 * @param {any[][]} [recencies] All customers' recencies, when recency is a single customer's.
 * @param {any[][]} [frequencies] All customers' frequencies.
 * @param {any[][]} [monetaries] All customers' spends.
 * @returns {any[][]} The three-digit RFM cell, e.g. 545.
 */
export function rfm(recency: any[][], frequency: any[][], monetary: any[][], recencies?: any[][], frequencies?: any[][], monetaries?: any[][]): any[][] {
  return excelCall(() => {
    const p = rfmPopulations(recency, frequency, monetary, recencies, frequencies, monetaries);
    return elementwise(["recency", "frequency", "monetary"], [recency, frequency, monetary], (r, f, m) => {
      const [sr, sf, sm] = rfmScoresOf(p, r, f, m);
      return 100 * sr + 10 * sf + sm;
    });
  });
}

/**
 * The RFM segment of a customer from its recency and frequency scores: Champions, Loyal, Potential loyalist, New, Promising, Need attention, About to sleep, Slipping away, Cannot lose, Hibernating or Lost. Same arguments as CVA.RFM. Example: =CVA.RFMSEGMENT(E2:E2358, B2:B2358, F2:F2358).
 * @customfunction RFMSEGMENT
 * @param {any[][]} recency Time since the last purchase (smaller is better), or a range of them.
 * @param {any[][]} frequency Number of purchases, or a range.
 * @param {any[][]} monetary Spend (total or per purchase), or a range.
 * @param {any[][]} [recencies] All customers' recencies, when recency is a single customer's.
 * @param {any[][]} [frequencies] All customers' frequencies.
 * @param {any[][]} [monetaries] All customers' spends.
 * @param {any[][]} [lang] Language of the segment names: "en-US" or "zh-CN" ("en", "zh"). Default: Office's display language.
 * @returns {any[][]} The segment name.
 */
export function rfmsegment(
  recency: any[][],
  frequency: any[][],
  monetary: any[][],
  recencies?: any[][],
  frequencies?: any[][],
  monetaries?: any[][],
  lang?: any[][],
): any[][] {
  return excelCall(() => {
    const p = rfmPopulations(recency, frequency, monetary, recencies, frequencies, monetaries);
    const language = readLang(lang);
    return elementwise(["recency", "frequency", "monetary"], [recency, frequency, monetary], (r, f, m) => {
      const [sr, sf] = rfmScoresOf(p, r, f, m);
      return rfmSegmentLabel(rfmSegment(sr, sf), language);
    });
  });
}
