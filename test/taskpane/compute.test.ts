// The pane's compute step on a customer-profile range that is a BTYD summary table (the CDNOW
// summary as published: ID, x, t_x, T, zbar in weeks): the pane recognises it as profiles and
// fits BG/NBD + Gamma-Gamma to it, as core's analyze does for transactions.
import * as fs from "fs";
import * as path from "path";
import { computeAnalysis } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { recognise } from "../../src/taskpane/workflow/parse";
import { CDNOW_DIR } from "../core/clv/cdnow";
import { localizedMessage } from "../../src/core";
import { expectedChurned } from "../core/churn-expect";

function summaryRange(): { address: string; header: string[]; rows: unknown[][] } {
  const lines = fs.readFileSync(path.join(CDNOW_DIR, "cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(",").map((v, j) => (j === 0 ? v : Number(v))));
  return { address: `Sheet1!A1:E${lines.length}`, header, rows };
}

describe("compute on a profiles range with frequency, recency and T", () => {
  it("is recognised as profiles and fitted: the published BG/NBD parameters, CLV for every customer", () => {
    const source = summaryRange();
    const r = recognise(source.header);
    expect(r.kind).toBe("profiles");
    const out = computeAnalysis({ kind: "profiles", source, mapping: r.profiles }, { ...defaultOptions("en-US"), unit: "weeks", model: "bgnbd" });
    expect(out.fallback).toBeNull();
    expect(out.result.report.valueMeasure).toBe("clv");
    // FHL 2005 on the 2-decimal summary: r 0.2426, α 4.414, a 0.793, b 2.426 (0.7929 before rounding).
    expect(out.result.report.model.note).toMatch(/^BG\/NBD on 2357 customers: r 0\.2426, alpha 4\.41\d, a 0\.79\d*, b 2\.42\d/);
    expect(out.result.customers.every((c) => c.clv !== null && Number.isFinite(c.clv) && c.clv >= 0)).toBe(true);
    // The churned stage follows P(alive) < 0.1 or silence beyond the churn gap (docs/customer-state.md §2).
    const churned = expectedChurned(out.result.customers);
    out.result.customers.forEach((c, i) => expect(c.stage === "churned").toBe(churned[i]));
  });

  it("without T the profiles carry no purchase history: no model, and no fallback warning either", () => {
    const source = summaryRange();
    const header = source.header.slice(0, 3).concat("zbar");
    const rows = source.rows.map((row) => [row[0], row[1], row[2], row[4]]);
    const r = recognise(header);
    const out = computeAnalysis({ kind: "profiles", source: { address: source.address, header, rows }, mapping: r.profiles }, defaultOptions("zh-CN"));
    expect(out.result.report.model.kind).toBeNull();
    expect(out.fallback).toBeNull();
    expect(out.result.report.valueMeasure).toBe("revenue");
  });
});

describe("an inconsistent profile is named by its worksheet row", () => {
  it("counts the blank rows the pane skips, in both languages", () => {
    const header = ["customer_id", "frequency", "recency", "T"];
    const rows: unknown[][] = [];
    for (let i = 0; i < 12; i++) rows.push([`c${i}`, i % 3, i % 3 ? 5 : 0, 30]);
    rows.splice(3, 0, [null, null, null, null]); // a blank row 5 in the sheet
    rows.push(["bad", 0, 5, 30]); // sheet row 15: 1 header + 13 profiles + 1 blank row
    const mapping = recognise(header).profiles;
    const source = { address: "Sheet1!A1:D15", header, rows };
    for (const [lang, text] of [
      ["en-US", /^row 15: recency is 5 but frequency is 0/],
      ["zh-CN", /第 15 行/],
    ] as const) {
      let message = "";
      try {
        computeAnalysis({ kind: "profiles", source, mapping }, defaultOptions(lang));
      } catch (e) {
        message = localizedMessage(e, lang);
      }
      expect(message).toMatch(text);
    }
  });
});
