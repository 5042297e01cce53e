/** The mpmath reference of test/fixtures/paretonbd-a0.json (made by test/fixtures/paretonbd_a0.py). */
import { readFileSync } from "node:fs";
import path from "node:path";

/** One history: ln A0, its derivatives in (r, s, α, β) and the customer's ln L. */
export interface A0Case {
  params: [number, number, number, number];
  history: [number, number, number];
  logA0: number;
  gradient: number[];
  logLikelihood: number;
}

export const a0Cases = (JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/paretonbd-a0.json"), "utf8")) as { cases: A0Case[] }).cases;
