// Benchmark of the pane's analysis in Chromium (docs/architecture.md §15): the rows as Excel hands
// them over → packed on the page's thread → analysed in the Web Worker → the output plan back on
// the page's thread, exactly as the pane runs it (src/taskpane/workflow/worker-client.ts).
//
// Data: the CDNOW sample (6,919 purchases, data/cdnow) repeated 150 times under distinct ids:
// 1,037,850 transactions of 353,550 customers, the pane measurement the worker answers (9.4 s of
// synchronous work on the page's thread, 757 MB of heap). Options: the pane's defaults (weeks, the
// lifetime model chosen among BG/NBD, MBG/NBD and Pareto/NBD).
//
// Prints, for the worker path: the longest task on the page's thread while it ran (Long Tasks API,
// PerformanceObserver "longtask"; target ≤ 100 ms), with the phase it fell in, and, from a trace, the longest task in CPU
// time (what the first would be if nothing else ran: a busy machine stretches tasks in wall
// time by descheduling the thread), the compute time end to end (target < 3 s) with the CPU time
// the page's and the worker's threads spent (from the trace: what a busy machine cannot stretch),
// the phases of the compute on the page's clock (the page packing the rows and posting them, the
// worker reading them into the table, analysing — the core's summaries, fits and scores —, building
// the plan, its reply, the page receiving it) and, after the compute, the time to make the results
// table's rows block by block as the writer makes them for Excel (no Excel here); the peak JS heap (page and worker isolates, sampled every 50 ms over the DevTools protocol, and
// their sum; target < 500 MB) and the renderer process's peak resident memory; then the latency
// of a Cancel made 300 ms into the fit (target ≤ 200 ms); then the same analysis on the page's
// thread for comparison. Exits 1 when a target is missed. Needs Debian's Chromium (or
// CHROMIUM_PATH); without it, says so and exits 0.
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const { buildComputePage } = require(path.join(root, "scripts/webpack/compute-page.js"));

const COPIES = Number(process.env.CVA_BENCH_COPIES || 150);
const TARGET = { longTaskMs: 100, computeMs: 3000, heapMB: 500, cancelMs: 200 };
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(executablePath)) {
  console.log(`pane-worker: SKIPPED, no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(0);
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cva-bench-pane-"));
await buildComputePage(outDir);
const server = http.createServer((req, res) => {
  const file = path.join(outDir, path.basename(new URL(req.url ?? "/", "http://x").pathname));
  if (!fs.existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "Content-Type": file.endsWith(".html") ? "text/html" : "text/javascript" }).end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath, args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"] });
const MB = 1024 * 1024;

/**
 * Samples the JS heap of the page and of every worker it starts, every 50 ms, over the DevTools
 * protocol (a worker has no performance.memory): `stop()` gives each peak and the peak of their sum.
 */
async function heapSampler(page) {
  const pageCdp = await page.context().newCDPSession(page);
  const cdp = await browser.newBrowserCDPSession();
  const sessions = new Map(); // targetId → sessionId
  const last = new Map(); // sessionId → bytes
  let nextId = 1;
  const waiting = new Map();
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const m = JSON.parse(e.message);
    if (m.id !== undefined && waiting.has(m.id)) {
      waiting.get(m.id)(m.result?.usedSize ?? 0);
      waiting.delete(m.id);
    }
  });
  const workerHeap = (sessionId) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method: "Runtime.getHeapUsage" }) }).catch(() => resolve(0));
    });
  let peakPage = 0, peakWorker = 0, peakSum = 0, running = true;
  const loop = (async () => {
    while (running) {
      const { targetInfos } = await cdp.send("Target.getTargets");
      for (const t of targetInfos) {
        if (t.type === "worker" && !sessions.has(t.targetId)) {
          const r = await cdp.send("Target.attachToTarget", { targetId: t.targetId, flatten: false }).catch(() => null);
          if (r) sessions.set(t.targetId, r.sessionId);
        }
      }
      const live = new Set(targetInfos.map((t) => t.targetId));
      const [p, ...ws] = await Promise.all([
        pageCdp.send("Runtime.getHeapUsage").then((h) => h.usedSize),
        ...[...sessions].filter(([t]) => live.has(t)).map(([, s]) => Promise.race([workerHeap(s), new Promise((r) => setTimeout(() => r(last.get(s) ?? 0), 200))]).then((b) => (last.set(s, b), b))),
      ]);
      const w = ws.reduce((a, b) => a + b, 0);
      peakPage = Math.max(peakPage, p);
      peakWorker = Math.max(peakWorker, w);
      peakSum = Math.max(peakSum, p + w);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await cdp.detach().catch(() => undefined);
      await pageCdp.detach().catch(() => undefined);
      return { page: peakPage / MB, worker: peakWorker / MB, sum: peakSum / MB };
    },
  };
}

/** The renderer processes' peak resident memory (Linux /proc), in MB; null elsewhere. */
async function rendererPeakMB() {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  await cdp.detach();
  let peak = null;
  for (const p of processInfo.filter((x) => x.type === "renderer")) {
    const status = `/proc/${p.id}/status`;
    if (!fs.existsSync(status)) continue;
    const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(status, "utf8"))?.[1] ?? 0);
    peak = Math.max(peak ?? 0, kb / 1024);
  }
  return peak;
}

async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${origin}/compute-page.html`);
  const csv = fs.readFileSync(path.join(root, "data/cdnow/cdnow_sample.csv"), "utf8");
  const loaded = await page.evaluate(([text, copies]) => globalThis.__cvaCompute.load(text, copies), [csv, COPIES]);
  return { context, page, errors, loaded };
}

