// npm start: build and serve the add-in on https://localhost:3000, and sideload it
// into Excel desktop where Excel is installed (office-addin-debugging). Where it is not
// (Linux, or a Windows/Mac machine without Excel), serve it and print how to sideload
// it into Excel on the web, on Windows and on Mac. `npm stop` stops what this started.
//
// CVA_SIDELOAD=desktop|none overrides the detection.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifest = path.join(root, "manifest.xml");
const pidFile = path.join(root, ".cva-dev-server.pid");
const logFile = path.join(root, "cva-dev-server.log");
const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const url = `https://localhost:${port}/taskpane.html`;
const bin = (name) => path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

function excelDesktopInstalled() {
  if (process.platform === "darwin") {
    return existsSync("/Applications/Microsoft Excel.app");
  }
  if (process.platform === "win32") {
    const roots = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"]].filter(Boolean);
    const tails = ["Microsoft Office\\root\\Office16\\EXCEL.EXE", "Microsoft Office\\Office16\\EXCEL.EXE"];
    return roots.some((r) => tails.some((t) => existsSync(path.join(r, t))));
  }
  return false;
}

/** Resolves true once the dev server answers (its certificate may not be trusted yet). */
function serverAnswers() {
  return new Promise((resolve) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

function instructions() {
  const wef = path.join(os.homedir(), "Library/Containers/com.microsoft.Excel/Data/Documents/wef");
  return `
CVA is being served at https://localhost:${port} (log: ${path.relative(root, logFile)}).
No Excel desktop was found on this machine, so nothing was sideloaded. To use CVA:

  Excel on the web (any OS):
    1. Open https://localhost:${port}/taskpane.html once in the same browser and accept
       the development certificate if the browser warns about it.
    2. Open a workbook at office.com, then Home > Add-ins > More Settings (or
       Insert > Office Add-ins) > Upload My Add-in, and choose
       ${manifest}
    3. The "Customer value" group appears on the Home tab; type =CVA.CLV( in a cell.

  Excel on Windows:
    Run \`npm start\` there: it sideloads automatically. By hand: share a folder holding
    manifest.xml, add it under File > Options > Trust Center > Trusted Add-in Catalogs,
    restart Excel, then Home > Add-ins > Shared Folder.

  Excel on Mac:
    Run \`npm start\` there, or copy manifest.xml into
    ${wef}
    and restart Excel; the add-in is under Home > Add-ins.

Stop the server with \`npm stop\`.
`;
}

async function serveAndExplain() {
  if (await serverAnswers()) {
    console.log(`A dev server already answers on https://localhost:${port}.`);
    console.log(instructions());
    return 0;
  }
  console.log(`Building and serving CVA on https://localhost:${port} …`);
  const log = openSync(logFile, "w");
  const child = spawn(process.execPath, [path.join(root, "node_modules", "webpack-cli", "bin", "cli.js"), "serve", "--mode", "development"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", log, log],
    env: { ...process.env, npm_package_config_dev_server_port: String(port) },
  });
  let exited = null;
  child.on("exit", (code) => (exited = code ?? 1));
  writeFileSync(pidFile, JSON.stringify({ pid: child.pid, mode: "serve" }));
  child.unref();

  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      console.error(`The dev server stopped (exit ${exited}). Its log:\n${readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n")}`);
      return 1;
    }
    if (await serverAnswers()) {
      const notes = readFileSync(logFile, "utf8").split("\n").filter((l) => l.startsWith("[cva]"));
      if (notes.length) console.log(`\n${notes.join("\n")}`);
      console.log(instructions());
      return 0;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  console.error(`The dev server did not answer within 3 minutes; see ${logFile}.`);
  return 1;
}

function sideloadDesktop() {
  console.log("Excel desktop found: building, serving and sideloading CVA with office-addin-debugging …");
  const r = spawnSync(bin("office-addin-debugging"), ["start", manifest, "desktop", "--app", "excel"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  writeFileSync(pidFile, JSON.stringify({ mode: "desktop" }));
  return r.status ?? 1;
}

const mode = process.env.CVA_SIDELOAD || (excelDesktopInstalled() ? "desktop" : "none");
process.exit(mode === "desktop" ? sideloadDesktop() : await serveAndExplain());
