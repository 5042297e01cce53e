/** Runs the project's webpack build in a child process into a fresh temporary folder. */
import { spawnSync } from "child_process";
import { mkdtempSync } from "fs";
import os from "os";
import path from "path";

export const repoRoot = path.resolve(__dirname, "../..");

export interface BuildResult {
  status: number | null;
  output: string;
  outDir: string;
}

export function webpackBuild(env: Record<string, string> = {}, mode: "development" | "production" = "development"): BuildResult {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "cva-build-"));
  const r = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", mode], {
    cwd: repoRoot,
    env: { ...process.env, CVA_OUT_DIR: outDir, ...env },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, outDir };
}