const round = (x) => (x === null || x === undefined ? "–" : Math.round(x));
let missed = 0;
const verdict = (ok) => (ok ? "ok" : (missed++, "MISSED"));

/**
 * The longest task of the page's main thread in CPU time (a trace's thread time): what the Long
 * Tasks API would report on an idle machine, where the thread is never descheduled.
 */
function longestTaskCpuMs(tracePath) {
  const events = JSON.parse(fs.readFileSync(tracePath, "utf8")).traceEvents;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const tasks = events.filter((e) => e.ph === "X" && e.pid === main.pid && e.tid === main.tid && e.cat.includes("toplevel") && e.tdur !== undefined);
  return Math.max(0, ...tasks.map((e) => e.tdur / 1000));
}

/**
 * The CPU time of the page's thread and of the analysis worker's thread while traced (the sum of
 * their top-level tasks' thread time, ms): what the run cost the machine whatever else it ran.
 */
function threadCpuMs(tracePath) {
  const events = JSON.parse(fs.readFileSync(tracePath, "utf8")).traceEvents;
  const sum = (name) => {
    const threads = events.filter((e) => e.name === "thread_name" && e.args?.name === name).map((e) => `${e.pid}/${e.tid}`);
    // Nested top-level events (a task inside a task) counted once: only the outermost of each thread.
    let total = 0;
    for (const key of threads) {
      const tasks = events.filter((e) => e.ph === "X" && `${e.pid}/${e.tid}` === key && e.cat.includes("toplevel") && e.tdur !== undefined).sort((a, b) => a.ts - b.ts);
      let end = -Infinity;
      for (const t of tasks) {
        if (t.ts >= end) {
          total += t.tdur / 1000;
          end = t.ts + t.dur;
        }
      }
    }
    return total;
  };
  return { page: sum("CrRendererMain"), worker: sum("DedicatedWorker thread") };
}

// 1. The worker path, end to end, traced.
const w = await freshPage();
const tracePath = path.join(outDir, "trace.json");
await browser.startTracing(w.page, { path: tracePath, categories: ["toplevel"] });
const worker = await w.page.evaluate(() => globalThis.__cvaCompute.run({ where: "worker", write: true }));
await browser.stopTracing();
const cpuMax = longestTaskCpuMs(tracePath);
const cpu = threadCpuMs(tracePath);
await w.context.close();
if (worker.error) throw new Error(`the worker run failed: ${worker.error}`);
if (worker.output.ranIn !== "worker") throw new Error(`the analysis ran in ${worker.output.ranIn}, not in the worker`);

// 2. Again, with the heap sampled.
const h = await freshPage();
const sampler = await heapSampler(h.page);
const sampled = await h.page.evaluate(() => globalThis.__cvaCompute.run({ where: "worker", write: true }));
const heap = await sampler.stop();
const rss = await rendererPeakMB();
await h.context.close();
if (sampled.error) throw new Error(`the worker run failed: ${sampled.error}`);

