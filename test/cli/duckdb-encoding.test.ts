// cva summary and cva fit with --engine duckdb on files that are not UTF-8 (docs/engines.md §1,
// docs/inputs.md §7): the CDNOW sample written by the test in GBK with Chinese headers and ids, in
// UTF-16LE with a byte-order mark, and in Windows-1252 with accented ids, also gzip-compressed;
// small files in Shift-JIS and Big5 (named with --encoding) and UTF-16BE without a byte-order mark.
// DuckDB reads UTF-8 only; the engine transcodes in a stream to a temporary UTF-8 file. Pinned:
// the same customers with the same figures as the memory engine on the same bytes and as the
// DuckDB summary of the same text in UTF-8 (within the memory engine's 15 significant digits), the same BG/NBD fit to the last digit, the same note of a guessed encoding, and the
// memory engine's keyed error (both languages) naming the line of a byte that is not text — also
// past the first megabyte, where DuckDB itself finds it — and no temporary file left behind.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { main } from "../../src/cli/main";
import { csvColumns, encode, fakeIo, gbk, scratch } from "./helpers";

const sample = path.resolve(__dirname, "../../data/cdnow/cdnow_sample.csv");
const s = scratch("cva-duck-enc-");

async function run(args: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

const lines = fs.readFileSync(sample, "utf8").trim().split(/\r?\n/);
/** The CDNOW log with Chinese headers (客户编号 = customer id, 日期 = date, 数量 = quantity, 金额 = amount) and ids 客户0001…, Excel's CRLF. */
const chinese = ["客户编号,日期,数量,金额", ...lines.slice(1).map((l) => `客户${l}`)].join("\r\n") + "\r\n";
/** The CDNOW log with ids Zoë0001…: Windows-1252 has no Chinese. */
const accented = [lines[0], ...lines.slice(1).map((l) => `Zoë${l}`)].join("\r\n") + "\r\n";

/**
 * Every customer's figures equal, in the same order: ids, dates and counts exactly, the sums to
 * 1e-14 relative (the memory engine writes 15 significant digits, and DuckDB's parallel sums may
 * add a customer's amounts in another order: 339.79 or 339.7900000000001).
 */
function expectSameSummary(duck: string, memory: string): void {
  const a = csvColumns(duck), b = csvColumns(memory);
  expect(Object.keys(a)).toEqual(Object.keys(b));
  expect(a.customer_id).toEqual(b.customer_id);
  expect(a.customer_id.length).toBe(2357);
  for (const k of ["first", "last", "orders", "frequency"]) expect(a[k]).toEqual(b[k]);
  for (const k of ["recency", "T", "monetary", "revenue"]) b[k].forEach((v, i) => expect(Math.abs(Number(a[k][i]) - Number(v))).toBeLessThanOrEqual(1e-14 * Math.abs(Number(v))));
}

/** Temporary copies in the system's temporary folder. */
const leftovers = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("cva-enc-"));

/**
 * No copy left behind: every copy that was not there before is gone. Other test files and other
 * runs on the machine make copies in the same folder at the same time, and remove them within
 * seconds, so a new one is waited for (up to 15 s); a copy this engine leaked never goes.
 */
