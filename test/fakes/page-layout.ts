/**
 * Worksheet.pageLayout of the fake workbook (ExcelApi 1.9, "Excel.PageLayout class"): orientation,
 * zoom, centring, print area, print title rows and the default header and footer, each queued and
 * applied at the sync as Excel does, with Excel's refusals (InvalidArgument): an orientation other
 * than Portrait or Landscape; a zoom with a scale outside 10–400, or with both a scale and pages to
 * fit, or fit pages that are not whole numbers ≥ 0; title rows that are not whole rows; a header or
 * footer over 255 characters. `zoom` is set as one object only ("use x.zoom = {...} instead of
 * x.zoom.scale = ..."): the object it reads back is frozen, so setting one of its fields throws.
 * Where ExcelApi 1.9 is missing, `pageLayout` is undefined, as on an older Excel.
 */
export interface PageLayoutRecord {
  orientation?: string;
  zoom?: { scale?: number | null; horizontalFitToPages?: number | null; verticalFitToPages?: number | null };
  centerHorizontally?: boolean;
  printArea?: string;
  printTitleRows?: string;
  centerHeader?: string;
  centerFooter?: string;
}

type Fail = (message: string) => Error;

/** The proxy: every setter queues `apply` with a check that throws `fail(...)` for what Excel refuses. */
export function pageLayoutProxy(rec: () => PageLayoutRecord, queue: (f: () => void) => void, fail: Fail): unknown {
  const set = <K extends keyof PageLayoutRecord>(key: K, v: PageLayoutRecord[K], problem: string | null) =>
    queue(() => {
      if (problem) throw fail(problem);
      rec()[key] = v;
    });
  const headerFooter = (key: "centerHeader" | "centerFooter") => ({
    set(v: string) {
      set(key, v, typeof v !== "string" || v.length > 255 ? `${key} of ${String(v).length} characters (at most 255)` : null);
    },
  });
  const defaults = {};
  Object.defineProperty(defaults, "centerHeader", headerFooter("centerHeader"));
  Object.defineProperty(defaults, "centerFooter", headerFooter("centerFooter"));
  return {
    set orientation(v: string) {
      set("orientation", v, v === "Portrait" || v === "Landscape" ? null : `orientation ${v}`);
    },
    get zoom() {
      return Object.freeze({ ...rec().zoom });
    },
    set zoom(v: NonNullable<PageLayoutRecord["zoom"]>) {
      const z = { ...v };
      const fit = [z.horizontalFitToPages, z.verticalFitToPages].filter((x) => x !== undefined && x !== null);
      const scaled = z.scale !== undefined && z.scale !== null;
      const problem =
        scaled && fit.length > 0 ? "a zoom with both a scale and pages to fit"
        : scaled && !(Number(z.scale) >= 10 && Number(z.scale) <= 400) ? `zoom scale ${z.scale} (10–400)`
        : fit.some((x) => !Number.isInteger(x) || Number(x) < 0) ? "pages to fit must be whole numbers ≥ 0"
        : null;
      set("zoom", z, problem);
    },
    set centerHorizontally(v: boolean) {
      set("centerHorizontally", v, null);
    },
    setPrintArea(area: string | { address: string }) {
      const a = typeof area === "string" ? area : area.address;
      set("printArea", a, /^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/i.test(a) ? null : `print area ${a}`);
    },
    setPrintTitleRows(rows: string | { address: string }) {
      const a = typeof rows === "string" ? rows : rows.address;
      set("printTitleRows", a, /^\$?\d+:\$?\d+$/.test(a) ? null : `print title rows must be whole rows, not ${a}`);
    },
    headersFooters: { defaultForAllPages: defaults },
  };
}
