/**
 * The Office requirement sets CVA calls into (docs/architecture.md §11), as one table:
 *
 * - REQUIRED_SETS are what CVA cannot work without. manifest.xml declares exactly these in its
 *   <Requirements>, so Office does not start CVA where one is missing ("Specify Office
 *   applications and API requirements"); test/manifest.test.ts reads every Office member the code
 *   calls, with the set @types/office-js gives it, and checks that the table and the manifest match.
 * - OPTIONAL_FEATURES are calls above those sets. Each is made only where
 *   Office.context.requirements.isSetSupported says its set is there; elsewhere CVA does without,
 *   and the pane says what is lost.
 */

export interface RequirementSet {
  readonly name: string;
  readonly minVersion: string;
}

/** What CVA needs to run at all, with the calls that need the version. */
export const REQUIRED_SETS: readonly RequirementSet[] = [
  // Worksheet.getRangeByIndexes, freezePanes, Workbook.protection, ChartSeriesCollection.add,
  // ChartSeries.setValues, NamedItem.formula.
  { name: "ExcelApi", minVersion: "1.7" },
  // CustomFunctions.Error (1.2) with a CustomFunctions.ErrorCode value (documented from 1.3).
  { name: "CustomFunctionsRuntime", minVersion: "1.3" },
  // One runtime for the pane and the functions (manifest <Runtimes>), Office.addin.onVisibilityModeChanged.
  { name: "SharedRuntime", minVersion: "1.1" },
];

/**
 * Calls CVA makes only where their set is supported: `apis` as @types/office-js names them, and
 * `guard`, the check that every file making one of those calls contains (test/manifest.test.ts).
 */
export const OPTIONAL_FEATURES = {
  /** Application.suspendScreenUpdatingUntilNextSync while the results are written (./write.ts). */
  screenUpdating: { set: { name: "ExcelApi", minVersion: "1.9" }, apis: ["Excel.Application.suspendScreenUpdatingUntilNextSync"], guard: 'supports("screenUpdating")' },
  /** Chart.activate for the pane's links to the report's charts (./navigate.ts). */
  chartSelect: { set: { name: "ExcelApi", minVersion: "1.9" }, apis: ["Excel.Chart.activate"], guard: 'supports("chartSelect")' },
  /** Excel.run's mergeUndoGroup: one undo step for a whole Run (./analysis.ts, ./run.ts canGroupUndo). */
  undoGroup: { set: { name: "ExcelApi", minVersion: "1.20" }, apis: ["Excel.RunOptions.mergeUndoGroup"], guard: "canGroupUndo(" },
  /** Range.getSpecialCellsOrNullObject("Visible"): which rows of the source are hidden or filtered out (./source.ts). */
  hiddenRows: { set: { name: "ExcelApi", minVersion: "1.9" }, apis: ["Excel.Range.getSpecialCellsOrNullObject", "Excel.RangeAreas.address"], guard: 'supports("hiddenRows")' },
  /** Range.getTables and Table.resize: replacing old results keeps the table CVA wrote at A1 (./write.ts). */
  /** Worksheet.pageLayout: the report printed landscape, one page wide, with its title row and the date (./report.ts). */
  pageLayout: { set: { name: "ExcelApi", minVersion: "1.9" }, apis: ["Excel.Worksheet.pageLayout", "Excel.PageLayout.orientation", "Excel.PageLayout.zoom", "Excel.PageLayoutZoomOptions.horizontalFitToPages", "Excel.PageLayoutZoomOptions.verticalFitToPages", "Excel.PageLayout.centerHorizontally", "Excel.PageLayout.setPrintArea", "Excel.PageLayout.setPrintTitleRows", "Excel.PageLayout.headersFooters", "Excel.HeaderFooterGroup.defaultForAllPages", "Excel.HeaderFooter.centerHeader", "Excel.HeaderFooter.centerFooter"], guard: 'supports("pageLayout")' },
  keepResultsTable: { set: { name: "ExcelApi", minVersion: "1.13" }, apis: ["Excel.Range.getTables", "Excel.Table.resize"], guard: 'check("ExcelApi", "1.13")' },
} as const satisfies Record<string, { set: RequirementSet; apis: readonly string[]; guard: string }>;

export type OptionalFeature = keyof typeof OPTIONAL_FEATURES;

/** Office.context.requirements.isSetSupported, or a stand-in. */
export type SetCheck = (name: string, minVersion: string) => boolean;

/** Office's check, or undefined outside Office (the unit tests' Node, before Office.js loads). */
export function officeSetCheck(): SetCheck | undefined {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return requirements ? (name, minVersion) => requirements.isSetSupported(name, minVersion) : undefined;
}

/** What this Office lacks: required sets (CVA cannot run) and optional features (CVA does without). */
export interface Support {
  missing: RequirementSet[];
  lost: OptionalFeature[];
}

export function checkSupport(check: SetCheck): Support {
  return {
    missing: REQUIRED_SETS.filter((s) => !check(s.name, s.minVersion)),
    lost: (Object.keys(OPTIONAL_FEATURES) as OptionalFeature[]).filter((f) => !check(OPTIONAL_FEATURES[f].set.name, OPTIONAL_FEATURES[f].set.minVersion)),
  };
}

/** The sets behind some features, each once, in order. */
export function setsOf(features: readonly OptionalFeature[]): RequirementSet[] {
  const sets: RequirementSet[] = [];
  for (const f of features) {
    const s = OPTIONAL_FEATURES[f].set;
    if (!sets.some((x) => x.name === s.name && x.minVersion === s.minVersion)) sets.push(s);
  }
  return sets;
}

/** True where the optional feature's set is supported (and outside Office, where nothing checks). */
export function supports(feature: OptionalFeature, check: SetCheck | undefined = officeSetCheck()): boolean {
  const { name, minVersion } = OPTIONAL_FEATURES[feature].set;
  return check ? check(name, minVersion) : true;
}

/** "ExcelApi 1.9" */
export function setLabel(set: RequirementSet): string {
  return `${set.name} ${set.minVersion}`;
}
