/**
 * @jest-environment jsdom
 *
 * The pane with fake Excel operations (docs/architecture.md §8): it renders the selection,
 * follows changes, shows errors, and speaks the user's language.
 */
import { render, screen, act, waitFor } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { ExcelOperations, SelectionInfo } from "../../src/excel";

// @fluentui/react-charts ships d3 as ES modules, which jest's CommonJS runtime cannot load; the
// preview chart is replaced here by a list of its data points (the real chart renders in the
// browser test, test/browser/taskpane.test.ts).
jest.mock("@fluentui/react-charts", () => ({
  FunnelChart: ({ data, chartTitle }: { data: { stage: string; value: number }[]; chartTitle: string }) => (
    <ol aria-label={chartTitle} data-testid="funnel">
      {data.map((d) => (
        <li key={d.stage} data-value={d.value}>{d.stage}</li>
      ))}
    </ol>
  ),
}));

function fakeExcel(initial: SelectionInfo) {
  let listener: ((s: SelectionInfo) => void) | undefined;
  let removed = false;
  const ops: ExcelOperations = {
    ...quietWorkflow,
    readSelection: async () => initial,
    watchSelection: async (onChange) => {
      listener = onChange;
      return async () => {
        removed = true;
      };
    },
  };
  return {
    ops,
    change: (s: SelectionInfo) => act(() => listener!(s)),
    get removed() {
      return removed;
    },
  };
}

/** The workflow's operations, for tests about the selection card: an empty workbook. */
const quietWorkflow: Omit<ExcelOperations, "readSelection" | "watchSelection"> = {
  listSources: async () => ({ tables: [], names: [] }),
  previewSource: async () => ({ address: "Sheet1!A1:D20", sheet: "Sheet1", header: ["", "", "", ""], rows: [["", "", "", ""]], dateFormatted: [false, false, false, false], chunks: 1 }),
  runAnalysis: async () => {
    throw new Error("not run in these tests");
  },
  select: async () => undefined,
  loadSettings: () => undefined,
  saveSettings: async () => undefined,
};

const sel = (address: string, sheet: string, range: string, rows: number, columns: number): SelectionInfo => ({ address, sheet, range, rows, columns });

describe("App", () => {
  it("shows the selection's sheet, range and size, and updates when it changes", async () => {
    const excel = fakeExcel(sel("Sheet1!A1:D20", "Sheet1", "A1:D20", 20, 4));
    const view = render(<App excel={excel.ops} locale="en-US" theme={webLightTheme} />);
    expect(await screen.findByTestId("selection-range")).toHaveProperty("textContent", "A1:D20");
    expect(screen.getByTestId("selection-sheet").textContent).toBe("Sheet1");
    expect(screen.getByTestId("selection-size").textContent).toBe("20 rows × 4 columns · 80 cells");

    excel.change(sel("'Q3 sales'!B2:F1001", "Q3 sales", "B2:F1001", 1000, 5));
    await waitFor(() => expect(screen.getByTestId("selection-range").textContent).toBe("B2:F1001"));
    expect(screen.getByTestId("selection-size").textContent).toBe("1,000 rows × 5 columns · 5,000 cells");

    view.unmount();
    await waitFor(() => expect(excel.removed).toBe(true));
  });

  it("speaks Chinese when Office does", async () => {
    const excel = fakeExcel(sel("Sheet1!A1:B3", "Sheet1", "A1:B3", 3, 2));
    render(<App excel={excel.ops} locale="zh-CN" theme={webLightTheme} />);
    expect((await screen.findByTestId("selection-size")).textContent).toBe("3 行 × 2 列 · 6 个单元格");
    expect(screen.getByText("当前选择")).toBeTruthy();
    expect(screen.getByText("客户价值")).toBeTruthy();
  });

  it("shows why the selection could not be read", async () => {
    const ops: ExcelOperations = {
      ...quietWorkflow,
      readSelection: async () => {
        throw new Error("The workbook is busy");
      },
      watchSelection: async () => async () => undefined,
    };
    render(<App excel={ops} locale="en-US" theme={webLightTheme} />);
    expect(await screen.findByText("Could not read the selection: The workbook is busy")).toBeTruthy();
  });
});
