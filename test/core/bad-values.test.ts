/**
 * Bad numbers and dates in the value model: customers with no purchase, dates that are not
 * dates or lie far from the others, numbers past what a double holds, rates outside their
 * domain, and populations with no spread. Each `describe` is one behaviour a user met; the
 * rules are in docs/summary.md §1–§4, docs/inputs.md §5 and §9, docs/pyramid.md §8–§11 and
 * docs/lifetime-value.md §2–§3.
 */
import {
  analyze,
  dayFromYmd,
  financeClv,
  formatDay,
  gini,
  lorenzCurve,
  paretoShare,
  parseDay,
  predictBtyd,
  pyramidTable,
  requireDay,
  resolveLifetimeOptions,
  RankedPopulation,
  summarize,
  summarizeWithWarnings,
  transactionTable,
  finiteResult,
  checkFittedParams,
  localizedMessage,
  warningText,
  type Transaction,
} from "../../src/core";

/** 200 customers with ordinary histories: first purchases over two months, 0–3 repeats. */
export function goodCustomers(): Transaction[] {
  const rows: Transaction[] = [];
  const start = dayFromYmd(2024, 1, 1);
  for (let i = 0; i < 200; i++) {
    const id = `c${String(i + 1).padStart(3, "0")}`;
    const first = start + (i % 60);
    rows.push({ customerId: id, date: first, amount: 10 + (i % 13) });
    const repeats = i % 4;
    for (let k = 1; k <= repeats; k++) rows.push({ customerId: id, date: first + 7 * k * (1 + (i % 3)), amount: 5 + ((i * k) % 17) });
  }
  return rows;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

function messages(f: () => unknown): { en: string; zh: string } {
  const e = thrown(f);
  return { en: localizedMessage(e, "en-US"), zh: localizedMessage(e, "zh-CN") };
}

describe("a customer with only zero or refund rows does not stop the analysis", () => {
  // zz: two days with an amount of 0, four weeks apart; rr: two refunds.
  const odd: Transaction[] = [
    { customerId: "zz", date: "2024-02-01", amount: 0 },
    { customerId: "zz", date: "2024-02-29", amount: 0 },
    { customerId: "rr", date: "2024-02-05", amount: -5 },
    { customerId: "rr", date: "2024-02-26", amount: -7 },
  ];

  it("the summary counts recency from purchase days only: no purchase, so recency 0, first = last = the first row", () => {
    const s = summarize(transactionTable(odd), { unit: "weeks", end: "2024-03-07" });
    const zz = s.find((c) => c.customerId === "zz");
    const rr = s.find((c) => c.customerId === "rr");
    expect(zz).toMatchObject({ frequency: 0, recency: 0, T: 5, monetary: 0, revenue: 0, orders: 0 });
    expect([formatDay(zz!.first), formatDay(zz!.last)]).toEqual(["2024-02-01", "2024-02-01"]);
    expect(rr).toMatchObject({ frequency: 0, recency: 0, T: 31 / 7, revenue: -12, orders: 0 });
  });

  it("200 good customers plus zz and rr: analyze and predictBtyd run, and the report counts the two", () => {
    const rows = [...goodCustomers(), ...odd];
    const r = analyze({ transactions: rows }, { lang: "en-US" });
    expect(r.customers).toHaveLength(202);
    expect(r.report.model.fitted).toBe(true);
    const zz = r.customers.find((c) => c.customerId === "zz")!;
    expect(zz.summary.recency).toBe(0);
    expect(Number.isFinite(zz.clv)).toBe(true);
    const w = r.report.warnings.find((x) => x.key === "warn.noPurchase");
    expect(w?.text).toMatch(/^2 customers have no purchase/);
    expect(w?.text).toContain("rr");
    expect(analyze({ transactions: rows }, { lang: "zh-CN" }).report.warnings.find((x) => x.key === "warn.noPurchase")?.text).toMatch(/^2 位客户没有购买/);
    const p = predictBtyd(summarize(transactionTable(rows)), { unit: "weeks" });
    expect(p.fitted).toBe(true);
  });
});

describe("dates: bare numbers, dates before 1900, typos far from the data, rows after the end", () => {
  it("a bare small number is not a date unless the column is date-formatted", () => {
    for (const v of [5, "5", 2024, "2024", 9999.5]) expect(parseDay(v)).toBeNaN();
    expect(parseDay(5, { dateFormatted: true })).toBe(5);
    expect(parseDay(2024, { dateFormatted: true })).toBe(2024);
    // 10000 (1927-05-18) and above: a serial in any column.
    expect(parseDay(10000)).toBe(10000);
    expect(parseDay("45292")).toBe(45292);
    const m = messages(() => requireDay("2024", { row: 3, column: "date" }));
    expect(m.en).toBe('row 3, column "date": the text "2024" is a number, not a date: below 10000 (1927-05-18) a number is read as an Excel date only in a date-formatted column; write the date as YYYY-MM-DD');
    expect(m.zh).toContain("第 3 行");
    expect(m.zh).toContain("不是日期");
  });

  it("1850-05-01 is in the YYYY-MM-DD format: the message says Excel dates start in 1900", () => {
    expect(parseDay("1850-05-01")).toBeNaN();
    const m = messages(() => requireDay("1850-05-01", { row: 2, column: "date" }));
    expect(m.en).toBe('row 2, column "date": the text "1850-05-01" is before 1900-01-01, the first date Excel can hold; CVA reads dates from 1900-01-01 to 9999-12-31');
    expect(m.en).not.toContain("expected YYYY-MM-DD");
    expect(m.zh).toContain("1900-01-01");
    const end = messages(() => summarize(transactionTable(goodCustomers()), { end: "1850-05-01" }));
    expect(end.en).toBe('the observation end: the text "1850-05-01" is before 1900-01-01, the first date Excel can hold; CVA reads dates from 1900-01-01 to 9999-12-31');
    expect(end.zh).toMatch(/^观察截止日期：/);
    // An option named as typed, without a row.
    expect(messages(() => requireDay("1997-13-40", { column: "--calibration-end" })).en).toBe('--calibration-end: cannot read the text "1997-13-40" as a date (expected YYYY-MM-DD or an Excel date)');
  });

  it("a typo dated 2030 is flagged as after today and far from the data, and as the default end that inflates T", () => {
    const rows = [...goodCustomers(), { customerId: "c001", date: "2030-01-05", amount: 12 }];
    const today = dayFromYmd(2025, 6, 1);
    const { summaries, warnings } = summarizeWithWarnings(transactionTable(rows), { today });
    expect(formatDay(summaries[1].first)).toBe("2024-01-02");
    const keys = warnings.map((w) => w.key);
    expect(keys).toEqual(["warn.afterToday", "warn.farOut", "warn.endIsOutlier"]);
    const text = warnings.map((w) => warningText(w, "en-US"));
    expect(text[0]).toBe("1 row is dated after today (2025-06-01): the latest 2030-01-05");
    expect(text[1]).toBe("1 row is dated far from the others: 2030-01-05 (half of the rows lie between 2024-01-24 and 2024-02-28; far means outside it by more than 3 times its length, and by at least 273 days)");
    expect(text[2]).toBe("the observation end defaults to the last date, 2030-01-05, one of these; every customer's T is measured to it. Correct the date or set the observation end");
    expect(warningText(warnings[2], "zh-CN")).toContain("2030-01-05");
    // With the end set, the typo is a row after the end: counted, not silent.
    const cut = summarizeWithWarnings(transactionTable(rows), { today, end: "2024-06-30" });
    expect(cut.warnings.map((w) => warningText(w, "en-US"))).toEqual(["1 row was left out: dated after the observation end 2024-06-30"]);
  });

  it("9999-12-31 and 1900-01-05 in 2024 data are far out; 2024-09-30 is not", () => {
    const today = dayFromYmd(2026, 1, 1);
    const far = (date: string) =>
      summarizeWithWarnings(transactionTable([...goodCustomers(), { customerId: "x", date, amount: 1 }]), { today, end: "2024-12-31" }).warnings.map((w) => w.key);
    expect(far("1900-01-05")).toEqual(["warn.farOut"]);
    expect(far("2024-09-30")).toEqual([]);
    expect(summarizeWithWarnings(transactionTable([...goodCustomers(), { customerId: "x", date: "9999-12-31", amount: 1 }]), { today }).warnings.map((w) => w.key)).toEqual([
      "warn.afterToday",
      "warn.farOut",
      "warn.endIsOutlier",
    ]);
  });

  it("analyze reports the rows left out after the end, with the date", () => {
    const r = analyze({ transactions: goodCustomers() }, { end: "2024-03-01", model: "none" });
    const w = r.report.warnings.find((x) => x.key === "warn.rowsAfterEnd");
    expect(w?.text).toMatch(/^\d+ rows were left out: dated after the observation end 2024-03-01$/);
  });
});

describe("numbers past what a double holds never become Infinity or NaN", () => {
  it("amounts that add up past 1.8e308 are an error naming the customer", () => {
    const m = messages(() => summarize(transactionTable([{ customerId: "big", date: "2024-01-01", amount: 1e308 }, { customerId: "big", date: "2024-01-02", amount: 1e308 }])));
    expect(m.en).toBe('the amounts of customer "big" add up to more than 1.8e308, the largest number CVA can compute with');
    expect(m.zh).toContain("1.8e308");
  });

  it("an infinite amount in a table is an error naming its row", () => {
    const t = transactionTable([{ customerId: "a", date: "2024-01-01", amount: 1 }]);
    t.amount[0] = Infinity;
    expect(messages(() => summarize(t)).en).toBe("row 1: the amount Infinity is not a finite number");
  });

  it("GINI and the Lorenz curve of {1e308, 1e308, 1} are finite: 1/3", () => {
    expect(gini([1e308, 1e308, 1])).toBeCloseTo(1 / 3, 12);
    expect(paretoShare([1e308, 1e308, 1])).toBeCloseTo(0.2 * 3 / 2, 12);
    for (const p of lorenzCurve([1e308, 1e308, 1], 5)) expect(Number.isFinite(p.value)).toBe(true);
  });

  it("PYRAMID of {1e308, 1e308, 1} is an error, not Infinity", () => {
    expect(messages(() => pyramidTable([1e308, 1e308, 1])).en).toBe("values: the values add up to more than 1.8e308, the largest number CVA can compute with");
  });

  it("PARETO, GINI and LORENZ refuse negative values, which have no share of a total", () => {
    for (const f of [() => paretoShare([100, -60, 50]), () => gini([100, -60, 50]), () => lorenzCurve([100, -60, 50])]) {
      expect(messages(f).en).toBe("values holds 1 negative value (the first -60): the Pareto share, Lorenz curve and Gini coefficient need values of 0 or more, a share of a total");
    }
  });

  it("analyze counts customers with a negative value in its concentration figures as 0, and says so", () => {
    const rows: Transaction[] = [...goodCustomers(), { customerId: "loss", date: "2024-01-05", amount: 10, cost: 50 }];
    const r = analyze({ transactions: rows }, { model: "none", valueMeasure: "margin" });
    expect(r.report.warnings.find((w) => w.key === "warn.negativeValues")?.text).toBe(
      "1 customer has a negative margin; the Pareto share, Lorenz curve and Gini coefficient count such values as 0",
    );
  });

  it("the last guard: a non-finite result is an error, never written", () => {
    expect(finiteResult(3)).toBe(3);
    for (const v of [Infinity, -Infinity, NaN]) {
      expect(messages(() => finiteResult(v)).en).toBe(`a result is ${v}, not a finite number: the inputs hold numbers too large or too small to compute with`);
    }
  });

  it("fitted parameters outside the range a fit returns (1e-8 to 1e8) are refused: r = 1e300", () => {
    expect(messages(() => checkFittedParams({ r: 1e300, alpha: 4, a: 0.8, b: 2.4 }, "params")).en).toBe("params: r = 1e+300 is outside the range a CVA fit returns (1e-8 to 1e8)");
    expect(() => checkFittedParams({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, "params")).not.toThrow();
  });
});

describe("rates have bounds: discounts from 0 to below 1, margin shares above 0 up to 1", () => {
  it("refuses a negative monthly discount (−0.99 over 120 months gave 8.07e239)", () => {
    const m = messages(() => resolveLifetimeOptions({ unit: "weeks", horizonMonths: 120, discount: -0.99 }));
    expect(m.en).toBe("monthly_discount must be 0 or more: a negative rate makes money later worth more than money now; got -0.99");
    expect(m.zh).toContain("月贴现率");
  });
  it("a discount of 1 or more, and a margin share of 30, are percentages typed as numbers", () => {
    expect(messages(() => resolveLifetimeOptions({ unit: "weeks", discount: 10 })).en).toBe(
      "monthly_discount is a rate below 1 (0.1 = 10%); got 10. Did you mean 0.1?",
    );
    expect(messages(() => resolveLifetimeOptions({ unit: "weeks", margin: 30 })).en).toBe("the margin share is a share of spend above 0 and at most 1 (0.3 = 30%); got 30. Did you mean 0.3?");
    expect(messages(() => resolveLifetimeOptions({ unit: "weeks", margin: 0 })).en).toBe("the margin share is a share of spend above 0 and at most 1 (0.3 = 30%); got 0");
    expect(messages(() => resolveLifetimeOptions({ unit: "weeks", margin: 30 })).zh).toContain("0.3");
    expect(resolveLifetimeOptions({ unit: "weeks", discount: 0, margin: 1 })).toMatchObject({ discount: 0, margin: 1 });
  });
  it("the finance formula takes a discount from 0 to below 1 a period", () => {
    expect(messages(() => financeClv({ margin: 100, retention: 0.8, discount: -0.5, periods: 10 })).en).toBe(
      "discount must be 0 or more: a negative rate makes money later worth more than money now; got -0.5",
    );
    expect(messages(() => financeClv({ margin: 100, retention: 0.8, discount: 12 })).en).toBe("discount is a rate below 1 (0.1 = 10%); got 12. Did you mean 0.12?");
    expect(financeClv({ margin: 100, retention: 0.8, discount: 0 })).toBeCloseTo(400, 9);
  });
});

describe("a population with no spread gets a note, not a pyramid", () => {
  const zeros = () => {
    const rows: Transaction[] = [];
    for (let i = 0; i < 200; i++) rows.push({ customerId: `z${i}`, date: dayFromYmd(2024, 1, 1) + (i % 30), amount: 0 });
    return rows;
  };

  it("200 customers all worth 0: nobody in a tier, no 'best resources', a note in the report", () => {
    const r = analyze({ transactions: zeros() }, { model: "none" });
    for (const c of r.customers) {
      expect(c.tier).toBe(0);
      expect(c.tierStrategy).not.toContain("best resources");
    }
    expect(r.customers[0].tierLabel).toBe("No tier");
    expect(r.report.tiers).toEqual([]);
    expect(r.report.keyCustomers.count).toBe(0);
    expect(r.report.warnings.find((w) => w.key === "warn.noSpread")?.text).toBe(
      "all 200 customers have the same revenue (0): the pyramid cannot rank them, so no tiers are given",
    );
    const zh = analyze({ transactions: zeros() }, { model: "none", lang: "zh-CN" });
    expect(zh.customers[0].tierLabel).toBe("未分层");
  });

  it("TIER and PYRAMID on a population with no spread are an error that says so", () => {
    const pop = new RankedPopulation(new Array(200).fill(0));
    expect(messages(() => pop.tierOf(0)).en).toBe("values: all 200 values are equal (0); a pyramid needs values that differ");
    expect(messages(() => pyramidTable(new Array(200).fill(0))).en).toBe("values: all 200 values are equal (0); a pyramid needs values that differ");
    // Ties in a population with spread still never split.
    expect(new RankedPopulation([0, 0, 0, 5]).tierOf(0)).toBe(3);
  });
});
