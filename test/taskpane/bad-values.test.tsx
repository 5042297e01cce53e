/**
 * @jest-environment jsdom
 *
 * Bad numbers and dates in the pane: small numbers in a date column that is not date-formatted,
 * a typo far from the other dates, rows after the observation end, and a population with no
 * spread — each is said in the results (docs/inputs.md §5, docs/pyramid.md §11, docs/output.md §3).
 */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { AnalysisOutcome } from "../../src/excel";
import { ResultsCard } from "../../src/taskpane/ResultsCard";
import { computeAnalysis, type RangeValues } from "../../src/taskpane/workflow/compute";
import { defaultOptions } from "../../src/taskpane/workflow/options";
import { isInputIssue, recognise, toTransactions } from "../../src/taskpane/workflow/parse";

jest.mock("@fluentui/react-charts", () => ({
  FunnelChart: ({ data }: { data: { stage: string }[] }) => <ol data-testid="funnel">{data.map((d) => <li key={d.stage}>{d.stage}</li>)}</ol>,
}));

/** 200 customers, first purchases over January 2024 (serials 45292…), repeats every few weeks. */
function range(extra: unknown[][] = [], amount = (i: number) => 10 + (i % 13)): RangeValues & { dateFormatted: boolean[] } {
  const rows: unknown[][] = [];
  for (let i = 0; i < 200; i++) {
    rows.push([`c${i}`, 45292 + (i % 28), amount(i)]);
    for (let k = 1; k <= i % 4; k++) rows.push([`c${i}`, 45292 + (i % 28) + 14 * k, amount(i)]);
  }
  rows.push(...extra);
  return { address: `Sheet1!A1:C${rows.length + 1}`, header: ["customer_id", "date", "amount"], rows, dateFormatted: [false, true, false] };
}

function compute(source: RangeValues, end = "") {
  return computeAnalysis({ kind: "transactions", source, mapping: recognise(source.header).transactions }, { ...defaultOptions("en-US"), end });
}

describe("dates in the pane", () => {
  it("a bare 5 in a date column is a date only when the column is date-formatted", () => {
    const header = ["id", "date", "amount"];
    const mapping = { id: 0, date: 1, amount: 2 };
    const rows = [["a", 5, 1], ["a", 45292, 2]];
    let issue: unknown;
    try {
      toTransactions(header, rows, mapping, 2);
    } catch (e) {
      issue = e;
    }
    expect(isInputIssue(issue) && issue.code).toBe("badDates");
    expect(toTransactions(header, rows, mapping, 2, true).day[0]).toBe(5);
  });

  it("the date column's number format reaches the reader through compute", () => {
    const src = range([["x", 5, 1]]);
    expect(compute(src).result.customers.find((c) => c.customerId === "x")?.summary.first).toBe(5);
    expect(() => compute({ ...src, dateFormatted: [false, false, false] } as RangeValues)).toThrow("cannot be read");
  });

  it("a typo in 9999 and rows after the end are warnings in the headline and lines of the report", () => {
    const out = compute(range([["c1", 2958465, 5]]));
    expect(out.headline.warnings).toEqual([
      expect.stringMatching(/^1 row is dated after today \(\d{4}-\d\d-\d\d\): the latest 9999-12-31$/),
      expect.stringMatching(/^1 row is dated far from the others: 9999-12-31/),
      expect.stringMatching(/^the observation end defaults to the last date, 9999-12-31/),
    ]);
    const cut = compute(range(), "2024-02-01");
    expect(cut.headline.warnings).toEqual([expect.stringMatching(/^\d+ rows were left out: dated after the observation end 2024-02-01$/)]);
    expect(cut.plan.report.lines).toContainEqual([`Warning: ${cut.headline.warnings[0]}`]);
  });
});

describe("a population with no spread in the pane", () => {
  const outcome = { resultsSheet: "CVA Results", reportSheet: "CVA Report", tableName: "CVA_Results", charts: [] } as unknown as AnalysisOutcome;

  it("200 customers who all spent 0: no tiers, no pyramid block or chart, blank tier cells, and the note", () => {
    const out = compute(range([], () => 0));
    expect(out.headline.tiers).toEqual([]);
    expect(out.headline.warnings).toEqual([
      expect.stringMatching(/^200 customers have no purchase/),
      "all 200 customers have the same revenue (0): the pyramid cannot rank them, so no tiers are given",
    ]);
    expect(out.plan.report.blocks.map((b) => b.id)).not.toContain("pyramid");
    expect(out.plan.report.blocks.map((b) => b.id)).not.toContain("tiers");
    expect(out.plan.report.charts.map((c) => c.name)).not.toContain("CVA_Pyramid");
    const tierCol = out.plan.results.tierColumn;
    expect(new Set(out.plan.results.rows.map((r) => r[tierCol]))).toEqual(new Set([""]));
    render(
      <FluentProvider theme={webLightTheme}>
        <ResultsCard locale="en-US" headline={out.headline} outcome={outcome} onSelect={() => undefined} />
      </FluentProvider>,
    );
    expect(screen.getByTestId("warnings").textContent).toContain("all 200 customers have the same revenue (0)");
    expect(screen.queryByTestId("funnel")).toBeNull();
  });
});

describe("blank rows in the pane, as in the command line", () => {
  const header = ["id", "date", "amount", "cost"];
  const mapping = { id: 0, date: 1, amount: 2, cost: 3 };
  it("skips a row blank in every cell read, spaces included", () => {
    const t = toTransactions(header, [["a", 45292, 2, 1], [null, "", "  ", null], ["a", 45300, 3, 1]], mapping, 2);
    expect(t.length).toBe(2);
  });
  it("names a row that has only a cost instead of dropping it", () => {
    let issue: unknown;
    try {
      toTransactions(header, [["a", 45292, 2, 1], [null, null, null, 4]], mapping, 2);
    } catch (e) {
      issue = e;
    }
    expect(isInputIssue(issue) && [issue.code, issue.cells.map((c) => c.row)]).toEqual(["emptyIds", [3]]);
  });
});
