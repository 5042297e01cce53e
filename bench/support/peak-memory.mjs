/**
 * A JavaScript expression, for a child's `node -e` script, giving that process's own peak resident
 * set in KB. Linux's getrusage maxRSS (process.resourceUsage().maxRSS) keeps, across exec, the
 * peak of the process that forked it: a child of a 400 MB parent reports at least ~400 MB even when
 * it used 40. /proc/self/status's VmHWM is the peak of the child's own memory; where there is no
 * /proc, maxRSS is the best there is.
 */
export const OWN_PEAK_KB =
  `(() => { try { return Number(/VmHWM:\\s+(\\d+)/.exec(require("fs").readFileSync("/proc/self/status", "utf8"))[1]); } ` +
  `catch { return process.resourceUsage().maxRSS; } })()`;
