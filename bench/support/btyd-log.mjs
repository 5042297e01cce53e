// Seeded generator of a transaction log drawn from the BG/NBD story (Fader, Hardie & Lee 2005),
// for bench/duckdb.mjs. Customers arrive uniformly over 2021; each buys at a Poisson rate λ ~
// Gamma(r = 0.5, rate α = 20 per day) — a mean of one purchase in 40 days — and after every
// purchase drops out with probability p ~ Beta(a = 0.8, b = 2.4); the log ends on 2023-12-31. Each
// customer has a mean spend m ~ Gamma(3, scale 15) and each purchase an amount ~ Gamma(5, scale
// m/5), in cents. About six rows a customer (1,000,000 rows: 170,774 customers), a few on one day
// (two purchases in a day are one purchase day in the summary). Customers are drawn until the log
// has exactly `rows` rows (the last customer's history cut short); rows come customer by customer,
// in time order.
//
// Usage: node bench/support/btyd-log.mjs [rows] [dir]  (default 1,000,000 rows in
// $TMPDIR/cva-bench). Writes btyd_log_<rows>.csv (customer_id,date,amount) unless present and
// prints its path. Same seed → same file. 10,000,000 rows: about 250 MB and a minute here.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultDir, mulberry32 } from "../generate.mjs";

const HORIZON = 3 * 365; // 2021-01-01 … 2023-12-31 (no leap day in 2021–2023)

/** A standard normal by Box–Muller. */
function normal(rnd) {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Gamma(shape k, scale 1) by Marsaglia & Tsang (2000); k < 1 through Gamma(k + 1)·U^(1/k). */
function gamma(rnd, k) {
  if (k < 1) return gamma(rnd, k + 1) * Math.pow(1 - rnd(), 1 / k);
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x, v;
    do {
      x = normal(rnd);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rnd();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function isoDate(day) {
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

/** Writes the log of `rows` rows into dir (unless present); returns its path and, when written now, its customer count. */
export function generateBtydLog(rows, dir = defaultDir(), seed = 20260501) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `btyd_log_${rows}.csv`);
  if (fs.existsSync(file)) return { file };
  const rnd = mulberry32(seed);
  const dates = Array.from({ length: HORIZON }, (_, d) => isoDate(d));
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, "w");
  let chunk = "customer_id,date,amount\n";
  let written = 0, customers = 0;
  while (written < rows) {
    const id = `C${String(customers++).padStart(8, "0")}`;
    const lambda = gamma(rnd, 0.5) / 20;
    const ga = gamma(rnd, 0.8);
    const p = ga / (ga + gamma(rnd, 2.4));
    const meanSpend = 15 * gamma(rnd, 3);
    let t = rnd() * 365;
    for (;;) {
      const cents = Math.max(1, Math.round((100 * meanSpend * gamma(rnd, 5)) / 5));
      chunk += `${id},${dates[Math.floor(t)]},${(cents / 100).toFixed(2)}\n`;
      if (++written >= rows || rnd() < p) break;
      t += -Math.log(1 - rnd()) / lambda;
      if (t >= HORIZON) break;
    }
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = "";
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return { file, customers };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const { file, customers } = generateBtydLog(rows, process.argv[3] ?? defaultDir());
  console.log(customers === undefined ? file : `${file} (${customers} customers)`);
}