async function expectNoLeftovers(before: string[]): Promise<void> {
  const fresh = () => leftovers().filter((f) => !before.includes(f));
  for (let waited = 0; fresh().length > 0 && waited < 15_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
  expect(fresh()).toEqual([]);
}

describe.each([
  ["GBK, Chinese headers and ids", "gbk.csv", () => gbk(chinese), chinese, "GB18030"],
  ["UTF-16LE with a byte-order mark", "u16.csv", () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chinese, "utf16le")]), chinese, null],
  ["Windows-1252, accented ids", "w1252.csv", () => Buffer.from(accented, "latin1"), accented, "Windows-1252"],
  ["GBK compressed with gzip", "gbk.csv.gz", () => zlib.gzipSync(gbk(chinese)), chinese, "GB18030"],
])("%s", (_, name, bytes, text, guessed) => {
  let file = "";
  let utf8 = "";
  beforeAll(() => {
    file = s.write(name, bytes());
    utf8 = s.write(`utf8-${name.replace(/\.gz$/, "")}`, text);
  });

  test("the summary is the memory engine's, and DuckDB's summary of the same text in UTF-8", async () => {
    const before = leftovers();
    const duck = await run(["summary", file, "--engine", "duckdb", "--threads", "2"]);
    expect(duck.code).toBe(0);
    const same = await run(["summary", utf8, "--engine", "duckdb", "--threads", "2"]);
    expectSameSummary(duck.out, same.out);
    expect(duck.out).toMatch(name.startsWith("w") ? /\nZoë0001,3,/ : /\n客户0001,3,/);
    if (!name.endsWith(".gz")) {
      const memory = await run(["summary", file]);
      expectSameSummary(duck.out, memory.out);
      // The same note of a guessed encoding, and the same warnings (CDNOW's customers without a purchase).
      expect(duck.err).toBe(memory.err);
    }
    expect(duck.err.startsWith(guessed ? `cva: note: ${name} is not UTF-8: read as ${guessed} (name another with --encoding)\n` : "")).toBe(true);
    await expectNoLeftovers(before);
  });

  test("--encoding names it: the same summary, without the note", async () => {
    const enc = name.startsWith("w") ? "windows-1252" : name.startsWith("u16") ? "utf-16le" : "gbk";
    const named = await run(["summary", file, "--engine", "duckdb", "--encoding", enc, "--out", `named-${name}.csv`]);
    expect(named.code).toBe(0);
    expect(named.err).not.toMatch(/note/);
    expectSameSummary(fs.readFileSync(path.join(s.dir(), `named-${name}.csv`), "utf8"), (await run(["summary", utf8, "--engine", "duckdb"])).out);
  });
});

test("cva fit --engine duckdb on the GBK file gives the memory engine's BG/NBD to the last digit", async () => {
  const file = s.write("fit-gbk.csv", gbk(chinese));
  const memory = await run(["fit", file, "--json"]);
  const duck = await run(["fit", file, "--json", "--engine", "duckdb"]);
  expect(duck.code).toBe(0);
  const a = JSON.parse(duck.out), b = JSON.parse(memory.out);
  expect(a.customers).toBe(2357);
  expect(a.params).toEqual(b.params);
  expect(a.logLikelihood).toBe(b.logLikelihood);
  expect(duck.err).toBe(memory.err);
  expect(duck.err.split("\n")[0]).toBe("cva: note: fit-gbk.csv is not UTF-8: read as GB18030 (name another with --encoding)");
});

test("a Windows-1252 letter past the first megabyte: DuckDB meets it, and the file is read as the memory engine reads it", async () => {
  const rows = ["id,date,amount"];
  for (let i = 0; i < 47000; i++) rows.push(`c${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 97) + 0.5}`);
  rows[46001] = "Zoë,2024-01-01,5";
  const text = rows.join("\n") + "\n";
  const file = s.write("late-1252.csv", Buffer.from(text, "latin1"));
  const before = leftovers();
  const duck = await run(["summary", file, "--engine", "duckdb"]);
  const memory = await run(["summary", file]);
  expect(duck.code).toBe(0);
  expect(duck.err).toBe(memory.err);
  expect(duck.err).toMatch(/late-1252\.csv is not UTF-8: read as Windows-1252/);
  expect(csvColumns(duck.out)).toEqual(csvColumns((await run(["summary", s.write("late-utf8.csv", text), "--engine", "duckdb"])).out));
  expect(duck.out).toMatch(/\nZoë,0,0\.0,/);
  await expectNoLeftovers(before);
});