// 3. A Cancel 300 ms into the fit, in a fresh page.
const c = await freshPage();
const cancel = await c.page.evaluate(() => globalThis.__cvaCompute.run({ where: "worker", cancelInStage: "fitting", cancelAfterMs: 300 }));
await c.context.close();
if (!cancel.cancelled) throw new Error(`the Cancel did not cancel: ${cancel.error ?? "the run finished"}`);

// 4. The same analysis on the page's thread (the fallback where no worker starts), for comparison.
const p = await freshPage();
const inPage = await p.page.evaluate(() => globalThis.__cvaCompute.run({ where: "page" }));
await p.context.close();

await browser.close();
server.close();
fs.rmSync(outDir, { recursive: true, force: true });

const maxTask = (r) => Math.max(0, ...r.longTasks.map((t) => t.ms));
const fitStart = cancel.stages.find((s) => s.stage === "fitting")?.at;
console.log(`pane analysis in Chromium: ${w.loaded.transactions.toLocaleString("en-US")} transactions (CDNOW × ${COPIES}), ${worker.output.headline.customers.toLocaleString("en-US")} customers, pane defaults`);
// Times and task lengths scale with what else the machine runs: say how busy it was.
console.log(`load average over the last minute: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
console.table([
  { figure: "longest task on the page's thread (ms, phase)", worker: `${round(maxTask(worker))}${worker.longTasks.length ? ` (${worker.longTasks.reduce((a, b) => (b.ms > a.ms ? b : a)).phase ?? "no phase"})` : ""}`, "in page": round(maxTask(inPage)), target: `≤ ${TARGET.longTaskMs}`, verdict: verdict(maxTask(worker) <= TARGET.longTaskMs) },
  { figure: "  longest task in CPU time (ms, trace)", worker: round(cpuMax), "in page": "", target: "", verdict: "" },
  { figure: "long tasks (> 50 ms)", worker: worker.longTasks.length, "in page": inPage.longTasks.length, target: "", verdict: "" },
  { figure: "10 ms page timer ticks during the run", worker: worker.ticks, "in page": inPage.ticks, target: "", verdict: "" },
  { figure: "compute end to end (ms)", worker: round(worker.ms), "in page": round(inPage.ms), target: `< ${TARGET.computeMs}`, verdict: verdict(worker.ms < TARGET.computeMs) },
  { figure: "  then the results' rows made for the writer, block by block (ms)", worker: `${round(worker.write?.ms)} (${worker.write?.blocks} blocks)`, "in page": "", target: "", verdict: "" },
  { figure: "  CPU time of the page / the worker thread (ms, trace)", worker: `${round(cpu.page)} / ${round(cpu.worker)}`, "in page": "", target: "", verdict: "" },
  { figure: "peak JS heap, page + worker (MB)", worker: round(heap.sum), "in page": "", target: `< ${TARGET.heapMB}`, verdict: verdict(heap.sum < TARGET.heapMB) },
  { figure: "  of it the page / the worker (MB)", worker: `${round(heap.page)} / ${round(heap.worker)}`, "in page": "", target: "", verdict: "" },
  { figure: "renderer process peak RSS (MB)", worker: round(rss), "in page": "", target: "", verdict: "" },
  { figure: "Cancel 300 ms into the fit → rejected (ms)", worker: cancel.cancelMs === null ? "–" : cancel.cancelMs.toFixed(1), "in page": "", target: `≤ ${TARGET.cancelMs}`, verdict: verdict(cancel.cancelMs !== null && cancel.cancelMs <= TARGET.cancelMs) },
]);
console.log(
  `phases (worker run, ms from the start, and how long): ${worker.phases.map((p) => `${p.phase} ${round(p.start)}–${round(p.end)} (${round(p.end - p.start)})`).join(", ")}`,
);
const longList = (r) => r.longTasks.map((t) => `${round(t.at)}: ${round(t.ms)} in ${t.phase ?? "no phase"}`).join(", ") || "none";
console.log(
  `long tasks (ms from the start: duration, phase): worker run ${longList(worker)}; heap-sampled run ${longList(sampled)}; the cancelled run's fit began at ${round(fitStart)} ms and was cancelled in it`,
);
const pageErrors = [...w.errors, ...h.errors, ...c.errors, ...p.errors];
if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join("; ")}`);
if (missed > 0) {
  console.error(`pane-worker: ${missed} target(s) missed`);
  process.exit(1);
}
