// Files that are not UTF-8: what Excel's "Save as CSV" writes in China (GB18030/GBK) and Europe
// (Windows-1252), and its "Unicode text" (UTF-16 with a byte-order mark). Ids must come through
// as the user typed them and never be merged into one "����" customer; bytes the reader cannot
// decode are refused with a message naming the encoding. The bytes are written by the test.
import { main } from "../../src/cli/main";
import { fakeIo, scratch } from "./helpers";

const s = scratch("cva-enc-");
const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ""), "hex");
const ascii = (t: string) => Buffer.from(t, "latin1");

// 客户编号,日期,金额 / 张三 / 李四 in GBK (GB18030 agrees on these).
const GBK_HEADER = "bfcdbba7b1e0bac5 2c c8d5c6da 2c bdf0b6ee";
const ZHANG_SAN = "d5c5c8fd";
const LI_SI = "c0eecbc4";
function gbkFile(): Buffer {
  return Buffer.concat([
    hex(GBK_HEADER), ascii("\r\n"),
    hex(ZHANG_SAN), ascii(",2024-01-01,10\r\n"),
    hex(LI_SI), ascii(",2024-01-02,20\r\n"),
    hex(ZHANG_SAN), ascii(",2024-01-08,5\r\n"),
  ]);
}
const SUMMARY_HEADER = "customer_id,frequency,recency,T,monetary,revenue,first,last,orders";

async function summary(file: string, ...extra: string[]) {
  const io = fakeIo(s.dir());
  const code = await main(["summary", file, "--unit", "days", ...extra], io);
  return { code, out: io.out, err: io.err };
}

describe("text encodings of CSV files", () => {
  it("a GBK file from Excel in China keeps 张三 and 李四 apart, with their own revenues", async () => {
    const r = await summary(s.write("gbk.csv", gbkFile()));
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toEqual([SUMMARY_HEADER, "张三,1,7,7,5,15,2024-01-01,2024-01-08,2", "李四,0,0,6,0,20,2024-01-02,2024-01-02,1"]);
    // The user is told how the file was read.
    expect(r.err).toMatch(/gbk\.csv.*GB18030/);
  });
  it("a Windows-1252 file from Excel in Europe keeps Zoë and Zoé apart", async () => {
    const bytes = Buffer.concat([ascii("id,date,amount\r\nZo"), hex("eb"), ascii(",2024-01-01,10\r\nZo"), hex("e9"), ascii(",2024-01-02,20\r\n")]);
    const r = await summary(s.write("latin.csv", bytes));
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").slice(1).map((l) => l.split(",").slice(0, 6).join(",")).sort()).toEqual(["Zoé,0,0,0,0,20", "Zoë,0,0,1,0,10"]);
    expect(r.err).toMatch(/latin\.csv.*Windows-1252/);
  });
  it("two accented letters in a row (Größe, créée) are still Windows-1252, not Chinese", async () => {
    const bytes = Buffer.concat([ascii("id,date,amount\r\nGr"), hex("f6df"), ascii("e,2024-01-01,10\r\ncr"), hex("e9e9"), ascii("e,2024-01-02,20\r\n")]);
    const r = await summary(s.write("latin2.csv", bytes));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nGröße,/);
    expect(r.out).toMatch(/\ncréée,/);
  });
  it("one-character Chinese ids under an English header are still GBK when there are several", async () => {
    const names = ["d5c5", "c0ee", "cdf5", "c1f5", "b3c2", "d1ee", "bbc6", "d6dc"]; // 张 李 王 刘 陈 杨 黄 周
    const bytes = Buffer.concat([ascii("id,date,amount\r\n"), ...names.map((h, i) => Buffer.concat([hex(h), ascii(`,2024-01-0${i + 1},${i + 1}\r\n`)]))]);
    const r = await summary(s.write("gbk1.csv", bytes));
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").slice(1).map((l) => l.split(",")[0]).sort()).toEqual(["刘", "周", "张", "李", "杨", "王", "陈", "黄"].sort());
  });
  it("UTF-16 LE and BE with a byte-order mark (Excel's Unicode text, tab-separated)", async () => {
    const text = "客户编号\t日期\t金额\r\n张三\t2024-01-01\t10\r\n李四\t2024-01-02\t20\r\n";
    const le = Buffer.concat([hex("fffe"), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le).swap16();
    for (const [name, bytes] of [["le.csv", le], ["be.csv", be]] as const) {
      const r = await summary(s.write(name, bytes));
      expect([name, r.code, r.err]).toEqual([name, 0, ""]);
      expect(r.out.trim().split("\n").map((l) => l.split(",")[0])).toEqual(["customer_id", "张三", "李四"]);
    }
  });
  it("UTF-8 with and without a byte-order mark is read silently", async () => {
    const text = "客户编号,日期,金额\n张三,2024-01-01,10\n李四,2024-01-02,20\n";
    for (const bytes of [Buffer.from(text), Buffer.concat([hex("efbbbf"), Buffer.from(text)])]) {
      const r = await summary(s.write("u8.csv", bytes));
      expect([r.code, r.err]).toEqual([0, ""]);
      expect(r.out).toMatch(/\n张三,1?/);
    }
  });
  it("--encoding names the encoding; a wrong one is refused at the line it fails, never merged", async () => {
    const gbk = s.write("gbk2.csv", gbkFile());
    const ok = await summary(gbk, "--encoding", "gb18030");
    expect([ok.code, ok.err]).toEqual([0, ""]);
    expect(ok.out).toMatch(/\n李四,/);
    const bad = await summary(gbk, "--encoding", "utf-8");
    expect(bad.code).toBe(1);
    expect(bad.out).toBe("");
    expect(bad.err).toMatch(/gbk2\.csv: line 1 is not UTF-8 text.*--encoding/);
    expect(bad.err).not.toMatch(/\uFFFD/);
    const unknown = await summary(gbk, "--encoding", "klingon");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--encoding .*utf-8.*gb18030.*windows-1252.*"klingon"/);
  });
  it("bytes that are no encoding it knows are refused with a message about the encoding", async () => {
    // 0x81 alone and 0xFF are neither UTF-8, nor GB18030, nor defined in Windows-1252.
    const r = await summary(s.write("junk.csv", Buffer.concat([ascii("id,date,amount\nA"), hex("81ff"), ascii(",2024-01-01,10\n")])));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/junk\.csv: cannot tell the text encoding.*--encoding/);
  });
  it("an Excel workbook given as a CSV is named as such", async () => {
    const r = await summary(s.write("book.csv", Buffer.concat([hex("504b0304140006000800"), Buffer.alloc(40)])));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/book\.csv: .*Excel workbook/);
  });
  it("the profiles file is decoded too (GBK ids joined to GBK transactions)", async () => {
    const tx = s.write("gbk-tx.csv", gbkFile());
    const profiles = s.write("gbk-profiles.csv", Buffer.concat([hex("bfcdbba7b1e0bac5"), ascii(",complaints\r\n"), hex(ZHANG_SAN), ascii(",3\r\n")]));
    const io = fakeIo(s.dir());
    expect(await main(["analyze", tx, "--profiles", profiles, "--model", "none", "--unit", "days"], io)).toBe(0);
    const lines = io.out.trim().split("\n");
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual(["张三", "李四"]);
    expect(io.err).not.toMatch(/match no customer/);
  });
});