test.each([
  // 田中 / 佐藤 in Shift-JIS, named with --encoding (the memory engine guesses only GB18030 and Windows-1252).
  ["Shift-JIS, --encoding shift_jis", () => encode("id,date,amount\r\n田中,2024-01-01,10\r\n佐藤,2024-01-02,20\r\n田中,2024-01-08,5\r\n", "shift_jis"), ["--encoding", "shift_jis"], "", ["田中", "佐藤"]],
  // 陳 / 林 in Big5.
  ["Big5, --encoding big5", () => encode("id,date,amount\r\n陳,2024-01-01,10\r\n林,2024-01-02,20\r\n陳,2024-01-08,5\r\n", "big5"), ["--encoding", "big5"], "", ["陳", "林"]],
  // UTF-16BE without a byte-order mark: found by its zero bytes, with a note.
  ["UTF-16BE without a byte-order mark", () => Buffer.from(Buffer.from("id,date,amount\na,2024-01-01,10\nb,2024-01-02,20\na,2024-01-08,5\n", "utf16le").swap16()), [], "UTF-16BE", ["a", "b"]],
])("%s: the memory engine's summary and messages", async (name, bytes, extra, note, [first, second]) => {
  const file = s.write(`${name.replace(/\W+/g, "-")}.csv`, bytes());
  const memory = await run(["summary", file, "--unit", "days", ...extra]);
  const duck = await run(["summary", file, "--unit", "days", ...extra, "--engine", "duckdb"]);
  expect(memory.code).toBe(0);
  expect(duck.code).toBe(0);
  expect(duck.err).toBe(memory.err);
  expect(duck.err).toBe(note ? `cva: note: ${path.basename(file)} is not UTF-8: read as ${note} (name another with --encoding)\n` : "");
  // By hand: the first id buys on days 1 and 8 (frequency 1, recency 7, T 7, mean repeat spend 5, revenue 15), the second once on day 2.
  const c = csvColumns(duck.out);
  expect(Object.fromEntries(c.customer_id.map((id, i) => [id, [c.frequency[i], Number(c.recency[i]), Number(c.revenue[i])]]))).toEqual({ [first]: ["1", 7, 15], [second]: ["0", 0, 20] });
  expect(c.customer_id).toEqual(csvColumns(memory.out).customer_id);
});

describe("a file that is not text in its encoding: the memory engine's message, in both languages", () => {
  // 47,000 rows (about 1.2 MB) with ids in UTF-8 (cé…), and a stray byte on line 46,001, past the
  // first megabyte: the start looks like UTF-8, so DuckDB reads the file itself and meets the byte.
  const big = () => {
    const rows = ["id,date,amount"];
    for (let i = 0; i < 47000; i++) rows.push(`cé${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 97) + 0.5}`);
    return Buffer.concat([Buffer.from(rows.slice(0, 46001).join("\n") + "\n"), Buffer.from([0xff]), Buffer.from(rows.slice(46001).join("\n") + "\n")]);
  };
  const cases: [string, () => Buffer, string[], RegExp][] = [
    ["UTF-8 with a stray byte past the first megabyte", big, [], /line 46002 is not UTF-8 text/],
    ["GBK with a bad pair, --encoding gb18030", () => Buffer.concat([gbk("客户编号,日期,金额\n客户1,2024-01-01,5\n"), Buffer.from([0xc0, 0x20]), Buffer.from(",2024-01-02,6\n")]), ["--encoding", "gb18030"], /line 3 is not GB18030 text/],
    ["GBK read as UTF-8, --encoding utf-8", () => gbk(chinese), ["--encoding", "utf-8"], /line 1 is not UTF-8 text/],
    ["UTF-16LE cut in the middle of a character", () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,date,amount\na,2024-01-01,5\n", "utf16le"), Buffer.from([0x41])]), [], /line 3 is not UTF-16LE text/],
  ];
  test.each(cases)("%s", async (_, bytes, extra, en) => {
    const file = s.write(`bad-${extra.join("")}-${bytes().length}.csv`, bytes());
    const before = leftovers();
    for (const lang of ["en-US", "zh-CN"]) {
      const memory = await run(["summary", file, ...extra, "--lang", lang]);
      const duck = await run(["summary", file, ...extra, "--engine", "duckdb", "--lang", lang]);
      expect(memory.code).not.toBe(0);
      expect(duck.code).toBe(memory.code);
      expect(duck.err).toBe(memory.err);
      expect(duck.out).toBe("");
      if (lang === "en-US") expect(duck.err).toMatch(en);
      else expect(duck.err).toMatch(/第 \d+ 行不是 .* 文本/);
    }
    await expectNoLeftovers(before);
  });
});
