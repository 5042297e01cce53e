// Reruns the date-sensitive suites (core and CLI) under three time zones, so a date
// that drifts by a day in some zone fails the build (docs/architecture.md §7).
import { spawnSync } from "node:child_process";

const zones = ["UTC", "America/Los_Angeles", "Asia/Shanghai"];
const roots = ["test/core", "test/cli"];
for (const tz of zones) {
  console.log(`\n=== TZ=${tz} ===`);
  const r = spawnSync("npx", ["jest", "--silent", ...roots.map((r) => `--roots=<rootDir>/${r}`)], {
    stdio: "inherit",
    env: { ...process.env, TZ: tz },
  });
  if (r.status !== 0) {
    console.error(`Tests failed under TZ=${tz}`);
    process.exit(r.status ?? 1);
  }
}
