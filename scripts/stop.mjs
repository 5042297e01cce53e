// npm stop: stops the dev server that `npm start` started (and, after a desktop
// sideload, unregisters the add-in through office-addin-debugging).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pidFile = path.join(root, ".cva-dev-server.pid");

if (!existsSync(pidFile)) {
  console.log("No CVA dev server started by `npm start` is recorded; nothing to stop.");
  process.exit(0);
}
const { pid, mode } = JSON.parse(readFileSync(pidFile, "utf8"));
if (mode === "desktop") {
  const bin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging");
  const r = spawnSync(bin, ["stop", path.join(root, "manifest.xml"), "desktop", "--app", "excel"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  rmSync(pidFile, { force: true });
  process.exit(r.status ?? 1);
}
try {
  if (process.platform === "win32") spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "inherit" });
  else process.kill(-pid, "SIGTERM"); // the server was started detached, as its own process group
  console.log(`Stopped the CVA dev server (process ${pid}).`);
} catch (e) {
  if (e.code === "ESRCH") console.log(`The CVA dev server (process ${pid}) had already stopped.`);
  else throw e;
}
rmSync(pidFile, { force: true });
