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
