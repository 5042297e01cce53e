// `cva --version` prints package.json's version: through main() and through the real binary
// (bin/cva.js on the compiled lib/), so the path from lib/cli to package.json is checked too.
import { execFileSync, spawnSync } from "child_process";
import { readFileSync } from "fs";
import path from "path";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";

const root = path.resolve(__dirname, "../..");
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };

function fakeIo(): CliIo & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe("cva --version", () => {
  it.each([["--version"], ["-v"], ["version"]])("%s prints package.json's version and exits 0", async (flag) => {
    const io = fakeIo();
    expect(await main([flag], io)).toBe(0);
    expect(io.out).toBe(`${version}\n`);
    expect(io.err).toBe("");
  });

  it("is named in the help", async () => {
    const io = fakeIo();
    await main(["--help"], io);
    expect(io.out).toContain("cva --version");
  });

  it("the installed binary prints the same version", () => {
    execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.cli.json")], { cwd: root });
    const r = spawnSync(process.execPath, [path.join(root, "bin/cva.js"), "--version"], { encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, `${version}\n`, ""]);
  });
});
