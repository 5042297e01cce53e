// The text output of `cva validate` on small files with a known problem, in en-US and zh-CN:
// the exact lines a user reads, and the exit code.
import { main } from "../../src/cli/main";
import { fakeIo, scratch } from "./helpers";

const files = scratch("cva-validate-text-");

describe("cva validate, text output of a file with a known problem", () => {
  it("data that end (2024-01-20) before --calibration-end (2024-02-01): usage error, exit 2, exact lines in en-US and zh-CN", async () => {
    const file = files.write("early.csv", "customer_id,date,amount\na,2024-01-02,10\na,2024-01-20,5\nb,2024-01-05,7\n");
    const en = fakeIo(files.dir());
    expect(await main(["validate", file, "--calibration-end", "2024-02-01", "--lang", "en-US"], en)).toBe(2);
    expect(en.out).toBe("");
    expect(en.err).toBe("cva: the last date in the data (2024-01-20) must come after --calibration-end (2024-02-01)\nRun `cva validate --help` for usage.\n");
    const zh = fakeIo(files.dir());
    expect(await main(["validate", file, "--calibration-end", "2024-02-01", "--lang", "zh-CN"], zh)).toBe(2);
    expect(zh.out).toBe("");
    expect(zh.err).toBe("cva：数据中的最后日期（2024-01-20）必须晚于 --calibration-end（2024-02-01）\n运行 `cva validate --help` 查看用法。\n");
  });

  it("a date that is not a date (2024-13-45 in data row 2, line 3): data error, exit 1, exact line in en-US and zh-CN", async () => {
    const file = files.write("baddate.csv", "customer_id,date,amount\na,2024-01-02,10\na,2024-13-45,5\nb,2024-03-05,7\n");
    const en = fakeIo(files.dir());
    expect(await main(["validate", file, "--calibration-end", "2024-02-01", "--lang", "en-US"], en)).toBe(1);
    expect(en.out).toBe("");
    expect(en.err).toBe('cva: baddate.csv: row 2 (line 3), column "date": cannot read "2024-13-45" as a date (expected YYYY-MM-DD or an Excel serial number)\n');
    const zh = fakeIo(files.dir());
    expect(await main(["validate", file, "--calibration-end", "2024-02-01", "--lang", "zh-CN"], zh)).toBe(1);
    expect(zh.out).toBe("");
    expect(zh.err).toBe('cva：baddate.csv：第 2 条数据（第 3 行），"date" 列：无法把 "2024-13-45" 读作日期（应为 YYYY-MM-DD 或 Excel 日期序号）\n');
  });
});
