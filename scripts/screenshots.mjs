// Regenerates the README's pictures (docs/images/*.png) from the browser tests: builds the
// add-in, runs test/browser in Chromium with CVA_UPDATE_IMAGES=1 so the tests copy their
// screenshots over docs/images/. A plain `npm test` leaves docs/images/ untouched.
import { spawnSync } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
for (const [cmd, args] of [
  [npm, ["run", "build"]],
  [npx, ["jest", "-c", "jest.browser.config.js", "test/browser/taskpane.test.ts"]],
]) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, CVA_UPDATE_IMAGES: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
