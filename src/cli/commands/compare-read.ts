/**
 * Reads a result file of `cva analyze --out` (analyze.ts writes it) into a snapshot of the pyramid
 * (src/core/segments/migration.ts): the columns customer_id, tier, value and stage, and clv,
 * p_alive and upgrade_potential when the file has them. The stage is written as its label in the
 * language of the run that wrote the file, so a label of either language (or the stage's own
 * name, as in `churned`) is read. Cell errors name the file, the data row, the line and the column,
 * as the transactions reader's do (../csv.ts); repeated and empty ids are the core's to refuse.
 */
import { ErrorCodes, LANGS, LIFE_CYCLE_STAGES, normaliseHeader, stageLabel, type Snapshot } from "../../core";
import { forEachRecord, readCsvFile, type CsvReadOptions } from "../csv";
import { cellError, fileError } from "../csv/errors";
import { headerOf } from "../csv/header";
import { bytesToNumber } from "../csv/values";

/** The stage of each name a result file may hold: the labels in both languages and the stages' own names. */
const STAGE_OF = new Map<string, number>();
LIFE_CYCLE_STAGES.forEach((stage, k) => {
  STAGE_OF.set(stage, k);
  for (const lang of LANGS) STAGE_OF.set(stageLabel(stage, lang).toLowerCase(), k);
});

const REQUIRED = ["customer_id", "tier", "value", "stage"] as const;
const OPTIONAL = ["clv", "p_alive", "upgrade_potential"] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/**
 * The snapshot in `file`; its name (shown in front of the core's messages) is the file's name.
 * @throws CvaError MISSING_COLUMN for a missing required column, INVALID_NUMBER / INVALID_TYPE
 *   for a cell that cannot be read, EMPTY_INPUT for a file without rows.
 */
export function readResultsSnapshot(file: string, options: CsvReadOptions = {}): Snapshot {
  const { buf, name } = readCsvFile(file, options);
  const { headers, delimiter } = headerOf(buf, name);
  const norm = headers.map(normaliseHeader);
  const col = {} as Record<Column, number>;
  for (const c of [...REQUIRED, ...OPTIONAL]) col[c] = norm.indexOf(normaliseHeader(c));
  for (const c of REQUIRED) {
    if (col[c] < 0) throw fileError(name, ErrorCodes.MissingColumn, "csv.resultsColumn", { column: c, columns: headers.join(", ") }, { column: c });
  }
  const ids: string[] = [];
  const tier: number[] = [];
  const stage: number[] = [];
  const value: number[] = [];
  const clv: number[] = [];
  const pAlive: number[] = [];
  const upgrade: number[] = [];
  let header = true;
  forEachRecord(buf, name, delimiter, (rec) => {
    if (header) {
      header = false;
      return;
    }
    const row = ids.length + 1;
    /** The number in column `c`; NaN for a blank cell when `blank` allows it. */
    const number = (c: number, blank: boolean): number => {
      const text = rec.text(c);
      if (text === "" && blank) return NaN;
      const v = bytesToNumber(buf, rec.start[c], rec.end[c]);
      if (v - v !== 0) throw cellError(name, ErrorCodes.InvalidNumber, Number.isNaN(v) ? "csv.badNumber" : "csv.tooLarge", row, rec.line, headers[c], { got: JSON.stringify(text) });
      return v;
    };
    ids.push(rec.text(col.customer_id));
    tier.push(number(col.tier, false));
    value.push(number(col.value, false));
    const label = rec.text(col.stage);
    const k = STAGE_OF.get(label.toLowerCase());
    if (k === undefined) {
      const stages = LIFE_CYCLE_STAGES.join(", ");
      throw cellError(name, ErrorCodes.InvalidType, "csv.badStage", row, rec.line, headers[col.stage], { got: JSON.stringify(label), stages });
    }
    stage.push(k);
    clv.push(col.clv < 0 ? NaN : number(col.clv, true));
    pAlive.push(col.p_alive < 0 ? NaN : number(col.p_alive, true));
    if (col.upgrade_potential < 0) upgrade.push(-1);
    else {
      const flag = rec.text(col.upgrade_potential).toLowerCase();
      if (flag !== "" && flag !== "true" && flag !== "false") {
        throw cellError(name, ErrorCodes.InvalidType, "csv.badFlag", row, rec.line, headers[col.upgrade_potential], { got: JSON.stringify(flag) });
      }
      upgrade.push(flag === "" ? -1 : flag === "true" ? 1 : 0);
    }
  });
  if (ids.length === 0) throw fileError(name, ErrorCodes.EmptyInput, "file.noRows");
  return {
    name,
    ids,
    tier: Float64Array.from(tier),
    stage: Uint8Array.from(stage),
    value: Float64Array.from(value),
    clv: Float64Array.from(clv),
    pAlive: Float64Array.from(pAlive),
    upgrade: Int8Array.from(upgrade),
  };
}
