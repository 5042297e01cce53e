import type { BtydFallback, BtydPrediction } from "../../src/core";

/** The prediction of a fit that succeeded; a fallback fails the test with its note. */
export function fitted(r: BtydPrediction | BtydFallback): BtydPrediction {
  if (!r.fitted) throw new Error(r.note);
  return r;
}
