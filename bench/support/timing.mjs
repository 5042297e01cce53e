// Timing shared by the benchmark scripts (kept in bench/support/ so bench/run.mjs does not run it).

/**
 * The median time of `runs` calls of fn, in ms, and the last call's result. With `warmUp`, one
 * untimed call first (the caller may instead warm up with a shorter median run of its own).
 */
export function median(fn, runs, { warmUp = false } = {}) {
  if (warmUp) fn();
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)], result };
}

/**
 * The median clock time and the median CPU time (ms; process.cpuUsage, so V8's compiler and
 * garbage-collector threads count) of the same `runs` calls of fn, and the last call's result.
 * (A full collection before each call does not steady them: its sweeping goes on, in V8's helper
 * threads, into the call timed.)
 */
export function medianBoth(fn, runs) {
  const clock = [], cpu = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    clock.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (a) => a.sort((x, y) => x - y)[Math.floor(runs / 2)];
  return { ms: mid(clock), cpu: mid(cpu), result };
}
