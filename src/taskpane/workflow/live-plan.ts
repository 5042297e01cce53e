/**
 * The live parts of the "CVA Model" sheet (docs/live-model.md): the assumptions and fitted
 * parameters in cells with workbook names (§1), the what-if table of customer equity computed by
 * formulas from those names and the base's revenue by month (§2–§3), and one customer's CLV taken
 * apart in Excel formulas an auditor can follow (§4). Formulas are in English with commas
 * (Range.formulas), so they work in any language of Excel. Pure, O(horizon).
 */
import type { LiveModel } from "../../core/clv/live-model";
import { workedExample } from "../../core/clv/live-model";
import { countModel, CvaError, ErrorCodes } from "../../core";
import type { Cell, ModelSection, NamePlan } from "../../excel/plan";
import { columnLetter } from "../../excel/names";
import { t, type Locale, type StringKey } from "../strings";

/** The name prefix of each count model's parameters (docs/live-model.md §1). */
export const PARAM_PREFIX = { bgnbd: "CVA_BG", mbgnbd: "CVA_MBG", paretonbd: "CVA_PNBD" } as const;

/** The customer the worked example takes apart: id and summary; `chosen` when the user named the id (else the highest CLV). */
export interface ExampleCustomer {
  id: string;
  x: number;
  tx: number;
  T: number;
  monetary: number;
  chosen?: boolean;
}

/** A customer of the analysis as the worked example's choice reads it (AnalyzeResult's customers). */
export interface CustomerLike {
  customerId: string;
  clv: number | null;
  summary: { frequency: number; recency: number; T: number; monetary: number };
}

/**
 * Whether two ids could be one customer written two ways: the same letters but for case, or the
 * same number ("0007" and "7", "7" and "7.0"). Excel keeps such ids apart (text is not a number,
 * and MATCH of "0007" does not find 7), so they are only offered, never taken.
 */
function nearId(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const num = (s: string) => (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : NaN);
  const x = num(a);
  return Number.isFinite(x) && x === num(b);
}

/**
 * The worked example's customer (docs/live-model.md §4): the one whose id is `id` — trimmed, then
 * compared exactly as the results sheet shows ids (the core's id text: a number without ".0",
 * text as written, so "0007" is not 7) — or, with `id` empty, the customer of highest CLV (the
 * first of equals); null when no customer has a CLV. O(customers).
 * @throws CvaError (MISSING, keyed in both languages) naming the id when no customer has it, and
 *   the id that differs only in case or leading zeros when there is one: thrown before anything
 *   is written, so the user corrects the option and nothing is lost.
 */
export function exampleCustomer(customers: Iterable<CustomerLike>, id: string): ExampleCustomer | null {
  const wanted = id.trim();
  let pick: CustomerLike | null = null;
  // Loops rather than Array methods: the pane hands the customers one by one from the result's columns.
  const find = (test: (c: CustomerLike) => boolean): CustomerLike | null => {
    for (const c of customers) if (test(c)) return c;
    return null;
  };
  if (wanted === "") {
    for (const c of customers) if (c.clv !== null && (pick === null || c.clv > (pick.clv ?? -Infinity))) pick = c;
  } else {
    pick = find((c) => c.customerId === wanted);
    if (pick === null) {
      const near = find((c) => nearId(c.customerId, wanted));
      throw near ? CvaError.keyed(ErrorCodes.Missing, "example.nearId", { id: wanted, near: near.customerId }) : CvaError.keyed(ErrorCodes.Missing, "example.unknownId", { id: wanted });
    }
  }
  if (pick === null) return null;
  const s = pick.summary;
  return { id: pick.customerId, x: s.frequency, tx: s.recency, T: s.T, monetary: s.monetary, ...(wanted === "" ? {} : { chosen: true }) };
}

