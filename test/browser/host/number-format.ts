/**
 * How Excel displays a cell value under a number format, for the number formats the add-in
 * writes (src/taskpane/workflow/output.ts): General, text "@", fixed decimals "0", "0.0",
 * "0.00", grouped "#,##0.00", percent "0.0%", dates "yyyy-mm-dd", and a positive;negative pair of
 * those ("0%;0%", the negative shown without its sign). Any other format throws,
 * so the workbook view fails loudly instead of drawing a value Excel would show differently.
 * Numbers are shown with en-US separators, which Excel also uses for zh-CN.
 */
import type { CellValue } from "../../fakes/workbook";

/** Serial 0 is 1899-12-30 (Excel's 1900 date system, past its 1900-02-29 bug). */
const EPOCH = Date.UTC(1899, 11, 30);

/** Rounds half away from zero at `decimals` places, on the value's 15 significant digits, as Excel does. */
function fixed(v: number, decimals: number): string {
  const scaled = Math.round(Number((Math.abs(v) * 10 ** decimals).toPrecision(15)));
  return (scaled / 10 ** decimals).toFixed(decimals);
}

function group(digits: string): string {
  const [int, frac] = digits.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * General: integers in full up to 11 digits; other numbers rounded to the most decimals that
 * fit `fits` (Excel fits General numbers to the column width), at most 11 characters.
 */
export function formatGeneral(v: number, fits: (text: string) => boolean = () => true): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  if (Math.abs(v) >= 1e11 || Math.abs(v) < 1e-9) return v.toExponential(5).replace(/\.?0*e([+-])(\d)$/, "E$10$2").replace(/\.?0*e/, "E");
  const sign = v < 0 ? "-" : "";
  for (let d = 10; d >= 0; d--) {
    const text = sign + fixed(v, d).replace(/\.?0+$/, "");
    if (text.length <= 11 && fits(text)) return text;
  }
  return sign + fixed(v, 0);
}

/** yyyy, yy, mm, m, dd, d of a date serial. */
function formatDate(serial: number, format: string): string {
  const d = new Date(EPOCH + Math.floor(serial) * 86_400_000);
  const parts: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    yy: String(d.getUTCFullYear() % 100).padStart(2, "0"),
    mm: String(d.getUTCMonth() + 1).padStart(2, "0"),
    m: String(d.getUTCMonth() + 1),
    dd: String(d.getUTCDate()).padStart(2, "0"),
    d: String(d.getUTCDate()),
  };
  return format.replace(/yyyy|yy|mm|m|dd|d/g, (t) => parts[t]);
}

const NUMBER = /^(#,##)?0(?:\.(0+))?(%?)$/;
const DATE = /^(?:yyyy|yy|mm|m|dd|d|[-/. ])+$/;

/** The text Excel shows for `value` under `format`; `fits` lets General round to the column. */
export function formatValue(value: CellValue | null | undefined, format = "General", fits?: (text: string) => boolean): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (format === "General" || format === "@") return formatGeneral(value, fits);
  // Two sections ("0%;0%"): the first for positive numbers and zero, the second for negative ones, shown without their sign.
  const sections = format.split(";");
  if (sections.length === 2) return value < 0 ? formatValue(-value, sections[1], fits) : formatValue(value, sections[0], fits);
  const n = NUMBER.exec(format);
  if (n) {
    const [, grouped, decimals = "", percent] = n;
    const x = percent ? value * 100 : value;
    const digits = fixed(x, decimals.length);
    const shown = grouped ? group(digits) : digits;
    return (x < 0 && Number(digits) !== 0 ? "-" : "") + shown + percent;
  }
  if (DATE.test(format)) return formatDate(value, format);
  throw new Error(`the workbook view does not know the number format "${format}"`);
}

/** Excel's default alignment: numbers (and dates) right, booleans centred, text left. */
export function alignment(value: CellValue | null | undefined): "left" | "right" | "center" {
  return typeof value === "number" ? "right" : typeof value === "boolean" ? "center" : "left";
}
