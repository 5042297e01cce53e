/** The report's native charts, drawn from the blocks written on the report sheet. */
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
  if (plan.kind === "pyramid") {
    // Centred bars: an invisible spacer series of (widest − count) / 2 before each count.
    const spacer = chart.series.getItemAt(0);
    spacer.format.fill.clear();
    spacer.format.line.lineStyle = "None";
    const bars = chart.series.getItemAt(1);
    bars.gapWidth = 15;
    bars.hasDataLabels = true;
    chart.legend.visible = false;
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