/** What the live sections are built from. */
export interface LiveInput {
  live: LiveModel;
  /** Observation end (ISO day), written as a date; null when not known (profiles). */
  end: string | null;
  /** The worked example's customer; null: no worked example. */
  customer: ExampleCustomer | null;
  /** Column of the CLV in the results table (0-based), where the check cell looks the customer up. */
  clvColumn: number;
}

const MONEY = "#,##0.00";
const UNIT_WORD = { days: "unitWordDays", weeks: "unitWordWeeks", months: "unitWordMonths" } as const;
/** Rows and columns of the what-if table: multiples of the named discount and margin. */
const DISCOUNT_FACTORS = [0, 0.5, 1, 1.5, 2];
/**
 * The margin columns: 50 %–150 % of CVA_Margin while 150 % of it stays within 100 %; above that
 * (the default margin of 1 among them) 60 %–100 % of it, so no two columns show the same share.
 */
const MARGIN_UP = [0.5, 0.75, 1, 1.25, 1.5];
const MARGIN_DOWN = [0.6, 0.7, 0.8, 0.9, 1];

/** Text inside a formula's quotes ("" for a quote). */
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Excel's serial day of an ISO day (1900 date system): 1998-06-30 → 35976. */
export function excelDay(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** The four sections, in the order the sheet shows them (assumptions, what-if, worked example, revenue by month). */
export function liveSections(input: LiveInput, lang: Locale): ModelSection[] {
  const L = (key: StringKey, values?: Record<string, string | number>) => t(lang, key, values);
  const sections = [assumptionsSection(input, L), whatIfSection(input.live, L, lang)];
  if (input.customer) sections.push(workedSection(input.live, input.customer, input.clvColumn, L));
  sections.push(revenueSection(input.live, L, lang));
  return sections;
}

type Label = (key: StringKey, values?: Record<string, string | number>) => string;

/** §1: label, value, name; each value cell named. */
function assumptionsSection(input: LiveInput, L: Label): ModelSection {
  const live = input.live;
  const unitWord = L(UNIT_WORD[live.unit]);
  const rows: { label: string; value: Cell; name: string; format: string }[] = [
    { label: L("asDiscount"), value: live.discount, name: "CVA_Discount", format: "0.00%" },
    { label: L("asMargin"), value: live.margin, name: "CVA_Margin", format: "0%" },
    { label: L("asHorizon"), value: live.horizon, name: "CVA_Horizon", format: "0" },
    { label: L("asPerMonth", { unit: unitWord }), value: live.perMonth, name: "CVA_PerMonth", format: "0.0000" },
    { label: L("asUnit"), value: live.unit, name: "CVA_Unit", format: "@" },
  ];
  if (input.end) rows.push({ label: L("asEnd"), value: excelDay(input.end), name: "CVA_End", format: "yyyy-mm-dd" });
  const m = countModel(live.model);
  for (const p of m.paramNames) rows.push({ label: L("asParam", { model: m.label, param: p }), value: live.params[p], name: `${PARAM_PREFIX[live.model]}_${p}`, format: "0.000000" });
  if (live.spend) for (const p of ["p", "q", "v"] as const) rows.push({ label: L("asSpendParam", { param: p }), value: live.spend[p], name: `CVA_GG_${p}`, format: "0.000000" });
  return {
    id: "assumptions",
    title: L("blockAssumptions"),
    note: L("noteAssumptions"),
    header: [L("hItem"), L("hValue"), L("hName")],
    rows: rows.map((r) => [r.label, r.value, r.name]),
    cellFormats: rows.map((r) => ["@", r.format, "@"]),
    names: rows.map((r, i): NamePlan => ({ name: r.name, row: i, column: 1, comment: r.label })),
  };
}

/** SUMPRODUCT of a revenue column over the months within CVA_Horizon, discounted at `rate`. */
const discounted = (revenue: string, rate: string) => `SUMPRODUCT(${revenue},(CVA_Month<=CVA_Horizon)/(1+${rate})^CVA_Month)`;

/** §2–§3: equity by discount × margin, at the named cells, and with improved retention; formulas throughout. */
function whatIfSection(live: LiveModel, L: Label, lang: Locale): ModelSection {
  const margins = MARGIN_UP.map((up, j) => `=CVA_Margin*IF(CVA_Margin*${MARGIN_UP[MARGIN_UP.length - 1]}<=1,${up},${MARGIN_DOWN[j]})`);
  const rows: Cell[][] = [["", ...margins]];
  const formats: string[][] = [["@", ...margins.map(() => "0%")]];
  DISCOUNT_FACTORS.forEach((f) => {
    const rate: Cell = f === 0 ? 0 : f === 1 ? "=CVA_Discount" : `=CVA_Discount*${f}`;
    rows.push([rate, ...margins.map((_, j) => `=${discounted("CVA_Revenue", "$A#ROW#")}*${columnLetter(j + 1)}$#R0#`)]);
    formats.push(["0.00%", ...margins.map(() => MONEY)]);
  });
  const at = rows.length;
  rows.push([L("whatIfAtNames"), `=${discounted("CVA_Revenue", "CVA_Discount")}*CVA_Margin`]);
  formats.push(["@", MONEY]);
  const names: NamePlan[] = [{ name: "CVA_Equity", row: at, column: 1, comment: L("whatIfAtNames") }];
  const k = live.retained ? `${Math.round(live.retained.improvement * 100)}${lang === "zh-CN" ? "%" : " %"}` : "";
  if (live.retained) {
    rows.push([L("whatIfRetention", { k }), `=${discounted("CVA_Retained", "CVA_Discount")}*CVA_Margin-B#R${at}#`]);
    formats.push(["@", MONEY]);
    rows.push([L("whatIfRetentionNote", { k, how: L(live.model === "paretonbd" ? "retentionBeta" : "retentionB") })]);
    formats.push(["@"]);
  }
  rows.push([`=IF(CVA_Horizon>${live.horizon},${quoted(L("whatIfLonger", { months: live.horizon }))},"")`]);
  formats.push(["@"]);
  return { id: "whatIf", title: L("blockWhatIf"), note: L("noteWhatIf"), header: [L("hDiscountMargin")], rows, cellFormats: formats, formulas: true, names };
}

/** The base's revenue by month: the columns the what-if table's SUMPRODUCTs read (named). */
function revenueSection(live: LiveModel, L: Label, lang: Locale): ModelSection {
  const h = live.horizon;
  const k = live.retained ? `${Math.round(live.retained.improvement * 100)}${lang === "zh-CN" ? "%" : " %"}` : "";
  const rows: Cell[][] = live.revenue.map((r, i) => [i + 1, r, ...(live.retained ? [live.retained.revenue[i]] : [])]);
  const names: NamePlan[] = [
    { name: "CVA_Month", row: 0, column: 0, rows: h },
    { name: "CVA_Revenue", row: 0, column: 1, rows: h },
    ...(live.retained ? [{ name: "CVA_Retained", row: 0, column: 2, rows: h }] : []),
  ];
  return {
    id: "revenueByMonth",
    title: L("blockRevenueByMonth"),
    note: L("noteRevenueByMonth"),
    header: [L("hMonth"), L("hForecastRevenue"), ...(live.retained ? [L("hRevenueRetained", { k })] : [])],
    rows,
    formats: ["0", MONEY, MONEY],
    names,
  };
}

/** Body rows of the worked example's figures; the months start after the sub-header at row MONTHS − 1. */
const R = { id: 0, x: 1, tx: 2, T: 3, m: 4, alive: 5, spend: 6, table: 7, total: 8, check: 9 } as const;
const MONTHS = 11;
const cellOf = (row: number) => `$B$#R${row}#`;

/** §4: one customer's CLV: x, t_x, T, P(alive) and E[M] as formulas, the months, the sum and the check. */
function workedSection(live: LiveModel, c: ExampleCustomer, clvColumn: number, L: Label): ModelSection {
  const w = workedExample(live, c.x, c.tx, c.T, c.monetary);
  const m = countModel(live.model);
  const unitWord = L(UNIT_WORD[live.unit]);
  const [x, tx, T, mbar] = [cellOf(R.x), cellOf(R.tx), cellOf(R.T), cellOf(R.m)];
  const P = PARAM_PREFIX[live.model];
  // BG/NBD: docs/models/bgnbd.md §3 (Fader, Hardie & Lee 2008); MBG/NBD: Batislam et al. 2007 (dropout possible at time 0).
  const ratio = `EXP((${P}_r+${x})*LN((${P}_alpha+${T})/(${P}_alpha+${tx})))`;
  const alive: Cell =
    live.model === "bgnbd" ? `=IF(${x}=0,1,1/(1+${P}_a/(${P}_b+${x}-1)*${ratio}))` : live.model === "mbgnbd" ? `=1/(1+${P}_a/(${P}_b+${x})*${ratio})` : w.pAlive;
  const aliveHow = live.model === "paretonbd" ? L("whyParetoAlive") : live.model === "bgnbd" ? "1/(1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x)) — Fader, Hardie & Lee 2005" : "1/(1 + a/(b+x)·((α+T)/(α+t_x))^(r+x)) — Batislam, Denizel & Filiztekin 2007";
  const spend: Cell = live.spend ? `=CVA_GG_p*(CVA_GG_v+${x}*MAX(${mbar},0))/(CVA_GG_p*${x}+CVA_GG_q-1)` : w.spend;
  const last = MONTHS + live.horizon - 1;
  const clvCol = columnLetter(clvColumn);
  const rows: Cell[][] = [
    [L("exCustomer"), c.id, ""],
    [L("exX"), c.x, ""],
    [L("exTx", { unit: unitWord }), c.tx, ""],
    [L("exT", { unit: unitWord }), c.T, ""],
    [L("exMonetary"), c.monetary, ""],
    [L("exPAlive"), alive, L("exPAliveHow", { model: m.label, source: aliveHow })],
    [L("exSpend"), spend, live.spend ? L("exSpendHow") : L("exSpendValue")],
    [L("exClvTable"), `=INDEX(#RESULTS#!$${clvCol}:$${clvCol},MATCH(${cellOf(R.id)},#RESULTS#!$A:$A,0))`, ""],
    [L("exTotal"), `=SUM(D#R${MONTHS}#:D#R${last}#)`, ""],
    [L("exCheck"), `=IF(ABS(B#R${R.total}#-B#R${R.table}#)<=0.000000001*MAX(1,ABS(B#R${R.table}#)),${quoted(L("exCheckOk"))},${quoted(L("exCheckOff"))})`, ""],
    [L("hMonth"), L("hIfAlive"), L("hInMonth"), L("hMarginMonth")],
  ];
  const formats: string[][] = [["@", "@", "@"], ["@", "0"], ["@", "0.00"], ["@", "0.00"], ["@", MONEY], ["@", "0.0000%", "@"], ["@", MONEY, "@"], ["@", MONEY], ["@", MONEY], ["@", "@"], ["@", "@", "@", "@"]];
  w.ifAlive.forEach((v, i) => {
    const prev = i === 0 ? "" : `-B#R${MONTHS + i - 1}#`;
    rows.push([i + 1, v, `=${cellOf(R.alive)}*(B#ROW#${prev})`, `=IF(A#ROW#<=CVA_Horizon,C#ROW#*${cellOf(R.spend)}*CVA_Margin/(1+CVA_Discount)^A#ROW#,0)`]);
    formats.push(["0", "0.000000", "0.000000", MONEY]);
  });
  return {
    id: "worked",
    title: L("blockWorked"),
    note: L("noteWorked", { id: c.id, which: L(c.chosen ? "exWhichChosen" : "exWhichTop"), why: L("whyHyp") }),
    header: [L("hItem"), L("hValue"), ""],
    rows,
    cellFormats: formats,
    formulas: true,
  };
}
