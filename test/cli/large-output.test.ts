// Memory of a large `cva analyze` (docs/output.md §9): the per-customer CSV is written in pieces
// as it is made, never held whole. Built whole, a 432,533-customer result was an array of row
// strings plus their join (two-byte once a label has an en dash, 300 MB) plus its UTF-8 copy, and
// the run peaked at 1.5 GB on a 1,000,000-row file; bench/core.mjs measures the whole run.
import * as fs from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { fakeIo, scratch } from "./helpers";

const files = scratch("cva-large-output-");

/** 30,000 rows of 10,000 customers over 2024, three purchases each: a CSV result of over 2 MB. */
function transactions(): string {
  const lines = ["customer_id,date,amount"];
  for (let i = 0; i < 10000; i++) {
    for (let k = 0; k < 3; k++) {
      const day = 1 + ((i * 7 + k * 97) % 360);
      const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
      lines.push(`C${String(i).padStart(6, "0")},${date},${10 + ((i + k) % 90)}.50`);
    }
  }
  return lines.join("\n") + "\n";
}

describe("cva analyze on many customers", () => {
  it("writes the per-customer CSV to standard output in pieces of at most 1 MB, the same bytes as a whole", async () => {
    const tx = files.write("tx.csv", transactions());
    const pieces: number[] = [];
    const io = fakeIo(files.dir());
    const write = io.stdout;
    io.stdout = (text: string) => {
      pieces.push(text.length);
      write(text);
    };
    expect(await main(["analyze", tx], io)).toBe(0);
    const rows = io.out.split("\n");
    expect(rows[0].startsWith("customer_id,frequency,recency,T,")).toBe(true);
    expect(rows.length).toBe(10000 + 2); // header, 10,000 customers, the final newline
    expect(io.out.length).toBeGreaterThan(2_000_000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(1 << 20);

    // --out gets the same bytes, written through the same pieces.
    const out = path.join(files.dir(), "results.csv");
    const io2 = fakeIo(files.dir());
    expect(await main(["analyze", tx, "--out", "results.csv"], io2)).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe(io.out);
  });
});
