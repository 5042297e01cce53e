/** The report's native charts (docs/output.md §3), drawn from the blocks of the report sheet's data area, with titles and axis titles. */
import type { ChartPlan } from "./plan";

export interface WrittenChart {
  name: string;
  title: string;
  sheet: string;
}

export interface Placed {
  /** Series name for a mark block: its second header. */
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function addChart(sheet: Excel.Worksheet, plan: ChartPlan, placed: Map<string, Placed>, topLeft: string, bottomRight: string): void {
  const at = placed.get(plan.block);
  if (!at) throw new Error(`chart ${plan.name}: no block ${plan.block}`);
  const source = sheet.getRangeByIndexes(at.row, at.col, at.rows + 1, at.cols);
  const type = plan.kind === "pyramid" ? "BarStacked" : plan.kind === "pareto" ? "XYScatterLinesNoMarkers" : "ColumnClustered";
  const chart = sheet.charts.add(type, source, "Columns");
  chart.name = plan.name;
  chart.title.text = plan.title;
  chart.setPosition(topLeft, bottomRight);
  if (plan.xTitle) chart.axes.categoryAxis.title.text = plan.xTitle;
  if (plan.yTitle) chart.axes.valueAxis.title.text = plan.yTitle;
  if (plan.kind === "pyramid") {
    // Customers to the left (negative shares, shown without their sign by the source's "0%;0%"),
    // value to the right, stacked on one bar per tier; the tier names at the left edge, not on the zero line.
    for (const i of [0, 1]) {
      const s = chart.series.getItemAt(i);
      s.gapWidth = 30;
      s.hasDataLabels = true;
    }
    chart.axes.categoryAxis.tickLabelPosition = "Low";
    chart.legend.position = "Bottom";
  } else if (plan.kind === "pareto") {
    chart.axes.valueAxis.maximum = 1;
    chart.axes.categoryAxis.maximum = 1;
    chart.legend.position = "Bottom";
    const mark = plan.markBlock ? placed.get(plan.markBlock) : undefined;
    if (mark) {
      // The 80/20 mark: a series of its own through the points of the mark block.
      const s = chart.series.add(mark.name);
      s.setXAxisValues(sheet.getRangeByIndexes(mark.row + 1, mark.col, mark.rows, 1));
      s.setValues(sheet.getRangeByIndexes(mark.row + 1, mark.col + 1, mark.rows, 1));
    }
  } else {
    chart.legend.visible = false;
  }
}
