// Seeded generator of transaction CSVs for the benchmarks: 10k, 100k and 1M rows, ten rows per
// customer on average (1M rows → 100,000 customers), dates over three years, amounts in cents;
// with `customers` given, rows drawn among that many ids instead (1M rows among 500,000 ids →
// 432,467 customers, most with one to three rows; among 10,000,000 ids → 951,779 customers, nearly
// one a row: the memory cases of bench/core.mjs).
// Usage: node bench/generate.mjs [dir]  (default: $TMPDIR/cva-bench). Same seed → same files.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const SIZES = [10_000, 100_000, 1_000_000];

/** mulberry32: a small, fast, seeded PRNG (Tommy Ettinger's). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDate(day) {
  // day: days since 2021-01-01, within 2021–2023 (no leap years to worry about except none: 2021–2023 have none).
  const months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let y = 2021;
  while (day >= 365) {
    day -= 365;
    y++;
  }
  let m = 0;
  while (day >= months[m]) day -= months[m++];
  return `${y}-${String(m + 1).padStart(2, "0")}-${String(day + 1).padStart(2, "0")}`;
}

/**
 * Writes transactions_<rows>.csv (transactions_<rows>_<customers>c.csv when `customers` is given)
 * into dir (unless present) and returns its path.
 */
export function generate(rows, dir, seed = 20240501, customers = undefined) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, customers === undefined ? `transactions_${rows}.csv` : `transactions_${rows}_${customers}c.csv`);
  if (fs.existsSync(file)) return file;
  const rnd = mulberry32(seed + rows);
  if (customers === undefined) customers = Math.max(1, Math.floor(rows / 10));
  const dates = Array.from({ length: 3 * 365 }, (_, d) => isoDate(d));
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, "w");
  let chunk = "customer_id,date,amount,cost\n";
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(rnd() * customers);
    const amount = Math.round(100 + rnd() * 20000) / 100;
    const cost = Math.round(amount * (40 + rnd() * 40)) / 100;
    chunk += `C${String(c).padStart(7, "0")},${dates[Math.floor(rnd() * dates.length)]},${amount},${cost}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = "";
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return file;
}

export function defaultDir() {
  return path.join(os.tmpdir(), "cva-bench");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? defaultDir();
  for (const n of SIZES) console.log(generate(n, dir));
}
